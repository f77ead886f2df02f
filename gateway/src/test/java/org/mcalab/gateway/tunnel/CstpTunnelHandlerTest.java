package org.mcalab.gateway.tunnel;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.mcalab.gateway.config.AsaConfig;
import org.mcalab.gateway.session.AuthMode;
import org.mcalab.gateway.session.Login;
import org.mcalab.gateway.session.Session;
import org.mcalab.gateway.session.SessionDb;
import org.mcalab.gateway.session.TunnelRow;

/**
 * The CSTP side of one tunnel, driven frame by frame on an EmbeddedChannel. Time moves only when a test calls
 * {@link #advance}: the gateway clock and ticker, and the event loops that run the DPD and sweep timers, all at once.
 */
class CstpTunnelHandlerTest {
    private static final byte[] BYE = HexFormat.of().parseHex("5354460100120500b041626f727465642062792063616c6c6572");
    private static final byte[] DPD_REQUEST = {'S', 'T', 'F', 1, 0, 0, 3, 0};
    private static final byte[] DISCONNECT = {'S', 'T', 'F', 1, 0, 0, 5, 0};

    private final ManualTime time = new ManualTime();
    private final SessionDb sessions = new SessionDb(time.clock, new SecureRandom(), "7f000001");
    private CstpTunnelService service = service(SeedConfig.seed());

    private CstpTunnelService service(AsaConfig config) {
        return time.attach(CstpTunnelService.forConfig(config, time.clock, time.ticker), sessions);
    }

    private void advance(Duration d) {
        time.advance(d);
    }

    @AfterEach
    void stop() {
        service.close();
    }

    private final java.util.Map<Session, String> tokens = new java.util.HashMap<>();

    private Session login(String user) {
        SessionDb.Opened opened = sessions.open(new Login(user, "ANYCONNECT-MCA", "Grouppolicy-MCA", "127.0.0.1", 50000, 443,
                AuthMode.MULTIPLE_CERTIFICATE, "linux-64", "Open AnyConnect VPN Agent v9.01-3", "TLSv1.3",
                "TLS_AES_256_GCM_SHA384", null, null, Optional.of(Duration.ofMinutes(30))));
        tokens.put(opened.session(), opened.token());
        return opened.session();
    }

    /** A channel on which CONNECT for {@code session} has just been answered; returns it with the response head read. */
    private EmbeddedChannel connect(Session session, String[] head) {
        HttpHeaders headers = new DefaultHttpHeaders().add("X-CSTP-MTU", "1390").add("X-CSTP-Base-MTU", "1500");
        EmbeddedChannel ch = time.channel(); // frozen before the tunnel handler schedules its DPD timer on it
        ch.pipeline().addLast(new ChannelInboundHandlerAdapter() {
            @Override
            public void channelRead(ChannelHandlerContext ctx, Object msg) {
                ((ByteBuf) msg).release();
                service.connect(ctx, headers, session, null);
            }
        });
        ch.writeInbound(Unpooled.wrappedBuffer("CONNECT".getBytes(StandardCharsets.US_ASCII)));
        ByteBuf response = ch.readOutbound();
        head[0] = response.toString(StandardCharsets.US_ASCII);
        response.release();
        return ch;
    }

    private static ByteBuf frame(int type, byte[] payload) {
        ByteBuf b = Unpooled.buffer();
        b.writeBytes(new byte[] {'S', 'T', 'F', 1}).writeShort(payload.length).writeByte(type).writeByte(0).writeBytes(payload);
        return b;
    }

    private static byte[] out(EmbeddedChannel ch) {
        ByteBuf b = ch.readOutbound();
        if (b == null) {
            return null;
        }
        byte[] bytes = ByteBufUtil.getBytes(b);
        b.release();
        return bytes;
    }

