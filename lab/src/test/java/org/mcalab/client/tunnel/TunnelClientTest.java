package org.mcalab.client.tunnel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.mcalab.fixtures.Credential;
import org.mcalab.fixtures.CrlServer;
import org.mcalab.fixtures.Manifest;
import org.mcalab.fixtures.PkiOptions;
import org.mcalab.fixtures.TestPki;
import org.mcalab.gateway.Gateway;
import org.mcalab.gateway.GatewayOptions;
import org.mcalab.gateway.RunningGateway;
import org.mcalab.gateway.ServerIdentity;
import org.mcalab.gateway.config.AsaConfigParser;
import org.mcalab.gateway.session.Counters;
import org.mcalab.gateway.session.Session;
import org.mcalab.gateway.session.SessionView;
import org.mcalab.protocol.ClientProfile;
import org.mcalab.client.ClientIdentity;
import org.mcalab.client.GatewayClient;
import org.mcalab.client.GatewayTrust;
import org.mcalab.client.mca.McaLogin;
import org.mcalab.client.mca.UserCertificate;

/**
 * The client's tunnel client against the reference gateway in-process: MCA login (machine certificate in TLS,
 * user certificate signed in aggregate auth), CONNECT, pings and UDP echoes to the virtual inside hosts checked
 * byte for byte, the gateway's session counters equal to what the client counted, distinct addresses for two
 * sessions, the same address after detach + reconnect, and a dead cookie after the BYE.
 */
class TunnelClientTest {
    static CrlServer crls;
    static Manifest pki;
    static RunningGateway gateway;
    static final Inet4Address GATEWAY_SIDE = address("192.168.1.1");
    static final Inet4Address OTHER_HOST = address("192.168.1.77");

    @BeforeAll
    static void start() throws Exception {
        Path dir = Files.createTempDirectory("tunnel-it");
        Path pkiDir = dir.resolve("pki");
        crls = CrlServer.ephemeral(pkiDir.resolve("crl"));
        pki = TestPki.mint(pkiDir, PkiOptions.defaults()
                .withCrlBaseUrl(crls.baseUrl())).manifest();
        ServerIdentity identity = ServerIdentity.load(pki.path(pki.identity(TestPki.GATEWAY).chain()),
                pki.path(pki.identity(TestPki.GATEWAY).key()));
        gateway = Gateway.start(GatewayOptions.builder(AsaConfigParser.parse(pki.asaConfig()), identity)
                .listen(new InetSocketAddress("127.0.0.1", 0)).traceOut(null).build());
    }

    @AfterAll
    static void stop() {
        if (gateway != null) {
            gateway.close();
        }
        if (crls != null) {
            crls.close();
        }
    }

    /** openconnect's MCA login: init and the signed reply, each on its own TLS connection with the machine certificate. */
    static String login() throws Exception {
        Credential machine = pki.load(TestPki.MACHINE);
        Credential user = pki.load(TestPki.USER);
        GatewayClient client = new GatewayClient(URI.create(gateway.url()), GatewayTrust.caBundle(pki.caBundle()), Duration.ofSeconds(10));
        McaLogin.Result login = McaLogin.openconnect(client.groupAccess("/MCA")).run(client, "/MCA",
                ClientProfile.OPENCONNECT.userAgent(), ClientIdentity.of(machine), UserCertificate.of(user), McaLogin.Hook.NONE);
        assertThat(login.sessionToken()).as("login failed: %s", login.answer().bodyText()).isPresent();
        return login.sessionToken().orElseThrow();
    }

    static TunnelClient.Config config(String token) {
        // the login's TLS certificate: the gateway binds the session to it (MCA-FLOW-7)
        Credential machine = pki.load(TestPki.MACHINE);
        return TunnelClient.Config.of(URI.create(gateway.url()), token, pki.caBundle())
                .withClientCertificate(machine.privateKey(), machine.chain());
    }

    static Session sessionAt(Inet4Address address) {
        return gateway.sessions().active().stream()
                .filter(s -> s.assignedIp().map(address::equals).orElse(false)).findFirst().orElseThrow();
    }

