package org.mcalab.gateway;

import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.mcalab.gateway.auth.McaPolicy;
import org.mcalab.gateway.config.AsaConfig;
import org.mcalab.gateway.http.TunnelService;
import org.mcalab.gateway.pki.CrlSource;
import org.mcalab.gateway.trace.DebugCategory;

/**
 * Everything {@link Gateway#start} needs. Build with {@link #builder}; every field but the config and the
 * identity has a default.
 *
 * @param listen           where HTTPS is served (default 127.0.0.1:8443; port 0 = ephemeral). The config's
 *                         interface addresses are never used for binding.
 * @param admin            the loopback admin endpoint, or empty for none
 * @param debug            categories printed to {@code traceOut} from the start (all are recorded anyway)
 * @param crlSource        where CRLs come from; empty = fetch over HTTP from the distribution points
 * @param authInfoLifetime how long a pending authentication lives (3 minutes, MCA-FLOW-5)
 * @param authInfoCap      how many may be pending at once (MCA-ROB-3)
 * @param dtls             DTLS beside CSTP (default on); off ({@code --no-dtls}) the tunnel service gets
 *                         {@code DtlsEndpoint.disabled()}: no UDP socket, no X-DTLS-* headers, every tunnel on CSTP
 * @param tlsEngine        the HTTPS/CSTP TLS implementation (default {@link TlsEngine#preferred()})
 * @param checks           the requirement checks run (default {@link GatewayChecks#all()}: only a lab gateway that
 *                         proves the conformance suite can fail runs fewer)
 */
public record GatewayOptions(AsaConfig config, ServerIdentity identity, InetSocketAddress listen,
                             Optional<InetSocketAddress> admin, Set<DebugCategory> debug, PrintStream traceOut,
                             McaPolicy mcaPolicy, Optional<CrlSource> crlSource, Clock clock,
                             Duration authInfoLifetime, int authInfoCap, int traceCapacity, TunnelService tunnelService,
                             Duration handshakeTimeout, Duration requestTimeout, Duration idleTimeout,
                             boolean dtls, TlsEngine tlsEngine, GatewayChecks checks) {

    public static final InetSocketAddress DEFAULT_LISTEN = new InetSocketAddress("127.0.0.1", 8443);
    public static final InetSocketAddress DEFAULT_ADMIN = new InetSocketAddress("127.0.0.1", 8444);

    public GatewayOptions {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(identity, "identity");
        Objects.requireNonNull(tlsEngine, "tlsEngine");
        Objects.requireNonNull(checks, "checks");
        debug = debug.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(debug));
    }

    public static Builder builder(AsaConfig config, ServerIdentity identity) {
        return new Builder(config, identity);
    }

    public Builder toBuilder() {
        Builder b = new Builder(config, identity);
        b.listen = listen;
        b.admin = admin;
        b.debug = EnumSet.noneOf(DebugCategory.class);
        b.debug.addAll(debug);
        b.traceOut = traceOut;
        b.mcaPolicy = mcaPolicy;
        b.crlSource = crlSource;
        b.clock = clock;
        b.authInfoLifetime = authInfoLifetime;
        b.authInfoCap = authInfoCap;
        b.traceCapacity = traceCapacity;
        b.tunnelService = tunnelService;
        b.handshakeTimeout = handshakeTimeout;
        b.requestTimeout = requestTimeout;
        b.idleTimeout = idleTimeout;
        b.dtls = dtls;
        b.tlsEngine = tlsEngine;
        b.checks = checks;
        return b;
    }

    public static final class Builder {
        private final AsaConfig config;
        private final ServerIdentity identity;
        private InetSocketAddress listen = DEFAULT_LISTEN;
        private Optional<InetSocketAddress> admin = Optional.empty();
        private EnumSet<DebugCategory> debug = EnumSet.noneOf(DebugCategory.class);
        private PrintStream traceOut = System.out;
        private McaPolicy mcaPolicy = McaPolicy.defaults();
        private Optional<CrlSource> crlSource = Optional.empty();
        private Clock clock = Clock.systemUTC();
        private Duration authInfoLifetime = Duration.ofMinutes(3);
        private int authInfoCap = 10_000;
        private int traceCapacity = 20_000;
        private TunnelService tunnelService = TunnelService.UNAVAILABLE;
        private Duration handshakeTimeout = Duration.ofSeconds(10);
        private Duration requestTimeout = Duration.ofSeconds(30);
        private Duration idleTimeout = Duration.ofSeconds(60);
        private boolean dtls = true;
        private TlsEngine tlsEngine = TlsEngine.preferred();
        private GatewayChecks checks = GatewayChecks.all();

        private Builder(AsaConfig config, ServerIdentity identity) {
            this.config = config;
            this.identity = identity;
        }

        public Builder listen(InetSocketAddress address) {
            this.listen = address;
            return this;
        }

        /** Must be a loopback address ({@link Gateway#start} refuses others). */
        public Builder admin(InetSocketAddress address) {
            this.admin = Optional.ofNullable(address);
            return this;
        }

        public Builder debug(DebugCategory category) {
            this.debug.add(category);
            return this;
        }

        public Builder debug(Set<DebugCategory> categories) {
            this.debug.addAll(categories);
            return this;
        }

        /** Where printed trace lines go; null prints nothing (the in-memory log still records). */
        public Builder traceOut(PrintStream out) {
            this.traceOut = out;
            return this;
        }

        /** MCA policy overrides. */
        public Builder mcaPolicy(McaPolicy policy) {
            this.mcaPolicy = policy;
            return this;
        }

        public Builder crlSource(CrlSource source) {
            this.crlSource = Optional.ofNullable(source);
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        public Builder authInfoLifetime(Duration lifetime) {
            this.authInfoLifetime = lifetime;
            return this;
        }

        public Builder authInfoCap(int cap) {
            this.authInfoCap = cap;
            return this;
        }

        public Builder traceCapacity(int capacity) {
            this.traceCapacity = capacity;
            return this;
        }

        /** What a valid {@code CONNECT /CSCOSSLC/tunnel} is handed to (default: 503 "tunnel not available yet"). */
        public Builder tunnelService(TunnelService service) {
            this.tunnelService = service;
            return this;
        }

        public Builder handshakeTimeout(Duration timeout) {
            this.handshakeTimeout = timeout;
            return this;
        }

        public Builder requestTimeout(Duration timeout) {
            this.requestTimeout = timeout;
            return this;
        }

        public Builder idleTimeout(Duration timeout) {
            this.idleTimeout = timeout;
            return this;
        }

        /** False for {@code --no-dtls}; applies to the gateway's own tunnel service and to a given {@code CstpTunnelService}. */
        public Builder dtls(boolean enabled) {
            this.dtls = enabled;
            return this;
        }

        /** The HTTPS/CSTP TLS implementation; {@link Gateway#start} refuses OPENSSL where netty-tcnative cannot load. */
        public Builder tlsEngine(TlsEngine engine) {
            this.tlsEngine = engine;
            return this;
        }

        /** The requirement checks run; only a lab gateway that proves the suite can fail passes fewer than all. */
        public Builder checks(GatewayChecks checks) {
            this.checks = checks;
            return this;
        }

        public GatewayOptions build() {
            return new GatewayOptions(config, identity, listen, admin, debug, traceOut, mcaPolicy, crlSource, clock,
                    authInfoLifetime, authInfoCap, traceCapacity, tunnelService, handshakeTimeout, requestTimeout,
                    idleTimeout, dtls, tlsEngine, checks);
        }
    }
}
