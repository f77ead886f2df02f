package org.mcalab.gateway.tunnel;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.mcalab.client.ClientIdentity;
import org.mcalab.client.ClientTls;
import org.mcalab.client.GatewayTrust;
import org.mcalab.fixtures.HeldCertificate;
import org.mcalab.gateway.session.AuthMode;
import org.mcalab.gateway.session.Login;
import org.mcalab.gateway.session.Session;
import org.mcalab.gateway.session.SessionDb;

/**
 * One CSTP frame per TLS record (docs/protocol.md §9.3) while the gateway batches its flushes: a real TLS handler on the
 * gateway side, a client SSLEngine that opens the records one at a time, so a record holding two frames shows.
 */
@Timeout(60)
class CstpRecordsTest {
    private static final HeldCertificate GATEWAY = HeldCertificate.builder().subject("cn=gateway.test").ec("secp256r1").build();

    private final SessionDb sessions = new SessionDb(Clock.systemUTC(), new SecureRandom(), "7f000001");
    private final CstpTunnelService service = CstpTunnelService.forConfig(SeedConfig.seed(),
            Clock.systemUTC()).attach(sessions);

    @AfterEach
    void stop() {
        service.close();
    }

    @Test
    void repliesWrittenInOneReadGoOutOneFramePerRecord() throws Exception {
        Tls tls = connected("TLSv1.3");
        List<byte[]> requests = new ArrayList<>();
        ByteArrayOutputStream batch = new ByteArrayOutputStream();
        for (int i = 0; i < 20; i++) {
            byte[] udp = TestPackets.udp("192.168.100.1", "192.168.1.9", 40000 + i, 7, new byte[100 + 37 * i]);
            requests.add(udp);
            batch.writeBytes(frame(0, udp));
        }
        batch.writeBytes(frame(3, new byte[] {7, 7})); // a DPD request among the data: its answer is batched too
        List<byte[]> records = tls.exchange(batch.toByteArray());

        assertThat(records.stream().map(r -> r.length).toList()).as("plaintext bytes per record")
                .hasSize(requests.size() + 1);
        for (int i = 0; i < requests.size(); i++) {
            byte[] r = records.get(i);
            assertThat(r).as("record %d holds exactly one DATA frame", i).hasSize(8 + requests.get(i).length);
            assertThat(r[6]).isEqualTo((byte) 0);
        }
        assertThat(records.get(requests.size())).isEqualTo(new byte[] {'S', 'T', 'F', 1, 0, 2, 4, 0, 7, 7});
    }

    @Test
    void moreRepliesThanOneFlushBatchStillOneFramePerRecord() throws Exception {
        Tls tls = connected("TLSv1.2");
        int count = CstpTunnelHandler.FLUSH_EVERY * 2 + 5;
        ByteArrayOutputStream batch = new ByteArrayOutputStream();
        byte[] ping = TestPackets.icmpEcho("192.168.100.1", "192.168.1.1", 1, 1, new byte[1000]);
        for (int i = 0; i < count; i++) {
            batch.writeBytes(frame(0, ping));
        }
        List<byte[]> records = tls.exchange(batch.toByteArray());
        assertThat(records.stream().map(r -> r.length).toList()).as("plaintext bytes per record")
                .hasSize(count).containsOnly(8 + ping.length);
    }

    private Tls connected(String protocol) throws Exception {
        Session session = sessions.open(new Login("u", "ANYCONNECT-MCA", "Grouppolicy-MCA", "127.0.0.1", 50000, 443,
                AuthMode.MULTIPLE_CERTIFICATE, "linux-64", "Open AnyConnect VPN Agent v9.01-3", protocol,
                "TLS_AES_256_GCM_SHA384", null, null, Optional.of(Duration.ofMinutes(30)))).session();
        SslContext server = SslContextBuilder.forServer(GATEWAY.privateKey(), GATEWAY.certificate())
                .sslProvider(SslProvider.JDK).protocols(protocol).build();
        SslContext client = ClientTls.of(GatewayTrust.certificates(List.of(GATEWAY.certificate())), ClientIdentity.none())
                .upTo(protocol).nettyContext(SslProvider.JDK);
        EmbeddedChannel gateway = new EmbeddedChannel(server.newHandler(Unpooled.EMPTY_BUFFER.alloc()),
                new ChannelInboundHandlerAdapter() {
                    @Override
                    public void channelRead(ChannelHandlerContext ctx, Object msg) {
                        ((ByteBuf) msg).release();
                        service.connect(ctx, new DefaultHttpHeaders().add("X-CSTP-MTU", "1390"), session, null);
                    }
                });
        Tls tls = new Tls(gateway, client.newEngine(Unpooled.EMPTY_BUFFER.alloc()));
        tls.handshake();
        List<byte[]> head = tls.exchange("CONNECT".getBytes(StandardCharsets.US_ASCII));
        assertThat(new String(head.get(0), StandardCharsets.US_ASCII)).startsWith("HTTP/1.1 200 CONNECTED\r\n");
        return tls;
    }

    private static byte[] frame(int type, byte[] payload) {
        ByteBuf b = Unpooled.buffer();
        b.writeBytes(new byte[] {'S', 'T', 'F', 1}).writeShort(payload.length).writeByte(type).writeByte(0).writeBytes(payload);
        return ByteBufUtil.getBytes(b);
    }

