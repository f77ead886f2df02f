package org.mcalab.lab;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.function.UnaryOperator;
import org.mcalab.client.GatewayTrust;
import org.mcalab.fixtures.LabClock;
import org.mcalab.fixtures.Manifest;
import org.mcalab.gateway.Gateway;
import org.mcalab.gateway.GatewayChecks;
import org.mcalab.gateway.GatewayException;
import org.mcalab.gateway.GatewayOptions;
import org.mcalab.gateway.RunningGateway;
import org.mcalab.gateway.TlsEngine;
import org.mcalab.gateway.admin.CryptoCaView;
import org.mcalab.gateway.admin.HeapGauge;
import org.mcalab.gateway.config.AsaConfig;
import org.mcalab.gateway.dtls.DtlsEndpoint;
import org.mcalab.gateway.session.Counters;
import org.mcalab.gateway.session.Session;
import org.mcalab.gateway.session.TunnelRow;
import org.mcalab.gateway.trace.TraceEvent;
import org.mcalab.gateway.tunnel.CstpTunnelService;
import org.mcalab.gateway.tunnel.VirtualInsideNetwork;
import org.mcalab.reports.model.TraceLine;

/**
 * mcalab's reference gateway in this JVM, on everything a {@link MintedLab} provides (a freshly minted PKI in a
 * temporary directory, its CRLs on 127.0.0.1): on 127.0.0.1:0, with the CSTP tunnel service, the virtual inside network
 * (discard and echo hosts on 192.168.1.0/24, which exist only in the gateway's memory) and a {@link LabClock}. It offers
 * every {@link GatewayUnderTest} capability. A {@link Setup} says what differs between the suite's, the load runs' and
 * the soak's gateway. Closing it stops everything and deletes the directory.
 */
public final class EmbeddedGateway implements GatewayUnderTest {
    /** Handshake and request timeout of the suite's gateway (the robustness probes wait this long for slow clients). */
    public static final Duration CLIENT_TIMEOUT = Duration.ofSeconds(5);
    /** The groups of the minted asa.cfg: group-url /MCA, /CERT, /AAA; the MCA group is ANYCONNECT-MCA. */
    public static final GroupUrls GROUPS = new GroupUrls("/MCA", "ANYCONNECT-MCA", "/CERT", "/AAA");
    /** The minted asa.cfg's MCA group-policy and address pool, which the setups adapt. */
    public static final String MCA_POLICY = "Grouppolicy-MCA";
    public static final String POOL = "ANYCONNECT-POOL";
    /** Gateway DPD interval of idle load holds (ASA default 30 s, which the client's 20 s keepalive always pre-empts). */
    public static final Duration IDLE_DPD = Duration.ofSeconds(10);

    /**
     * What one embedded gateway changes: its copy of asa.cfg (the file stays as minted) and its options.
     *
     * @param purpose names the temporary directory and the errors
     */
    public record Setup(String purpose, ConfigEdit edit, UnaryOperator<GatewayOptions.Builder> options) {
        /**
         * The suite's: the given checks ({@link GatewayChecks#all()}, fewer only for a lax gateway that proves the
         * suite can fail, {@link LaxChecks}) and short client timeouts, so the robustness probes (slowloris, half
         * handshakes) finish in seconds.
         */
        public static Setup suite(GatewayChecks checks) {
            return new Setup("suite", ConfigEdit.none(), o -> o.handshakeTimeout(CLIENT_TIMEOUT)
                    .requestTimeout(CLIENT_TIMEOUT).checks(checks));
        }

        /**
         * The load runs': the seed's pool has 254 addresses and load needs one per tunnel, so it is widened to
         * 192.168.128.0/18 (16,382 addresses). For idle holds the gateway DPD interval is shortened to
         * {@link #IDLE_DPD}, so a hold of a minute sees several DPD exchanges per tunnel.
         */
        public static Setup load(TlsEngine tls, boolean idle) {
            ConfigEdit pool = ConfigEdit.pool(POOL, "192.168.128.1", "192.168.191.254", "255.255.192.0");
            return new Setup("load", idle ? pool.then(ConfigEdit.gatewayDpd(MCA_POLICY, IDLE_DPD)) : pool,
                    o -> o.traceCapacity(1000).tlsEngine(tls));
        }