    @Test
    void connectAnswers200WithTheSeedHeadersAndTheTunnelRow() {
        Session s = login("MachineID.cisco.com");
        String[] head = new String[1];
        EmbeddedChannel ch = connect(s, head);
        assertThat(head[0]).startsWith("HTTP/1.1 200 CONNECTED\r\n").contains("\r\nX-CSTP-Address: 192.168.100.1\r\n")
                .contains("\r\nX-CSTP-Split-Include: 192.168.1.0/255.255.255.0\r\n").endsWith("\r\n\r\n");
        assertThat(s.assignedIp().orElseThrow().getHostAddress()).isEqualTo("192.168.100.1");
        assertThat(s.tunnels()).singleElement().extracting(TunnelRow::kind).isEqualTo(TunnelRow.Kind.SSL);
        assertThat(ch.isActive()).isTrue();
    }

    @Test
    void dpdRequestIsEchoedWithItsPayloadKeepaliveIsIgnored() {
        EmbeddedChannel ch = connect(login("u"), new String[1]);
        ch.writeInbound(frame(3, new byte[] {1, 2, 3}));
        assertThat(out(ch)).isEqualTo(new byte[] {'S', 'T', 'F', 1, 0, 3, 4, 0, 1, 2, 3});
        ch.writeInbound(frame(7, new byte[0]));
        ch.writeInbound(frame(4, new byte[0]));
        assertThat(out(ch)).isNull();
        assertThat(ch.isActive()).isTrue();
    }

    @Test
    void dataIsAnsweredOneFramePerWriteAndCounted() {
        Session s = login("u");
        EmbeddedChannel ch = connect(s, new String[1]);
        byte[] ping = TestPackets.icmpEcho("192.168.100.1", "192.168.1.1", 9, 1, new byte[56]);
        byte[] udp = TestPackets.udp("192.168.100.1", "192.168.1.77", 1234, 7, "x".getBytes());
        ch.writeInbound(Unpooled.wrappedBuffer(frame(0, ping), frame(0, udp))); // two frames in one read
        byte[] first = out(ch);
        byte[] second = out(ch);
        assertThat(first).hasSize(8 + ping.length);
        assertThat(first[6]).isEqualTo((byte) 0);
        assertThat(first[8 + 20]).as("ICMP echo reply").isEqualTo((byte) 0);
        assertThat(second).hasSize(8 + udp.length);
        assertThat(out(ch)).isNull();
        var c = s.tunnels().get(0).counters().snapshot();
        assertThat(c.pktsRx()).isEqualTo(2);
        assertThat(c.bytesRx()).isEqualTo(ping.length + udp.length);
        assertThat(c.pktsTx()).isEqualTo(2);
        assertThat(c.bytesTx()).isEqualTo(ping.length + udp.length);
        assertThat(s.totals().pktsRx()).isEqualTo(2);
    }

    @Test
    void undeliverablePacketsAreRxDrops() {
        Session s = login("u");
        EmbeddedChannel ch = connect(s, new String[1]);
        ch.writeInbound(frame(0, TestPackets.icmpEcho("192.168.100.1", "10.1.1.1", 1, 1, new byte[8])));
        ch.writeInbound(frame(0, new byte[] {0x45, 0, 0}));
        assertThat(out(ch)).isNull();
        assertThat(s.tunnels().get(0).counters().snapshot().pktsRxDrop()).isEqualTo(2);
        assertThat(ch.isActive()).isTrue();
    }

    @Test
    void byeWithB0LogsOutInvalidatesTheCookieAndReleasesTheAddress() {
        Session s = login("u");
        assertThat(sessions.findActive(tokenOf(s))).contains(s);
        EmbeddedChannel ch = connect(s, new String[1]);
        ch.writeInbound(Unpooled.wrappedBuffer(BYE));
        assertThat(ch.isActive()).isFalse();
        assertThat(sessions.findActive(tokenOf(s))).isEmpty();
        assertThat(s.active()).isFalse();
        // the address is free again: the next session gets... the next one (round robin), and the pool holds one lease
        Session next = login("v");
        connect(next, new String[1]);
        assertThat(next.assignedIp().orElseThrow().getHostAddress()).isEqualTo("192.168.100.2");
    }