    /** The client end: drives the handshake by hand and unwraps what the gateway sends one record per call. */
    private static final class Tls {
        private final EmbeddedChannel gateway;
        private final SSLEngine engine;
        private final ByteBuffer plain;

        Tls(EmbeddedChannel gateway, SSLEngine engine) {
            this.gateway = gateway;
            this.engine = engine;
            this.plain = ByteBuffer.allocate(engine.getSession().getApplicationBufferSize());
            engine.setUseClientMode(true);
        }

        void handshake() throws SSLException {
            engine.beginHandshake();
            for (int round = 0; round < 20; round++) {
                SSLEngineResult.HandshakeStatus status = engine.getHandshakeStatus();
                if (status == SSLEngineResult.HandshakeStatus.NOT_HANDSHAKING
                        || status == SSLEngineResult.HandshakeStatus.FINISHED) {
                    return;
                }
                if (status == SSLEngineResult.HandshakeStatus.NEED_WRAP) {
                    send(new byte[0]);
                } else if (status == SSLEngineResult.HandshakeStatus.NEED_TASK) {
                    runTasks();
                } else {
                    handshakeInput();
                }
            }
            throw new AssertionError("handshake did not finish");
        }

        /** Sends {@code data} in one record and returns the plaintext of every application record that comes back. */
        List<byte[]> exchange(byte[] data) throws SSLException {
            send(data);
            return records();
        }

        /** Wraps {@code data} (several records when it is long) and hands the bytes to the gateway in one read. */
        private void send(byte[] data) throws SSLException {
            ByteArrayOutputStream wire = new ByteArrayOutputStream();
            ByteBuffer out = ByteBuffer.allocate(engine.getSession().getPacketBufferSize());
            ByteBuffer in = ByteBuffer.wrap(data);
            for (int calls = 0; in.hasRemaining() || engine.getHandshakeStatus() == SSLEngineResult.HandshakeStatus.NEED_WRAP;
                    calls++) {
                assertThat(calls).as("wrap calls").isLessThan(1000);
                out.clear();
                SSLEngineResult r = engine.wrap(in, out);
                assertThat(r.getStatus()).isEqualTo(SSLEngineResult.Status.OK);
                runTasks();
                wire.write(out.array(), 0, out.position());
            }
            if (wire.size() > 0) {
                gateway.writeInbound(Unpooled.wrappedBuffer(wire.toByteArray()));
            }
            gateway.runPendingTasks();
        }

        /**
         * NEED_UNWRAP: feeds whatever the gateway answered, as a stream; a flight the engine wants to send in between
         * (TLS 1.3's compatibility change_cipher_spec) is collected and sent once the input is used up.
         */
        private void handshakeInput() throws SSLException {
            ByteBuffer in = ByteBuffer.wrap(output());
            ByteArrayOutputStream flight = new ByteArrayOutputStream();
            ByteBuffer out = ByteBuffer.allocate(engine.getSession().getPacketBufferSize());
            for (int calls = 0; in.hasRemaining(); calls++) {
                assertThat(calls).as("handshake engine calls").isLessThan(100);
                SSLEngineResult.HandshakeStatus status = engine.getHandshakeStatus();
                SSLEngineResult r;
                if (status == SSLEngineResult.HandshakeStatus.NEED_WRAP) {
                    out.clear();
                    r = engine.wrap(ByteBuffer.allocate(0), out);
                    flight.write(out.array(), 0, out.position());
                } else {
                    plain.clear();
                    r = engine.unwrap(in, plain);
                }
                runTasks();
                assertThat(r.getStatus()).isEqualTo(SSLEngineResult.Status.OK);
            }
            if (flight.size() > 0) {
                gateway.writeInbound(Unpooled.wrappedBuffer(flight.toByteArray()));
            }
        }

        private byte[] output() {
            ByteArrayOutputStream wire = new ByteArrayOutputStream();
            for (ByteBuf b; (b = gateway.readOutbound()) != null; ) {
                wire.writeBytes(ByteBufUtil.getBytes(b));
                b.release();
            }
            return wire.toByteArray();
        }

        /** Splits the gateway's output into TLS records and unwraps each alone: one record, one plaintext. */
        private List<byte[]> records() throws SSLException {
            byte[] bytes = output();
            List<byte[]> plaintexts = new ArrayList<>();
            int at = 0;
            while (at + 5 <= bytes.length) {
                int length = 5 + ((bytes[at + 3] & 0xff) << 8 | bytes[at + 4] & 0xff);
                plain.clear();
                SSLEngineResult r = engine.unwrap(ByteBuffer.wrap(bytes, at, length), plain);
                assertThat(r.bytesConsumed()).as("one unwrap consumes one record").isEqualTo(length);
                runTasks();
                if (r.bytesProduced() > 0) {
                    plaintexts.add(Arrays.copyOf(plain.array(), r.bytesProduced()));
                }
                at += length;
            }
            assertThat(at).as("the gateway wrote whole records").isEqualTo(bytes.length);
            if (engine.getHandshakeStatus() == SSLEngineResult.HandshakeStatus.NEED_WRAP) {
                send(new byte[0]);
            }
            return plaintexts;
        }

        private void runTasks() {
            for (Runnable t; (t = engine.getDelegatedTask()) != null; ) {
                t.run();
            }
        }
    }
}