    @Test
    void pingsAndEchoesComeBackByteForByteAndTheSessionDbCountsThem() throws Exception {
        try (TunnelSession t = TunnelClient.connect(config(login()))) {
            assertThat(t.statusLine()).startsWith("HTTP/1.1 200 ");
            assertThat(t.address().getHostAddress()).startsWith("192.168.100.");
            assertThat(t.header("X-CSTP-Netmask")).containsExactly("255.255.255.0");
            assertThat(t.header("X-CSTP-Split-Include")).containsExactly("192.168.1.0/255.255.255.0");
            assertThat(t.header("X-CSTP-MTU")).containsExactly("1390");
            assertThat(t.cstpHeaders().keySet()).noneMatch(h -> h.startsWith("X-DTLS"));

            t.ping(GATEWAY_SIDE, 56);
            t.ping(OTHER_HOST, 56);
            t.ping(OTHER_HOST, 1300);
            t.udpEcho(GATEWAY_SIDE, 7, "mcalab".getBytes());
            t.udpEcho(OTHER_HOST, 7, new byte[1000]);
            t.sendDiscard(GATEWAY_SIDE, 400, 5);
            t.dpd(); // frames are handled in order: after the DPD answer every packet above was counted

            TunnelSession.Counters mine = t.counters();
            assertThat(mine.pktsTx()).isEqualTo(10);
            assertThat(mine.pktsRx()).isEqualTo(5);
            Session s = sessionAt(t.address());
            Counters.Snapshot theirs = s.tunnels().get(0).counters().snapshot();
            assertThat(theirs.pktsRx()).isEqualTo(mine.pktsTx());
            assertThat(theirs.bytesRx()).isEqualTo(mine.bytesTx());
            assertThat(theirs.pktsTx()).isEqualTo(mine.pktsRx());
            assertThat(theirs.bytesTx()).isEqualTo(mine.bytesRx());
            assertThat(theirs.pktsRxDrop()).isZero();
            assertThat(SessionView.detail(List.of(s), Instant.now())).contains("SSL-Tunnel:", "Encapsulation: TLSv1.3",
                    "Auth Mode    : Multiple-certificate", "Pkts Rx      : 10");
        }
    }

    @Test
    void twoSessionsGetDifferentAddresses() throws Exception {
        try (TunnelSession a = TunnelClient.connect(config(login())); TunnelSession b = TunnelClient.connect(config(login()))) {
            assertThat(a.address()).isNotEqualTo(b.address());
            a.ping(GATEWAY_SIDE, 8);
            b.ping(GATEWAY_SIDE, 8);
        }
    }

    @Test
    void detachAndReconnectKeepTheAddressByeKillsTheCookie() throws Exception {
        String token = login();
        TunnelSession first = TunnelClient.connect(config(token));
        Inet4Address address = first.address();
        first.detach();
        try (TunnelSession again = TunnelClient.connect(config(token))) {
            assertThat(again.address()).isEqualTo(address);
            again.ping(GATEWAY_SIDE, 32);
        } // close() sends the 0xB0 BYE
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (gateway.sessions().findActive(token).isPresent() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThatThrownBy(() -> TunnelClient.connect(config(token))).isInstanceOf(TunnelException.class)
                .hasMessageContaining("HTTP/1.1 401");
    }

    @Test
    void throughputRunDeliversEveryPacketToTheDiscardHost() throws Exception {
        long packets = Long.getLong("mcalab.tunnel.packets", 20_000);
        try (TunnelSession t = TunnelClient.connect(config(login()).withMtu(1406))) {
            TunnelSession.Throughput r = t.throughput(GATEWAY_SIDE, 1400, packets);
            Counters.Snapshot theirs = sessionAt(t.address()).tunnels().get(0).counters().snapshot();
            assertThat(theirs.pktsRx()).isEqualTo(packets);
            assertThat(theirs.bytesRx()).isEqualTo(packets * 1400);
            assertThat(theirs.pktsRxDrop()).isZero();
            System.out.printf("tunnel throughput: %d x 1400-byte packets in %d ms = %.0f Mbit/s (%.0f packets/s)%n",
                    packets, r.elapsed().toMillis(), r.megabitsPerSecond(), r.packetsPerSecond());
        }
    }

    private static Inet4Address address(String dotted) {
        try {
            return (Inet4Address) InetAddress.getByName(dotted);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