    @Test
    void emptyByeAndConnectionLossDetachButKeepSessionAndAddress() {
        Session s = login("u");
        EmbeddedChannel first = connect(s, new String[1]);
        first.writeInbound(frame(5, new byte[0]));
        assertThat(first.isActive()).isFalse();
        assertThat(s.active()).isTrue();
        assertThat(s.tunnels()).isEmpty();
        EmbeddedChannel second = connect(s, new String[1]);
        assertThat(s.assignedIp().orElseThrow().getHostAddress()).isEqualTo("192.168.100.1");
        second.close();
        assertThat(s.active()).isTrue();
        String[] head = new String[1];
        connect(s, head);
        assertThat(head[0]).contains("X-CSTP-Address: 192.168.100.1\r\n");
    }

    @Test
    void aSecondSessionGetsADifferentAddress() {
        Session a = login("a");
        Session b = login("b");
        connect(a, new String[1]);
        connect(b, new String[1]);
        assertThat(a.assignedIp()).isNotEqualTo(b.assignedIp());
    }

    @Test
    void malformedFramesCloseOnlyThatTunnel() {
        Session s = login("u");
        EmbeddedChannel bystander = connect(login("w"), new String[1]);
        for (ByteBuf bad : new ByteBuf[] {
                Unpooled.wrappedBuffer(new byte[] {'X', 'T', 'F', 1, 0, 0, 0, 0}),
                frame(0, new byte[1390 + CstpTunnelService.FRAME_SLACK + 1]),
                frame(0x42, new byte[0]),
                frame(8, new byte[] {1, 2, 3})}) {
            EmbeddedChannel ch = connect(s, new String[1]);
            ch.writeInbound(bad);
            assertThat(ch.isActive()).as("closed after a bad frame").isFalse();
            assertThat(s.active()).isTrue();
        }
        assertThat(service.malformedFrames()).isEqualTo(4);
        assertThat(bystander.isActive()).isTrue();
        bystander.writeInbound(frame(3, new byte[0]));
        assertThat(out(bystander)).isEqualTo(new byte[] {'S', 'T', 'F', 1, 0, 0, 4, 0});
    }

    @Test
    void adminLogoffSendsDisconnectAndCloses() {
        Session s = login("u");
        EmbeddedChannel ch = connect(s, new String[1]);
        sessions.end(s.index(), "Administrator Reset");
        ch.runPendingTasks();
        assertThat(out(ch)).isEqualTo(DISCONNECT);
        assertThat(ch.isActive()).isFalse();
    }

    @Test
    void exceedingSimultaneousLoginsLogsOffTheOldestSession() {
        service.close();
        service = service(SeedConfig.with("192.168.100.1-192.168.100.254", " vpn-simultaneous-logins 1"));
        Session old = login("same");
        EmbeddedChannel first = connect(old, new String[1]);
        Session newer = login("same");
        connect(newer, new String[1]);
        first.runPendingTasks();
        assertThat(old.active()).isFalse();
        assertThat(newer.active()).isTrue();
        assertThat(first.isActive()).isFalse();
    }

    @Test
    void poolExhaustionIs503WithTheReason() {
        service.close();
        service = service(SeedConfig.with("192.168.100.1-192.168.100.1"));
        connect(login("a"), new String[1]);
        String[] head = new String[1];
        EmbeddedChannel ch = connect(login("b"), head);
        assertThat(head[0]).startsWith("HTTP/1.1 503 ").contains("\r\nX-Reason: address pool exhausted\r\n");
        assertThat(ch.isActive()).isFalse();
    }

    @Test
    void idleTimeoutEndsASilentSessionAndFreesItsAddress() {
        service.close();
        service = service(SeedConfig.with("192.168.100.1-192.168.100.254", " vpn-idle-timeout 1"));
        Session s = login("u");
        EmbeddedChannel ch = connect(s, new String[1]);
        ch.writeInbound(frame(7, new byte[0])); // a keepalive is not data: it does not hold the session
        advance(Duration.ofSeconds(59));
        assertThat(s.active()).as("idle for 0:59 of 1:00").isTrue();
        assertThat(out(ch)).as("the tunnel is silent too: DPD asks").isEqualTo(DPD_REQUEST);
        advance(Duration.ofSeconds(1));
        assertThat(s.active()).isFalse();
        assertThat(s.endReason()).contains("Idle Timeout");
        ch.runPendingTasks();
        assertThat(out(ch)).isEqualTo(DISCONNECT);
        assertThat(ch.isActive()).isFalse();
        Session next = login("v");
        connect(next, new String[1]);
        assertThat(next.assignedIp().orElseThrow().getHostAddress()).as("round robin after release").isEqualTo("192.168.100.2");
    }

