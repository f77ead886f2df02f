package org.mcalab.client.dtls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.mcalab.gateway.config.AnyConnectClient;
import org.mcalab.gateway.dtls.DtlsLink;
import org.mcalab.gateway.dtls.DtlsNegotiation;
import org.mcalab.gateway.dtls.DtlsService;
import org.mcalab.gateway.trace.Trace;
import org.mcalab.protocol.cstp.ConnectAnswer;
import org.mcalab.protocol.cstp.CstpPacketType;
import org.mcalab.protocol.dtls.DtlsOffer;

/** The client's DTLS client against the gateway's DTLS side, headers to frames. */
class DtlsTunnelChannelTest {
    private final SecureRandom random = new SecureRandom();
    private final DtlsService gateway;

    DtlsTunnelChannelTest() throws InterruptedException {
        gateway = DtlsService.start(new InetSocketAddress("127.0.0.1", 0), Trace.NONE);
    }

    @AfterEach
    void stop() {
        gateway.close();
    }

    /** The link's headers as the client reads them: in a CONNECT answer, by openconnect's rule. */
    private static ConnectAnswer answer(DtlsLink link) {
        List<ConnectAnswer.Header> h = new ArrayList<>();
        for (DtlsNegotiation.Header x : link.responseHeaders()) {
            h.add(new ConnectAnswer.Header(x.name(), x.value()));
        }
        return ConnectAnswer.parse(ConnectAnswer.of("HTTP/1.1 200 CONNECTED", h).wireText());
    }

    private static ConnectAnswer answer(Map<String, String> headers) {
        return ConnectAnswer.of("HTTP/1.1 200 CONNECTED", headers.entrySet().stream()
                .map(e -> new ConnectAnswer.Header(e.getKey(), e.getValue())).toList());
    }

    @Test
    void resumesTheAnnouncedSessionAndExchangesFrames() throws Exception {
        DtlsOffer offer = DtlsOffer.resumable(random);
        DtlsLink link = gateway.connect(offer.headers()::get, AnyConnectClient.ASA_DEFAULTS, Optional.empty(), null);
        BlockingQueue<byte[]> inside = new LinkedBlockingQueue<>();
        link.attach(p -> {
            inside.add(ByteBufUtil.getBytes(p));
            p.release();
            return null;
        });
        DtlsClientParameters p = DtlsClientParameters.fromAnswer(answer(link), offer).orElseThrow();
        assertThat(p.suiteName()).isEqualTo("OC-DTLS1_2-AES256-GCM");
        assertThat(p.port()).isEqualTo(gateway.server().port());

        try (DtlsTunnelChannel channel = DtlsTunnelChannel.open(new InetSocketAddress("127.0.0.1", p.port()), p)) {
            byte[] probe = new byte[1200];
            random.nextBytes(probe);
            channel.send(CstpPacketType.DPD_REQUEST, probe);
            DtlsTunnelChannel.Frame echo = channel.receive(Duration.ofSeconds(5)).orElseThrow();
            assertThat(echo.type()).isEqualTo(CstpPacketType.DPD_RESPONSE);
            assertThat(echo.payload()).isEqualTo(probe);

            channel.send(CstpPacketType.DATA, new byte[] {0x45, 0, 1});
            assertThat(inside.poll(5, TimeUnit.SECONDS)).containsExactly(0x45, 0, 1);

            for (int i = 0; i < 100 && !link.up(); i++) {
                Thread.sleep(20);
            }
            assertThat(link.sendToClient(Unpooled.wrappedBuffer(new byte[] {0x45, 9}))).isTrue();
            DtlsTunnelChannel.Frame down = channel.receive(Duration.ofSeconds(5)).orElseThrow();
            assertThat(down.type()).isEqualTo(CstpPacketType.DATA);
            assertThat(down.payload()).containsExactly(0x45, 9);
            assertThat(channel.receive(Duration.ofMillis(200))).isEmpty();
        } finally {
            link.close();
        }
    }

    @Test
    void aResponseWithoutDtlsOrWithPskGivesNoParameters() {
        DtlsOffer offer = DtlsOffer.resumable(random);
        assertThat(DtlsClientParameters.fromAnswer(answer(Map.of()), offer)).isEmpty();
        Map<String, String> psk = Map.of("X-DTLS-Port", "443", "X-DTLS-App-ID", "ab".repeat(32),
                "X-DTLS-CipherSuite", "PSK-NEGOTIATE");
        assertThat(DtlsClientParameters.fromAnswer(answer(psk), offer)).isEmpty();
        Map<String, String> shortId = Map.of("X-DTLS-Port", "443", "X-DTLS-Session-ID", "ab".repeat(16),
                "X-DTLS-CipherSuite", "OC-DTLS1_2-AES256-GCM");
        assertThat(DtlsClientParameters.fromAnswer(answer(shortId), offer)).isEmpty();
        Map<String, String> dtls12 = Map.of("X-DTLS-Port", "443", "X-DTLS-Session-ID", "AB".repeat(32),
                "X-DTLS12-CipherSuite", "ECDHE-RSA-AES256-GCM-SHA384");
        assertThat(DtlsClientParameters.fromAnswer(answer(dtls12), offer).orElseThrow().suite()).isEqualTo(0xC030);
    }

    @Tag("slow")
    @Test
    void aWrongMasterSecretCannotResume() {
        DtlsOffer offer = DtlsOffer.resumable(random);
        DtlsLink link = gateway.connect(offer.headers()::get, AnyConnectClient.ASA_DEFAULTS, Optional.empty(), null);
        DtlsClientParameters p = DtlsClientParameters.fromAnswer(answer(link), DtlsOffer.resumable(random))
                .orElseThrow();
        assertThatThrownBy(() -> DtlsTunnelChannel.open(new InetSocketAddress("127.0.0.1", p.port()), p))
                .isInstanceOf(IOException.class);
        link.close();
    }

    /** Not an assertion on speed: prints what one client pushes through the DTLS side, for the report. */
    @Tag("slow")
    @Test
    void upstreamThroughputIsMeasured() throws Exception {
        DtlsOffer offer = DtlsOffer.resumable(random);
        DtlsLink link = gateway.connect(offer.headers()::get, AnyConnectClient.ASA_DEFAULTS, Optional.empty(), null);
        AtomicLong bytes = new AtomicLong();
        link.attach(p -> {
            bytes.addAndGet(p.readableBytes());
            p.release();
            return null;
        });
        DtlsClientParameters p = DtlsClientParameters.fromAnswer(answer(link), offer).orElseThrow();
        try (DtlsTunnelChannel channel = DtlsTunnelChannel.open(new InetSocketAddress("127.0.0.1", p.port()), p)) {
            byte[] packet = new byte[1300];
            long start = System.nanoTime();
            int count = 20_000;
            for (int i = 0; i < count; i++) {
                channel.send(CstpPacketType.DATA, packet);
            }
            for (int i = 0; i < 200 && bytes.get() < (long) count * packet.length * 9 / 10; i++) {
                Thread.sleep(10);
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf("DTLS upstream: %d of %d packets delivered, %.1f Mbit/s%n", bytes.get() / packet.length, count,
                    bytes.get() * 8 / seconds / 1e6);
            System.out.println("gateway UDP side: " + gateway.server().stats());
            assertThat(bytes.get()).isPositive();
        } finally {
            link.close();
        }
    }
}