        /**
         * The soak's: the pool narrowed to 64 addresses (room for the tunnels alive at once at the default rate,
         * which 16 was not: a 2-minute soak saw 503 'pool exhausted'; still small enough to lease whole, so an address
         * never given back shows), 100 simultaneous logins (every soak login is the same user), and a small trace
         * ring that is full before the heap baseline is taken (a bounded buffer filling up is not a leak).
         */
        public static Setup soak() {
            return new Setup("soak", ConfigEdit.pool(POOL, "192.168.100.1", "192.168.100.64", "255.255.255.0")
                    .then(ConfigEdit.simultaneousLogins(MCA_POLICY, 100)), o -> o.traceCapacity(500));
        }

        /** This setup, then one more config edit (a later edit of the same line wins). */
        public Setup with(ConfigEdit more) {
            return new Setup(purpose, edit.then(more), options);
        }

        /** This setup, then more option changes. */
        public Setup withOptions(UnaryOperator<GatewayOptions.Builder> more) {
            return new Setup(purpose, edit, o -> more.apply(options.apply(o)));
        }
    }

    private final MintedLab lab;
    private final AsaConfig config;
    private final RunningGateway gateway;
    private final CstpTunnelService tunnels;
    private final LabClock clock;

    private EmbeddedGateway(MintedLab lab, AsaConfig config, RunningGateway gateway, CstpTunnelService tunnels,
                            LabClock clock) {
        this.lab = lab;
        this.config = config;
        this.gateway = gateway;
        this.tunnels = tunnels;
        this.clock = clock;
    }

    /** @throws LabException when anything cannot be set up (exit 2) */
    public static EmbeddedGateway start(Setup setup) {
        MintedLab lab = MintedLab.start(setup.purpose());
        CstpTunnelService tunnels = null;
        try {
            AsaConfig config = lab.config(setup.edit());
            LabClock clock = LabClock.running();
            tunnels = CstpTunnelService.forConfig(config, clock);
            GatewayOptions.Builder options = GatewayOptions.builder(config, lab.identity())
                    .listen(new InetSocketAddress("127.0.0.1", 0))
                    .clock(clock)
                    .traceOut(null)
                    .tunnelService(tunnels); // attached to the gateway's sessions at start
            RunningGateway gateway = Gateway.start(setup.options().apply(options).build());
            tunnels.dtls(DtlsEndpoint.sameAsHttps(gateway.trace())); // DTLS events reach the trace (`debug dtls`)
            return new EmbeddedGateway(lab, config, gateway, tunnels, clock);
        } catch (IOException | GatewayException | RuntimeException e) {
            if (tunnels != null) {
                tunnels.close();
            }
            lab.close();
            throw MintedLab.failure(e);
        }
    }

    /** This gateway as the suite and the soak reach it, trusting the minted CA. */
    public Target target(List<TunnelProbe> probes) {
        try {
            return new Target(this, GatewayTrust.caBundle(lab.pki().caBundle()), probes);
        } catch (IOException e) {
            throw new LabException(e.getMessage(), e);
        }
    }

    @Override
    public URI url() {
        return URI.create(gateway.url());
    }

    @Override
    public Manifest pki() {
        return lab.pki();
    }

    /** The minted PKI, as {@code --pki} takes it. */
    public Path pkiDir() {
        return lab.pki().dir();
    }

    public String mintSummary() {
        return lab.minted().summary();
    }

    @Override
    public boolean reference() {
        return true;
    }

    @Override
    public String where() {
        return "gateway in this JVM (beside the generator)";
    }

    @Override
    public Optional<LabClock> clock() {
        return Optional.of(clock);
    }

