package org.mcalab.conformance.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.mcalab.fixtures.CrlServer;
import org.mcalab.fixtures.Manifest;
import org.mcalab.fixtures.PkiOptions;
import org.mcalab.fixtures.TestPki;
import org.mcalab.gateway.Gateway;
import org.mcalab.gateway.GatewayOptions;
import org.mcalab.gateway.RunningGateway;
import org.mcalab.gateway.ServerIdentity;
import org.mcalab.gateway.config.AsaConfig;
import org.mcalab.gateway.config.AsaConfigParser;
import org.mcalab.gateway.dtls.DtlsEndpoint;
import org.mcalab.gateway.session.Counters;
import org.mcalab.gateway.tunnel.CstpTunnelService;
import org.mcalab.protocol.Requirement;
import org.mcalab.client.ClientIdentity;
import org.mcalab.client.GatewayClient;
import org.mcalab.client.GatewayTrust;
import org.mcalab.conformance.mca.Attempt;
import org.mcalab.client.mca.CredentialStore;
import org.mcalab.conformance.mca.Mutation;
import org.mcalab.conformance.mca.Observation;
import org.mcalab.conformance.mca.Params;
import org.mcalab.client.mca.Profile;
import org.mcalab.lab.GatewayUnderTest;
import org.mcalab.lab.SessionView;
import org.mcalab.lab.Target;
import org.mcalab.lab.TunnelProbe;

/**
 * The probe against the reference gateway in-process: every check passes on a conformant gateway, and the checks
 * fail, citing their requirement, when the gateway miscounts or offers no DTLS.
 */
@Tag("slow")
class CstpProbeTest {
    static CrlServer crls;
    static Manifest pki;
    static AsaConfig config;
    static ServerIdentity identity;
    static RunningGateway gateway;

    @BeforeAll
    static void start() throws Exception {
        Path pkiDir = Files.createTempDirectory("probe-it").resolve("pki");
        crls = CrlServer.ephemeral(pkiDir.resolve("crl"));
        pki = TestPki.mint(pkiDir, PkiOptions.defaults()
                .withCrlBaseUrl(crls.baseUrl())).manifest();
        identity = ServerIdentity.load(pki.path(pki.identity(TestPki.GATEWAY).chain()),
                pki.path(pki.identity(TestPki.GATEWAY).key()));
        config = AsaConfigParser.parse(pki.asaConfig());
        gateway = Gateway.start(options().build());
    }

