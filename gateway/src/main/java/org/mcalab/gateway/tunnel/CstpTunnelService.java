package org.mcalab.gateway.tunnel;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.ssl.SslHandler;
import java.net.Inet4Address;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;
import javax.net.ssl.SSLSession;
import org.mcalab.gateway.auth.ClientConnection;
import org.mcalab.gateway.config.AsaConfig;
import org.mcalab.gateway.config.IpPool;
import org.mcalab.gateway.config.TunnelProtocol;
import org.mcalab.gateway.http.HttpPipeline;
import org.mcalab.gateway.http.TunnelService;
import org.mcalab.gateway.session.Counters;
import org.mcalab.gateway.session.Session;
import org.mcalab.gateway.session.SessionDb;
import org.mcalab.gateway.session.TunnelRow;
import org.mcalab.gateway.trace.ClientText;
import org.mcalab.protocol.cstp.CstpFrame;
import org.mcalab.protocol.cstp.CstpFrameDecoder;
import org.mcalab.protocol.cstp.CstpFrameEncoder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers {@code CONNECT /CSCOSSLC/tunnel} for an authenticated session and runs its tunnels: leases the
 * pool address (the same one on every reconnect of the session), writes {@code HTTP/1.1 200 CONNECTED}
 * with the group policy's {@code X-CSTP-*} headers, switches the connection to CSTP, and ends sessions on
 * logout, idle timeout, session timeout and when a user exceeds {@code vpn-simultaneous-logins} (the
 * oldest session of that user is logged off, as the ASA does).
 *
 * <p>The HTTP layer has checked the cookie; a bad cookie never gets here (it answers 401 itself).
 */
