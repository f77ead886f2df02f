package org.mcalab.gateway.dtls;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.mcalab.gateway.config.AnyConnectClient;
import org.mcalab.gateway.session.AuthMode;
import org.mcalab.gateway.session.Login;
import org.mcalab.gateway.session.Session;
import org.mcalab.gateway.session.SessionDb;
import org.mcalab.gateway.session.TunnelRow;
import org.mcalab.gateway.trace.Trace;

/** The tunnel's view: CONNECT headers in, DTLS-or-CSTP choice out, session DB row while DTLS is up. */
class DtlsLinkTest {
    private final DtlsService service;
    private final Session session;

    DtlsLinkTest() throws InterruptedException {
        service = DtlsService.start(new InetSocketAddress("127.0.0.1", 0), Trace.NONE);
        SessionDb db = new SessionDb(Clock.systemUTC(), new SecureRandom(), "0ac5df51");
        session = db.open(new Login("alice", "ANYCONNECT-MCA", "Grouppolicy-MCA", "127.0.0.1", 50000, 443,
                AuthMode.MULTIPLE_CERTIFICATE, "linux-64", "Open AnyConnect VPN Agent v9.01-3", "TLSv1.3",
                "TLS_AES_256_GCM_SHA384", null, null, Optional.of(Duration.ofMinutes(30)))).session();
    }

    @AfterEach
    void stop() {
        service.close();
    }

    private static Map<String, String> openconnectHeaders() {
        return Map.of("X-DTLS-Master-Secret", DtlsNegotiatorTest.MASTER, "X-DTLS-CipherSuite", DtlsNegotiatorTest.OC_SUITES,
                "X-DTLS12-CipherSuite", DtlsNegotiatorTest.OC_DTLS12);
    }

    @Test
    void dataUsesDtlsWhileItIsUpAndCstpOtherwise() throws Exception {
        DtlsLink link = service.connect(openconnectHeaders()::get, AnyConnectClient.ASA_DEFAULTS, Optional.empty(), session);
        assertThat(link.responseHeaders()).extracting(DtlsNegotiation.Header::name).contains("X-DTLS-Session-ID");
        assertThat(link.responseHeaders()).contains(new DtlsNegotiation.Header("X-DTLS-Port",
                Integer.toString(service.server().port())));
        BlockingQueue<byte[]> inside = new LinkedBlockingQueue<>();
        link.attach(p -> {
            inside.add(ByteBufUtil.getBytes(p));
            p.release();
            return null;
        });

        ByteBuf early = Unpooled.wrappedBuffer(new byte[] {1, 2, 3});
        assertThat(link.sendToClient(early)).as("no DTLS yet: the caller uses CSTP").isFalse();
        assertThat(early.refCnt()).isEqualTo(1);

        InetSocketAddress udp = new InetSocketAddress("127.0.0.1", service.server().port());
        try (TestDtlsClient client = TestDtlsClient.legacy(udp, link.parameters().orElseThrow())) {
            awaitUp(link, true);
            assertThat(session.tunnels()).extracting(TunnelRow::kind).contains(TunnelRow.Kind.DTLS);

            client.send(0x00, new byte[] {0x45, 7, 7});
            assertThat(inside.poll(5, TimeUnit.SECONDS)).containsExactly(0x45, 7, 7);

            assertThat(link.sendToClient(early)).isTrue();
            assertThat(early.refCnt()).isZero();
            byte[] got = client.receive(5000);
            assertThat(Arrays.copyOfRange(got, 1, got.length)).containsExactly(1, 2, 3);
            assertThat(link.counters().pktsTx()).isEqualTo(1);
            assertThat(link.counters().pktsRx()).isEqualTo(1);
        }

        link.close(); // the CSTP tunnel ended
        awaitUp(link, false);
        assertThat(session.tunnels()).extracting(TunnelRow::kind).doesNotContain(TunnelRow.Kind.DTLS);
        ByteBuf late = Unpooled.wrappedBuffer(new byte[] {4});
        assertThat(link.sendToClient(late)).isFalse();
        late.release();
    }

    @Test
    void dataFromTheClientOnCstpMovesTheAnswersToCstpUntilDtlsCarriesDataAgain() throws Exception {
        DtlsLink link = service.connect(openconnectHeaders()::get, AnyConnectClient.ASA_DEFAULTS, Optional.empty(), session);
        BlockingQueue<byte[]> inside = new LinkedBlockingQueue<>();
        link.attach(p -> {
            inside.add(ByteBufUtil.getBytes(p));
            p.release();
            return null;
        });
        InetSocketAddress udp = new InetSocketAddress("127.0.0.1", service.server().port());
        try (TestDtlsClient client = TestDtlsClient.legacy(udp, link.parameters().orElseThrow())) {
            awaitUp(link, true);
            link.clientSentOnCstp(); // e.g. openconnect lost DTLS DPD and is re-handshaking
            ByteBuf p1 = Unpooled.wrappedBuffer(new byte[] {1});
            assertThat(link.sendToClient(p1)).isFalse();
            p1.release();

            client.send(0x00, new byte[] {0x45});
            assertThat(inside.poll(5, TimeUnit.SECONDS)).containsExactly(0x45);
            ByteBuf p2 = Unpooled.wrappedBuffer(new byte[] {2});
            assertThat(link.sendToClient(p2)).isTrue();
        } finally {
            link.close();
        }
    }

    @Test
    void aLinkWithoutDtlsSendsNothing() {
        DtlsLink none = DtlsLink.none();
        assertThat(none.responseHeaders()).isEmpty();
        ByteBuf b = Unpooled.wrappedBuffer(new byte[] {1});
        assertThat(none.sendToClient(b)).isFalse();
        b.release();
        none.clientSentOnCstp();
        none.close();
        assertThat(none.counters()).isEqualTo(org.mcalab.gateway.session.Counters.Snapshot.ZERO);
    }

    @Test
    void clientsWithoutDtlsHeadersGetNoDtlsHeaders() {
        DtlsLink link = service.connect(h -> null, AnyConnectClient.ASA_DEFAULTS, Optional.empty(), session);
        assertThat(link.responseHeaders()).isEmpty();
        ByteBuf b = Unpooled.wrappedBuffer(new byte[] {1});
        assertThat(link.sendToClient(b)).isFalse();
        b.release();
        link.close();
    }

    @Test
    void theAdvertisedPortCanPointNowhereForFallbackTests() {
        service.advertisePort(9);
        DtlsLink link = service.connect(openconnectHeaders()::get, AnyConnectClient.ASA_DEFAULTS, Optional.empty(), session);
        assertThat(link.responseHeaders()).contains(new DtlsNegotiation.Header("X-DTLS-Port", "9"));
        link.close();
    }

    private static void awaitUp(DtlsLink link, boolean up) throws InterruptedException {
        for (int i = 0; i < 250 && link.up() != up; i++) {
            Thread.sleep(20);
        }
        assertThat(link.up()).isEqualTo(up);
    }
}