    @Test
    void dataKeepsASessionFromIdlingOutAndIsItsLastActivity() {
        service.close();
        service = service(SeedConfig.with("192.168.100.1-192.168.100.254", " vpn-idle-timeout 1"));
        Session s = login("u");
        EmbeddedChannel ch = connect(s, new String[1]);
        Instant lastData = null;
        for (int i = 0; i < 5; i++) {
            advance(Duration.ofSeconds(50));
            ch.writeInbound(frame(0, TestPackets.udp("192.168.100.1", "192.168.1.1", 1, 9, new byte[4])));
            lastData = time.clock.instant();
        }
        advance(Duration.ofSeconds(50));
        assertThat(s.active()).as("5:00 in, never 1:00 without data").isTrue();
        assertThat(s.lastActivity()).isEqualTo(lastData);
        advance(Duration.ofSeconds(10));
        assertThat(s.endReason()).contains("Idle Timeout");
    }

    @Test
    void sessionTimeoutEndsATunnelThatCarriesData() {
        service.close();
        service = service(SeedConfig.with("192.168.100.1-192.168.100.254", " vpn-session-timeout 2"));
        Session s = login("u");
        EmbeddedChannel ch = connect(s, new String[1]);
        for (int i = 0; i < 11; i++) {
            ch.writeInbound(frame(0, TestPackets.udp("192.168.100.1", "192.168.1.1", 1, 9, new byte[4])));
            advance(Duration.ofSeconds(10));
        }
        assertThat(s.active()).as("1:50 of 2:00").isTrue();
        advance(Duration.ofSeconds(10));
        assertThat(s.endReason()).contains("Max time exceeded");
        ch.runPendingTasks();
        assertThat(out(ch)).isEqualTo(DISCONNECT);
    }

    @Test
    void gatewaySendsDpdToASilentClientAndGivesUpAfterThreeIntervals() {
        // the seed sets no dpd-interval: the ASA's 30 s, checked every 7.5 s
        Session s = login("u");
        EmbeddedChannel ch = connect(s, new String[1]);
        Duration tick = Duration.ofMillis(7500);
        for (int i = 0; i < 3; i++) {
            advance(tick);
            assertThat(out(ch)).as("silent for less than 30 s").isNull();
        }
        advance(tick);
        assertThat(out(ch)).as("asked after 30 s").isEqualTo(DPD_REQUEST);
        advance(tick);
        assertThat(out(ch)).as("not asked again within half an interval").isNull();
        advance(tick);
        assertThat(out(ch)).as("asked again after 15 s").isEqualTo(DPD_REQUEST);
        for (int i = 0; i < 5; i++) {
            advance(tick);
            out(ch);
        }
        assertThat(ch.isActive()).as("82.5 s silent").isTrue();
        advance(tick);
        assertThat(ch.isActive()).as("closed after three silent DPD intervals").isFalse();
        assertThat(s.active()).as("a dead tunnel only detaches").isTrue();
    }

    @Test
    void aClientThatAnswersDpdKeepsItsTunnel() {
        EmbeddedChannel ch = connect(login("u"), new String[1]);
        for (int i = 0; i < 20; i++) {
            advance(Duration.ofMillis(7500));
            byte[] asked = out(ch);
            if (asked != null) {
                assertThat(asked).isEqualTo(DPD_REQUEST);
                ch.writeInbound(frame(4, new byte[0]));
            }
        }
        assertThat(ch.isActive()).as("150 s, every DPD answered").isTrue();
    }

    private String tokenOf(Session s) {
        return tokens.get(s);
    }
}