    private static GatewayOptions.Builder options() {
        return GatewayOptions.builder(config, identity).listen(new InetSocketAddress("127.0.0.1", 0)).traceOut(null);
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

    /** The embedded gateway's session view, with the counters of each live tunnel row. */
    record Sessions(RunningGateway gateway, UnaryOperator<SessionView.Tunnel> tamper) implements GatewayUnderTest.Sessions {
        @Override
        public Optional<SessionView> find(String sessionToken) {
            return gateway.sessions().findActive(sessionToken).map(s -> new SessionView(s.login().username(),
                    s.login().tunnelGroup(), s.login().groupPolicy(), null, null, "", s.tunnels().stream().map(row -> {
                        Counters.Snapshot c = row.counters().snapshot();
                        return tamper.apply(new SessionView.Tunnel(row.kind().display(), c.bytesTx(), c.bytesRx(), c.pktsTx(),
                                c.pktsRx(), c.pktsTxDrop(), c.pktsRxDrop()));
                    }).toList()));
        }

        @Override
        public GatewayUnderTest.Held held() {
            return new GatewayUnderTest.Held(gateway.sessions().size(), 0);
        }

        @Override
        public boolean logoff(String sessionToken) {
            throw new UnsupportedOperationException();
        }
    }

    /** The gateway with the given session view, or none (a remote gateway's probe cannot compare counters). */
    private static Target target(RunningGateway g, Sessions sessions) throws Exception {
        GatewayUnderTest gut = new GatewayUnderTest() {
            @Override
            public URI url() {
                return URI.create(g.url());
            }

            @Override
            public Manifest pki() {
                return pki;
            }

            @Override
            public boolean reference() {
                return true;
            }

            @Override
            public String where() {
                return "gateway in this JVM";
            }

            @Override
            public Optional<GatewayUnderTest.Sessions> sessions() {
                return Optional.ofNullable(sessions);
            }
        };
        return new Target(gut, GatewayTrust.caBundle(pki.caBundle()), List.of(new CstpProbe()));
    }

    /** The scenario's part: an MCA login, then the probe with its token. */
    private static TunnelProbe.Outcome run(Target target, String check) throws Exception {
        GatewayClient client = new GatewayClient(target.url(), target.trust(), Duration.ofSeconds(10));
        CredentialStore credentials = new CredentialStore(pki);
        Observation login = Mutation.NONE.run(new Attempt(client, target, credentials, Profile.WINDOWS, "/MCA", Params.NONE,
                List.of(TestPki.MACHINE), List.of(TestPki.USER), List.of(), false));
        assertThat(login.accepted()).as(login.text()).isTrue();
        var machine = credentials.get(TestPki.MACHINE);
        TunnelProbe probe = target.probe(check.startsWith("dtls") ? "dtls" : "tunnel").orElseThrow();
        return probe.run(new TunnelProbe.Session(client, ClientIdentity.of(machine.privateKey(), machine.chain()),
                login.sessionToken(), Profile.WINDOWS.userAgent(), "/MCA", null), check);
    }

    @ParameterizedTest
    @ValueSource(strings = {"cstp-traffic", "dpd", "bad-magic", "oversize-frame", "unknown-type", "dtls-fallback"})
    void everyCheckPassesOnTheReferenceGateway(String check) throws Exception {
        int before = gateway.sessions().size();
        TunnelProbe.Outcome o = run(target(gateway, new Sessions(gateway, UnaryOperator.identity())), check);
        assertThat(o.passed()).as(check + ": " + o.text() + "\n" + String.join("\n", o.notes())).isTrue();
        assertThat(o.notes()).isNotEmpty().last().asString().startsWith("result: ");
        // every tunnel of a check ends with a BYE (the bad ones after a reconnect): no session is left behind
        for (int i = 0; i < 100 && gateway.sessions().size() != before; i++) {
            Thread.sleep(20); // the gateway reads the last BYE after the probe returned
        }
        assertThat(gateway.sessions().size()).as("sessions left by " + check).isEqualTo(before);
    }

    @Test
    void theTrafficCheckComparesEveryCounterWithTheGateways() throws Exception {
        Sessions miscounting = new Sessions(gateway, t -> new SessionView.Tunnel(t.kind(), t.bytesTx(), t.bytesRx() + 1, t.pktsTx(),
                t.pktsRx(), t.pktsTxDrop(), t.pktsRxDrop()));
        TunnelProbe.Outcome o = run(target(gateway, miscounting), "cstp-traffic");
        assertThat(o.passed()).isFalse();
        assertThat(o.cited()).isEqualTo(Requirement.MCA_SES_3);
        assertThat(o.text()).contains("counters differ");
    }

    @Test
    void withoutAGatewayViewTheChecksStillRunButSaySo() throws Exception {
        TunnelProbe.Outcome o = run(target(gateway, null), "cstp-traffic");
        assertThat(o.passed()).as(o.text()).isTrue();
        assertThat(o.notes()).anyMatch(n -> n.contains("gateway counters not compared"));
    }

    @Test
    void aGatewayWithoutDtlsFailsTheFallbackCheck() throws Exception {
        CstpTunnelService noDtls = CstpTunnelService.forConfig(config, Clock.systemUTC())
                .dtls(DtlsEndpoint.disabled());
        try (RunningGateway cstpOnly = Gateway.start(options().tunnelService(noDtls).build())) {
            TunnelProbe.Outcome o = run(target(cstpOnly, new Sessions(cstpOnly, UnaryOperator.identity())), "dtls-fallback");
            assertThat(o.passed()).isFalse();
            assertThat(o.cited()).isEqualTo(Requirement.MCA_SES_4);
            assertThat(o.text()).contains("offers no DTLS");
        } finally {
            noDtls.close();
        }
    }

    @Test
    void theServiceLoaderFindsTheProbeAndItMustBeBound() {
        List<TunnelProbe> found = ServiceLoader.load(TunnelProbe.class).stream().map(ServiceLoader.Provider::get).toList();
        assertThat(found).hasAtLeastOneElementOfType(CstpProbe.class);
        CstpProbe unbound = new CstpProbe();
        assertThat(unbound.provides()).containsExactlyInAnyOrder("tunnel", "dtls");
        assertThatThrownBy(() -> unbound.run(null, "cstp-traffic")).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void insideHostsComeFromTheSplitIncludeNetworks() {
        assertThat(ProbeRun.insideHosts(List.of("192.168.1.0/255.255.255.0"))).extracting(a -> a.getHostAddress())
                .containsExactly("192.168.1.1", "192.168.1.77");
        assertThat(ProbeRun.insideHosts(List.of("10.20.30.0/28"))).extracting(a -> a.getHostAddress())
                .containsExactly("192.168.1.1", "10.20.30.1");
        assertThat(ProbeRun.insideHosts(List.of("garbage", "172.16.0.0/16"))).extracting(a -> a.getHostAddress())
                .containsExactly("192.168.1.1", "172.16.0.77");
        assertThat(ProbeRun.insideHosts(List.of())).extracting(a -> a.getHostAddress())
                .containsExactly("192.168.1.1", "192.168.1.77");
    }
}