public final class CstpTunnelService implements TunnelService, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(CstpTunnelService.class);
    /** Room above the MTU for control frames (a BYE reason, a DPD payload). */
    static final int FRAME_SLACK = 256;
    private static final List<String> HTTP_HANDLERS = HttpPipeline.HTTP_HANDLERS;
    /** How often sessions are checked for the idle and session timeouts. */
    static final Duration SWEEP_EVERY = Duration.ofSeconds(1);

    private final Function<Session, Optional<TunnelSettings>> settings;
    private volatile SessionDb sessions;
    private final InsideNetwork inside;
    private final Clock clock;
    private final Ticker ticker;
    /** DTLS beside CSTP (gateway/dtls); on by default, UDP on the HTTPS port. */
    private volatile org.mcalab.gateway.dtls.DtlsEndpoint dtls = org.mcalab.gateway.dtls.DtlsEndpoint.sameAsHttps(
            org.mcalab.gateway.trace.Trace.NONE);
    private final Map<String, AddressPool> pools = new HashMap<>();
    private final Map<Integer, SessionTunnels> bySession = new ConcurrentHashMap<>();
    private final LongAdder malformedFrames = new LongAdder();
    private ScheduledExecutorService ownSweeper;
    private java.util.concurrent.ScheduledFuture<?> sweeping;

    /**
     * Not usable until {@link #attach} gives it the session database. {@code clock} dates the tunnel rows and runs the
     * session timeout (from the login time the session database took from the same clock); {@code ticker} measures
     * silence for the idle timeout and gateway DPD.
     */
    public CstpTunnelService(Function<Session, Optional<TunnelSettings>> settings, InsideNetwork inside,
                             Clock clock, Ticker ticker) {
        this.settings = settings;
        this.inside = inside;
        this.clock = clock;
        this.ticker = ticker;
    }

    /**
     * Binds the service to the gateway's session database (done once by {@code Gateway.start}): tunnels
     * close when their session ends, and the idle/session-timeout sweep runs every {@link #SWEEP_EVERY} on
     * {@code scheduler} (the gateway passes one of its event loops, so the sweep stops with them; tests an
     * {@code EmbeddedChannel}'s, whose time they advance).
     */
    public synchronized CstpTunnelService attach(SessionDb sessionDb, ScheduledExecutorService scheduler) {
        if (sessions != null) {
            throw new IllegalStateException("already attached to a session database");
        }
        sessions = sessionDb;
        sessionDb.onEnd(this::sessionEnded);
        long sweep = SWEEP_EVERY.toNanos();
        sweeping = scheduler.scheduleAtFixedRate(this::sweep, sweep, sweep, TimeUnit.NANOSECONDS);
        return this;
    }

    /** {@link #attach(SessionDb, ScheduledExecutorService)} with a daemon thread of its own, stopped by {@link #close}. */
    public synchronized CstpTunnelService attach(SessionDb sessionDb) {
        ownSweeper = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "tunnel-sweeper");
            t.setDaemon(true);
            return t;
        });
        return attach(sessionDb, ownSweeper);
    }

    /**
     * The usual wiring: settings from the config, a {@link VirtualInsideNetwork} hosting the split-include networks,
     * silence measured by {@link Ticker#SYSTEM}.
     */
    public static CstpTunnelService forConfig(AsaConfig config, Clock clock) {
        return forConfig(config, clock, Ticker.SYSTEM);
    }

    /** {@link #forConfig(AsaConfig, Clock)} on a ticker of the caller's (a test's, which it advances). */
    public static CstpTunnelService forConfig(AsaConfig config, Clock clock, Ticker ticker) {
        return forConfig(config, new VirtualInsideNetwork(TunnelSettings.hostedNetworks(config)), clock, ticker);
    }

    /** Settings from the config, packets to {@code inside} (e.g. a {@link TunInsideNetwork}). */
    public static CstpTunnelService forConfig(AsaConfig config, InsideNetwork inside, Clock clock, Ticker ticker) {
        return new CstpTunnelService(s -> TunnelSettings.resolve(config, s.login().tunnelGroup(), s.login().groupPolicy()),
                inside, clock, ticker);
    }

    @Override
    public void open(ChannelHandlerContext ctx, FullHttpRequest request, Session session, ClientConnection connection) {
        connect(ctx, request.headers(), session, connection);
    }

    /** Replaces the DTLS endpoint ({@code DtlsEndpoint.disabled()} for {@code --no-dtls}); before the first CONNECT. */
    public CstpTunnelService dtls(org.mcalab.gateway.dtls.DtlsEndpoint endpoint) {
        this.dtls = endpoint;
        return this;
    }

    public org.mcalab.gateway.dtls.DtlsEndpoint dtls() {
        return dtls;
    }

    public InsideNetwork inside() {
        return inside;
    }

    /** A reading of the service's {@link Ticker}, for its tunnels. */
    long nanoTime() {
        return ticker.nanoTime();
    }

    /** Frames refused as malformed since start (MCA-ROB-2), over all tunnels. */
    public long malformedFrames() {
        return malformedFrames.sum();
    }

    /**
     * Handles the CONNECT of an authenticated session on this connection. On success the connection's
     * HTTP handlers are replaced by the CSTP ones; on refusal a 503 with {@code X-Reason} is written and the
     * connection closed. Must run on the channel's event loop (it does, when called from a handler).
     */
    public void connect(ChannelHandlerContext ctx, HttpHeaders requestHeaders, Session session, ClientConnection connection) {
        Channel channel = ctx.channel();
        if (sessions == null) {
            refuse(channel, "tunnel service not attached to a session database");
            return;
        }
        Optional<TunnelSettings> resolved = settings.apply(session);
        if (resolved.isEmpty()) {
            refuse(channel, "no tunnel group for this session");
            return;
        }
        TunnelSettings s = resolved.get();
        if (!s.policy().allows(TunnelProtocol.SSL_CLIENT)) {
            refuse(channel, "vpn-tunnel-protocol of group policy " + s.policy().name() + " does not allow ssl-client");
            return;
        }
        if (s.pool().isEmpty()) {
            refuse(channel, "no address pool configured");
            return;
        }
        SessionTunnels owner;
        try {
            owner = lease(session, s);
        } catch (AddressPool.PoolExhaustedException e) {
            LOG.warn("session {}: {}", session.index(), e.getMessage());
            refuse(channel, AddressPool.PoolExhaustedException.REASON);
            return;
        }
        sessions.enforceSimultaneousLogins(session, s.policy().simultaneousLogins());
        for (CstpTunnelHandler old : owner.live) {
            old.terminate("replaced by a reconnect of the same session");
        }

        Map<String, String> request = caseInsensitive(requestHeaders);
        SslHandler tls = channel.pipeline().get(SslHandler.class);
        org.mcalab.gateway.dtls.DtlsLink dtlsLink = dtls.link(channel, request::get, s.policy().anyconnect(),
                Optional.ofNullable(tls).map(SslHandler::engine), session);
        ConnectResponse response = ConnectResponse.build(s.hostname(), s.policy(), s.pool().get(), owner.address, s.splitNetworks(),
                ConnectResponse.ClientRequest.of(request)).withExtra(dtlsLink.responseHeaders().stream()
                .map(h -> new ConnectResponse.Header(h.name(), h.value())).toList());

        TunnelRow row = tunnelRow(channel, connection);
        session.addTunnel(row);
        Duration dpd = s.policy().anyconnect().dpdGateway().filter(d -> !d.isZero()).orElse(null);
        CstpTunnelHandler handler = new CstpTunnelHandler(this, owner, row, dpd, dtlsLink);
        owner.live.add(handler);

        ChannelPipeline pipeline = channel.pipeline();
        stripHttp(pipeline);
        if (tls != null) {
            // one write, one record: SslHandler otherwise merges queued writes into records of up to 16 KiB, and
            // openconnect drops a record that holds two frames (docs/protocol.md §9.3); the tunnel batches flushes, not records
            tls.setWrapDataSize(0);
        }
        // the headers go out in their own record(s) before any frame (docs/protocol.md §9.3)
        channel.writeAndFlush(Unpooled.copiedBuffer(response.wireText(), StandardCharsets.US_ASCII));
        pipeline.addLast("cstp-decoder", new CstpFrameDecoder(Math.min(CstpFrame.MAX_PAYLOAD, response.mtu() + FRAME_SLACK)));
        pipeline.addLast("cstp-encoder", CstpFrameEncoder.INSTANCE);
        pipeline.addLast("cstp-tunnel", handler);
        LOG.info("session {} ({}): CSTP tunnel up, address {}, MTU {}", session.index(), ClientText.line(session.login().username()),
                owner.address.getHostAddress(), response.mtu());
    }

    private static Map<String, String> caseInsensitive(HttpHeaders headers) {
        Map<String, String> map = new java.util.TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (Map.Entry<String, String> h : headers) {
            map.putIfAbsent(h.getKey(), h.getValue());
        }
        return map;
    }

    private synchronized SessionTunnels lease(Session session, TunnelSettings s) throws AddressPool.PoolExhaustedException {
        SessionTunnels existing = bySession.get(session.index());
        if (existing != null) {
            return existing;
        }
        IpPool pool = s.pool().orElseThrow();
        AddressPool addresses = pools.computeIfAbsent(pool.name(), n -> new AddressPool(pool));
        String key = Integer.toString(session.index());
        Inet4Address address = addresses.allocate(key);
        session.assignIp(address);
        SessionTunnels owner = new SessionTunnels(session, addresses, address, s, ticker.nanoTime());
        bySession.put(session.index(), owner);
        if (!session.active()) {
            // ended while we leased (admin logoff racing the CONNECT): give the address back at once
            release(owner);
        }
        return owner;
    }

    /** ASA: when a user exceeds vpn-simultaneous-logins, the oldest of that user's sessions is logged off. */
    private TunnelRow tunnelRow(Channel channel, ClientConnection connection) {
        if (connection != null) {
            CipherNames names = CipherNames.of(connection.cipherSuite());
            return new TunnelRow(TunnelRow.Kind.SSL, connection.clientIp(), connection.clientPort(), connection.localPort(),
                    names.encryption(), names.hashing(), connection.cipherSuite(), connection.tlsProtocol(), clock.instant(),
                    new Counters());
        }
        String publicIp = "";
        int srcPort = 0;
        int dstPort = 0;
        if (channel.remoteAddress() instanceof InetSocketAddress remote) {
            publicIp = remote.getAddress() == null ? remote.getHostString() : remote.getAddress().getHostAddress();
            srcPort = remote.getPort();
        }
        if (channel.localAddress() instanceof InetSocketAddress local) {
            dstPort = local.getPort();
        }
        String protocol = "none";
        String suite = "";
        SslHandler ssl = channel.pipeline().get(SslHandler.class);
        if (ssl != null) {
            SSLSession tls = ssl.engine().getSession();
            protocol = tls.getProtocol();
            suite = tls.getCipherSuite();
        }
        CipherNames names = CipherNames.of(suite);
        return new TunnelRow(TunnelRow.Kind.SSL, publicIp, srcPort, dstPort, names.encryption(), names.hashing(),
                suite.isEmpty() ? "none" : suite, protocol, clock.instant(), new Counters());
    }

    /**
     * Removes the HTTP handlers: from here on the connection carries CSTP. The gateway's pipeline names
     * them; a pipeline without those names (tests) loses every handler after the TLS handler.
     */
    private static void stripHttp(ChannelPipeline pipeline) {
        boolean named = false;
        for (String name : HTTP_HANDLERS) {
            if (pipeline.get(name) != null) {
                pipeline.remove(name);
                named = true;
            }
        }
        if (named) {
            return;
        }
        boolean afterTls = pipeline.get(SslHandler.class) == null;
        for (Map.Entry<String, ChannelHandler> entry : pipeline) {
            if (entry.getValue() instanceof SslHandler) {
                afterTls = true;
            } else if (afterTls) {
                pipeline.remove(entry.getValue());
            }
        }
    }

    private static void refuse(Channel channel, String reason) {
        LOG.info("CONNECT refused: {}", reason);
        stripHttp(channel.pipeline());
        String text = "HTTP/1.1 503 Service Unavailable\r\nX-Reason: " + reason + "\r\nContent-Length: 0\r\nConnection: close\r\n\r\n";
        channel.writeAndFlush(Unpooled.copiedBuffer(text, StandardCharsets.US_ASCII)).addListener(ChannelFutureListener.CLOSE);
    }

    /** BYE 0xB0: the user logged out. Ending the session makes its cookie unusable (a later CONNECT gets 401). */
    void logout(SessionTunnels owner, String reason) {
        sessions.end(owner.session.index(), reason);
        // the end listener releases the address; if the session was already gone, release here
        release(owner);
    }

    void tunnelClosed(SessionTunnels owner, CstpTunnelHandler handler) {
        owner.live.remove(handler);
        owner.session.removeTunnel(handler.row());
    }

    void countMalformed() {
        malformedFrames.increment();
    }

    private void sessionEnded(Session session) {
        SessionTunnels owner = bySession.get(session.index());
        if (owner == null) {
            return;
        }
        for (CstpTunnelHandler h : owner.live) {
            h.terminate(session.endReason().orElse("session ended"));
        }
        release(owner);
    }

    private void release(SessionTunnels owner) {
        if (bySession.remove(owner.session.index(), owner)) {
            owner.pool.release(owner.key());
        }
    }

    /**
     * Idle and session timeouts, for sessions with tunnel state and for those that never connected; also copies data
     * activity into the session's "Inactivity". Runs every {@link #SWEEP_EVERY}.
     */
    void sweep() {
        try {
            long now = ticker.nanoTime();
            Instant wall = clock.instant();
            for (SessionTunnels owner : bySession.values()) {
                long last = owner.lastDataNanos;
                if (last != owner.touchedNanos) {
                    owner.touchedNanos = last;
                    owner.session.touch(wall.minusNanos(now - last));
                }
                var policy = owner.settings.policy();
                Optional<Duration> idle = policy.idleTimeout();
                if (idle.isPresent() && now - last >= idle.get().toNanos()) {
                    LOG.info("session {}: idle for {}; logging off", owner.session.index(), idle.get());
                    sessions.end(owner.session.index(), "Idle Timeout");
                    release(owner);
                    continue;
                }
                Optional<Duration> max = policy.sessionTimeout();
                if (max.isPresent() && Duration.between(owner.session.loginTime(), wall).compareTo(max.get()) >= 0) {
                    LOG.info("session {}: session timeout {} reached; logging off", owner.session.index(), max.get());
                    sessions.end(owner.session.index(), "Max time exceeded");
                    release(owner);
                }
            }
            sweepUntunnelled(wall);
        } catch (RuntimeException e) {
            LOG.warn("tunnel sweep failed", e);
        }
    }

    /**
     * Sessions that authenticated but never sent CONNECT have no tunnel state above, yet their cookie works: without
     * this a client that logs in and walks away would hold a session forever. Their idle time runs on the gateway
     * clock from the last activity the session recorded (its login time, as nothing else touches it); the session
     * timeout from the login, as for tunnels.
     */
    private void sweepUntunnelled(Instant wall) {
        for (Session s : sessions.active()) {
            if (bySession.containsKey(s.index())) {
                continue; // a CONNECT leased state for it: the loop above owns it
            }
            Optional<org.mcalab.gateway.config.GroupPolicy> policy = settings.apply(s).map(TunnelSettings::policy);
            Optional<Duration> idle = policy.map(p -> p.idleTimeout()).orElse(s.login().idleTimeout());
            if (idle.isPresent() && Duration.between(s.lastActivity(), wall).compareTo(idle.get()) >= 0) {
                LOG.info("session {}: no tunnel and idle for {}; logging off", s.index(), idle.get());
                sessions.end(s.index(), "Idle Timeout");
                continue;
            }
            Optional<Duration> max = policy.flatMap(p -> p.sessionTimeout());
            if (max.isPresent() && Duration.between(s.loginTime(), wall).compareTo(max.get()) >= 0) {
                LOG.info("session {}: no tunnel and session timeout {} reached; logging off", s.index(), max.get());
                sessions.end(s.index(), "Max time exceeded");
            }
        }
    }

    /** Stops the sweep; tunnels close with their channels. */
    @Override
    public synchronized void close() {
        if (sweeping != null) {
            sweeping.cancel(false);
        }
        if (ownSweeper != null) {
            ownSweeper.shutdownNow();
        }
    }
}