    @Override
    public Optional<Trace> trace() {
        return Optional.of(new Trace() {
            @Override
            public long mark() {
                return gateway.trace().lastSeq();
            }

            @Override
            public List<TraceLine> since(long mark) {
                return gateway.trace().eventsSince(mark).stream().map(EmbeddedGateway::line).toList();
            }
        });
    }

    private static TraceLine line(TraceEvent e) {
        return new TraceLine(e.time().toString(), e.category().command(),
                (e.correlation() == null ? "" : "[" + e.correlation() + "] ") + e.message());
    }

    @Override
    public Optional<Sessions> sessions() {
        return Optional.of(new Sessions() {
            @Override
            public Optional<SessionView> find(String sessionToken) {
                return gateway.sessions().findActive(sessionToken).map(EmbeddedGateway.this::view);
            }

            /** A tunnel DPD gave up on is detached: its row goes. */
            @Override
            public Held held() {
                List<Session> active = gateway.sessions().active();
                int withTunnel = (int) active.stream()
                        .filter(s -> s.tunnels().stream().anyMatch(t -> t.kind() == TunnelRow.Kind.SSL)).count();
                return new Held(active.size(), withTunnel);
            }

            @Override
            public boolean logoff(String sessionToken) {
                return gateway.sessions().findActive(sessionToken)
                        .map(s -> gateway.sessions().end(s.index(), "User Requested")).orElse(false);
            }
        });
    }

    private SessionView view(Session s) {
        var login = s.login();
        return new SessionView(login.username(), login.tunnelGroup(), login.groupPolicy(),
                s.assignedIp().map(a -> a.getHostAddress()).orElse(null), login.authMode().display(),
                org.mcalab.gateway.session.SessionView.detail(List.of(s), clock.instant()),
                s.tunnels().stream().map(EmbeddedGateway::tunnel).toList());
    }

    private static SessionView.Tunnel tunnel(TunnelRow row) {
        Counters.Snapshot c = row.counters().snapshot();
        return new SessionView.Tunnel(row.kind().display(), c.bytesTx(), c.bytesRx(), c.pktsTx(), c.pktsRx(),
                c.pktsTxDrop(), c.pktsRxDrop());
    }

    @Override
    public OptionalInt pendingAuths() {
        return OptionalInt.of(gateway.pendingAuthentications());
    }

    @Override
    public Optional<String> trustpoints() {
        return Optional.of(CryptoCaView.render(gateway.config()));
    }

    /** The size of the MCA group's pool in this gateway's copy of asa.cfg. */
    @Override
    public OptionalInt poolSize() {
        return config.tunnelGroup(GROUPS.authgroup()).flatMap(config::poolFor)
                .map(p -> OptionalInt.of((int) p.size())).orElse(OptionalInt.empty());
    }

    /**
     * The gateway's own threads, not a load generator's beside it in this JVM: Netty's and the admin's are named
     * mcalab-*, the DTLS server's dtls-udp and dtls-peer-N (one per DTLS tunnel), the idle sweeper tunnel-sweeper.
     */
    @Override
    public CpuMeter cpu() {
        return CpuMeter.threadsNamed("mcalab-", "dtls-udp", "dtls-peer-", "tunnel-sweeper");
    }

    @Override
    public OptionalLong heapAfterGc() {
        return OptionalLong.of(HeapGauge.usedAfterGc());
    }

    @Override
    public Optional<InsideCount> inside() {
        if (tunnels.inside() instanceof VirtualInsideNetwork v) {
            VirtualInsideNetwork.Stats s = v.stats();
            return Optional.of(new InsideCount(s.discarded(), s.discardedBytes(), s.echoed(), s.dropped()));
        }
        return Optional.empty();
    }

    @Override
    public boolean sharesHeapWithGenerator() {
        return true;
    }

    /** The running gateway itself, for a forked child that serves it over the admin endpoint. */
    RunningGateway running() {
        return gateway;
    }

    @Override
    public void close() {
        gateway.close();
        tunnels.close();
        lab.close();
    }
}
