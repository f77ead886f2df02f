package org.mcalab.gateway.dtls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.mcalab.gateway.session.Counters;
import org.mcalab.gateway.session.TunnelRow;
import org.mcalab.gateway.trace.Trace;
import org.mcalab.protocol.dtls.DtlsSuite;

/** BouncyCastle DTLS clients against the gateway's UDP side, in-process over loopback. */
class DtlsServerTest {
    private final Random random = new Random(7);
    private DtlsServer server;
    private InetSocketAddress address;

    @BeforeEach
    void start() throws InterruptedException {
        server = DtlsServer.start(new InetSocketAddress("127.0.0.1", 0), new DtlsRegistry(), Trace.NONE);
        address = new InetSocketAddress("127.0.0.1", server.port());
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private DtlsParameters legacy(DtlsSuite suite) {
        byte[] id = new byte[32];
        byte[] ms = new byte[48];
        random.nextBytes(id);
        random.nextBytes(ms);
        return new DtlsParameters(suite, id, ms);
    }

    private byte[] bytes(int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return b;
    }

    @Test
    void legacyAes256GcmResumesAndCarriesDataBothWays() throws Exception {
        DtlsParameters p = legacy(DtlsSuite.OC_AES256_GCM);
        RecordingListener tunnel = new RecordingListener();
        DtlsRegistry.Registration reg = server.registry().register(p, tunnel);

        try (TestDtlsClient client = TestDtlsClient.legacy(address, p)) {
            DtlsChannel channel = tunnel.awaitOpened();
            TunnelRow row = channel.tunnelRow();
            assertThat(row.kind()).isEqualTo(TunnelRow.Kind.DTLS);
            assertThat(row.ciphersuite()).isEqualTo("AES256-GCM-SHA384");
            assertThat(row.encryption()).isEqualTo("AES-GCM-256");
            assertThat(row.hashing()).isEqualTo("SHA384");
            assertThat(row.encapsulation()).isEqualTo("DTLSv1.2");
            assertThat(row.srcPort()).isEqualTo(client.localAddress().getPort());
            assertThat(row.dstPort()).isEqualTo(server.port());

            byte[] upstream = bytes(100);
            client.send(0x00, upstream);
            assertThat(tunnel.awaitData()).isEqualTo(upstream);

            byte[] downstream = bytes(1300);
            assertThat(channel.send(downstream)).isTrue();
            byte[] got = client.receive(5000);
            assertThat(got[0]).isEqualTo((byte) 0x00);
            assertThat(Arrays.copyOfRange(got, 1, got.length)).isEqualTo(downstream);

            Counters.Snapshot c = reg.counters().snapshot();
            assertThat(c.pktsRx()).isEqualTo(1);
            assertThat(c.bytesRx()).isEqualTo(100);
            assertThat(c.pktsTx()).isEqualTo(1);
            assertThat(c.bytesTx()).isEqualTo(1300);
            assertThat(reg.channel()).contains(channel);
        }
    }

    @Test
    void dpdRequestsComeBackByteForByteAsResponses() throws Exception {
        DtlsParameters p = legacy(DtlsSuite.OC_AES128_GCM);
        RecordingListener tunnel = new RecordingListener();
        DtlsRegistry.Registration reg = server.registry().register(p, tunnel);
        try (TestDtlsClient client = TestDtlsClient.legacy(address, p)) {
            tunnel.awaitOpened();
            for (int size : new int[] {0, 4, 576, 1399}) {
                // openconnect's MTU probes: DPD requests padded to the candidate MTU
                byte[] probe = bytes(size);
                client.send(0x03, probe);
                byte[] reply = client.receive(5000);
                assertThat(reply).hasSize(size + 1);
                assertThat(reply[0]).isEqualTo((byte) 0x04);
                assertThat(Arrays.copyOfRange(reply, 1, reply.length)).isEqualTo(probe);
            }
            client.send(0x07, new byte[0]); // keepalive: no answer, no data
            assertThat(client.receive(300)).isNull();
            assertThat(tunnel.data).isEmpty();
            assertThat(reg.counters().snapshot()).as("DPD and keepalives are not traffic").isEqualTo(Counters.Snapshot.ZERO);
        }
    }

    @Test
    void ciscoDtls12NameResumesWithEcdheSuite() throws Exception {
        DtlsParameters p = legacy(DtlsSuite.ECDHE_RSA_AES256_GCM);
        RecordingListener tunnel = new RecordingListener();
        server.registry().register(p, tunnel);
        try (TestDtlsClient client = TestDtlsClient.legacy(address, p)) {
            DtlsChannel channel = tunnel.awaitOpened();
            assertThat(channel.tunnelRow().ciphersuite()).isEqualTo("ECDHE-RSA-AES256-GCM-SHA384");
            client.send(0x00, new byte[] {0x45, 1, 2});
            assertThat(tunnel.awaitData()).containsExactly(0x45, 1, 2);
        }
    }

    @Test
    void pskNegotiateRunsAFullPskHandshakeFoundByAppId() throws Exception {
        byte[] appId = bytes(32);
        byte[] psk = bytes(32);
        RecordingListener tunnel = new RecordingListener();
        server.registry().register(new DtlsParameters(DtlsSuite.PSK_NEGOTIATE, appId, psk), tunnel);
        try (TestDtlsClient client = TestDtlsClient.psk(address, appId, psk)) {
            DtlsChannel channel = tunnel.awaitOpened();
            assertThat(channel.tunnelRow().ciphersuite()).isEqualTo("PSK-AES256-GCM-SHA384");
            assertThat(channel.tunnelRow().encapsulation()).isEqualTo("DTLSv1.2");
            client.send(0x03, bytes(20));
            assertThat(client.receive(5000)[0]).isEqualTo((byte) 0x04);
        }
    }

    @Tag("slow")
    @Test
    void wrongPskOrMasterSecretFailsTheHandshakeAndIsCounted() throws Exception {
        DtlsParameters p = legacy(DtlsSuite.OC_AES256_GCM);
        server.registry().register(p, new RecordingListener());
        DtlsParameters forged = new DtlsParameters(p.suite(), p.id(), bytes(48));
        assertThatThrownBy(() -> TestDtlsClient.legacy(address, forged)).isInstanceOf(IOException.class);
        awaitStat(() -> server.stats().handshakeFailures() == 1);
    }

    @Test
    void aSecondHandshakeWithTheSameIdReplacesTheFirst() throws Exception {
        DtlsParameters p = legacy(DtlsSuite.OC_AES256_GCM);
        RecordingListener tunnel = new RecordingListener();
        DtlsRegistry.Registration reg = server.registry().register(p, tunnel);
        try (TestDtlsClient first = TestDtlsClient.legacy(address, p)) {
            DtlsChannel one = tunnel.awaitOpened();
            try (TestDtlsClient second = TestDtlsClient.legacy(address, p)) {
                DtlsChannel two = tunnel.awaitOpened();
                assertThat(tunnel.awaitClosed()).isSameAs(one);
                assertThat(one.isOpen()).isFalse();
                assertThat(one.send(new byte[] {1})).isFalse();
                assertThat(reg.channel()).contains(two);

                second.send(0x00, new byte[] {9});
                assertThat(tunnel.awaitData()).containsExactly(9);
                first.send(0x00, new byte[] {8}); // the stale client's records reach nobody
                awaitStat(() -> server.stats().unknownPeer() >= 1);
                assertThat(tunnel.data.poll(300, TimeUnit.MILLISECONDS)).isNull();
            }
        }
    }

    @Tag("slow")
    @Test
    void aClientHelloCopyingTheVictimsSessionIdFromAnotherPortLeavesTheVictimsChannelUp() throws Exception {
        DtlsParameters p = legacy(DtlsSuite.OC_AES256_GCM);
        RecordingListener tunnel = new RecordingListener();
        DtlsRegistry.Registration reg = server.registry().register(p, tunnel);
        try (TestDtlsClient victim = TestDtlsClient.legacy(address, p)) {
            DtlsChannel channel = tunnel.awaitOpened();
            // a resumption attempt that does not know the master secret, from another port
            DtlsParameters forged = new DtlsParameters(p.suite(), p.id(), bytes(48));
            assertThatThrownBy(() -> TestDtlsClient.legacy(address, forged)).isInstanceOf(IOException.class);
            awaitStat(() -> server.stats().handshakeFailures() == 1);
            // copies of a ClientHello with the victim's id from many ports: two handshakes may wait, the rest are dropped
            java.util.List<java.net.DatagramSocket> ports = new java.util.ArrayList<>();
            try {
                for (int i = 0; i < 10; i++) {
                    java.net.DatagramSocket port = new java.net.DatagramSocket(new InetSocketAddress("127.0.0.1", 0));
                    ports.add(port);
                    byte[] spoofed = helloFor(p.id());
                    port.send(new java.net.DatagramPacket(spoofed, spoofed.length, address));
                }
                awaitStat(() -> server.stats().handshakesRefused() == 10 - DtlsRegistry.MAX_PENDING_HANDSHAKES);
            } finally {
                ports.forEach(java.net.DatagramSocket::close);
            }

            victim.send(0x00, new byte[] {1, 2, 3});
            assertThat(tunnel.awaitData()).containsExactly(1, 2, 3);
            assertThat(channel.send(new byte[] {4, 5})).isTrue();
            assertThat(victim.receive(5000)).containsExactly(0x00, 4, 5);
            assertThat(channel.isOpen()).isTrue();
            assertThat(reg.channel()).contains(channel);
            assertThat(tunnel.closed).isEmpty();
            assertThat(tunnel.opened).isEmpty();
        }
    }

    @Tag("slow")
    @Test
    void garbageUnknownIdsAndReplaysAreDroppedWhileAGoodClientKeepsWorking() throws Exception {
        DtlsParameters p = legacy(DtlsSuite.OC_AES256_GCM);
        RecordingListener tunnel = new RecordingListener();
        DtlsRegistry.Registration reg = server.registry().register(p, tunnel);
        try (TestDtlsClient client = TestDtlsClient.legacy(address, p)) {
            tunnel.awaitOpened();
            client.send(0x00, new byte[] {1, 2, 3});
            assertThat(tunnel.awaitData()).containsExactly(1, 2, 3);
            byte[] recorded = client.wire.last();

            client.sendRaw(recorded); // replay of an accepted record
            client.sendRaw(bytes(7)); // garbage, too short for DTLS
            client.sendRaw(helloFor(bytes(32))); // a ClientHello for nobody
            try (TestDtlsClient stranger = TestDtlsClient.legacy(address, legacy(DtlsSuite.OC_AES256_GCM))) {
                throw new AssertionError("handshake for an unknown session id succeeded");
            } catch (IOException expected) {
                // the gateway never answers
            }
            awaitStat(() -> server.stats().replayed() == 1 && server.stats().garbage() >= 1
                    && server.stats().unknownSession() >= 2);
            assertThat(tunnel.data.poll(300, TimeUnit.MILLISECONDS)).isNull();
            assertThat(reg.counters().snapshot().pktsRxDrop()).isEqualTo(1);

            client.send(0x00, new byte[] {4});
            assertThat(tunnel.awaitData()).containsExactly(4);
            assertThat(reg.counters().snapshot().pktsRx()).isEqualTo(2);
        }
    }

    @Tag("slow")
    @Test
    void aLoggedOutSessionCannotHandshakeAnyMore() throws Exception {
        DtlsParameters p = legacy(DtlsSuite.OC_AES256_GCM);
        RecordingListener tunnel = new RecordingListener();
        DtlsRegistry.Registration reg = server.registry().register(p, tunnel);
        try (TestDtlsClient client = TestDtlsClient.legacy(address, p)) {
            DtlsChannel channel = tunnel.awaitOpened();
            reg.close();
            assertThat(tunnel.awaitClosed()).isSameAs(channel);
            assertThat(server.registry().size()).isZero();
        }
        assertThatThrownBy(() -> TestDtlsClient.legacy(address, p)).isInstanceOf(IOException.class);
        assertThat(server.stats().unknownSession()).isGreaterThanOrEqualTo(1);
    }

    @Tag("slow")
    @Test
    void theDropSwitchSilencesUdpEntirely() throws Exception {
        DtlsParameters p = legacy(DtlsSuite.OC_AES256_GCM);
        server.registry().register(p, new RecordingListener());
        server.dropAllDatagrams(true);
        assertThatThrownBy(() -> TestDtlsClient.legacy(address, p)).isInstanceOf(IOException.class);
        assertThat(server.stats().filtered()).isGreaterThanOrEqualTo(1);
        assertThat(server.stats().handshakes()).isZero();
    }

    /** A minimal DTLS 1.2 ClientHello record with the given session id (enough for the demultiplexer). */
    private byte[] helloFor(byte[] sessionId) {
        byte[] d = new byte[60 + sessionId.length + 8];
        d[0] = 22;
        d[1] = (byte) 0xfe;
        d[2] = (byte) 0xff;
        d[13] = 1;
        d[25] = (byte) 0xfe;
        d[26] = (byte) 0xfd;
        System.arraycopy(bytes(32), 0, d, 27, 32);
        d[59] = (byte) sessionId.length;
        System.arraycopy(sessionId, 0, d, 60, sessionId.length);
        return d;
    }

    private static void awaitStat(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("condition not reached");
            }
            Thread.sleep(20);
        }
    }
}
