package org.mcalab.gateway.admin;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.mcalab.gateway.GatewayException;
import org.mcalab.gateway.auth.LocalLockout;
import org.mcalab.gateway.config.AsaConfig;
import org.mcalab.gateway.http.TunnelService;
import org.mcalab.gateway.session.Session;
import org.mcalab.gateway.session.SessionDb;
import org.mcalab.gateway.session.SessionView;
import org.mcalab.gateway.trace.DebugCategory;
import org.mcalab.gateway.trace.TraceEvent;
import org.mcalab.gateway.trace.TraceLog;
import org.mcalab.gateway.tunnel.CstpTunnelService;
import org.mcalab.gateway.tunnel.VirtualInsideNetwork;

/**
 * The loopback admin endpoint (plain HTTP, JSON unless {@code format=text}):
 * <ul>
 *   <li>{@code GET /sessions[?detail=1][&format=text]} — the session database ({@code show vpn-sessiondb})</li>
 *   <li>{@code GET /crypto-ca[?format=text]} — {@code show crypto ca certificate}</li>
 *   <li>{@code GET /trace?since=N[&format=text]} — trace events after sequence N</li>
 *   <li>{@code POST /debug?category=CAT|all&on=true|false} — switch printing of a debug category</li>
 *   <li>{@code POST /sessions/{index}/logoff} — end a session</li>
 *   <li>{@code GET /inside} — the virtual inside network's counters (404 without one): what a load run checks its
 *       packets against</li>
 *   <li>{@code GET /heap} — heap in use after full garbage collections ({@link HeapGauge}; takes about a second,
 *       during which this endpoint answers nothing else): what a soak or load run compares</li>
 *   <li>{@code GET /aaa/lockout} — locked local users; {@code POST /aaa/lockout/clear[?username=NAME]} — unlock
 *       one or all ({@code clear aaa local user lockout})</li>
 *   <li>{@code GET /health} — the only request that needs no token</li>
 * </ul>
 * Exposure (README "The reference gateway"): loopback only; every request must name a loopback host with the
 * admin port in {@code Host} (a DNS-rebound name is refused) and carry no {@code Origin} or cross-site
 * {@code Sec-Fetch-Site} (a browser page is refused, 403); everything but {@code /health} needs the random
 * per-start token in {@value #TOKEN_HEADER} (401 without it), so a guessable URL changes nothing. Connections
 * are served without blocking one another, one request each, and one that has not sent its whole request
 * within the request timeout is closed.
 */
public final class AdminServer {
    public static final String TOKEN_HEADER = "X-Mcalab-Admin-Token";
    /** Default for {@link #start}: how long a connection may take to send its request. */
    public static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final int MAX_CONNECTIONS = 64;

    private volatile Channel server;
    private final EventLoopGroup loop;
    private final SessionDb sessions;
    private final TraceLog trace;
    private final AsaConfig config;
    private final LocalLockout lockout;
    private final Clock clock;
    private final TunnelService tunnels;
    private final String token;
    private final AtomicInteger open = new AtomicInteger();

    private AdminServer(EventLoopGroup loop, SessionDb sessions, TraceLog trace, AsaConfig config, LocalLockout lockout,
                        Clock clock, TunnelService tunnels, String token) {
        this.loop = loop;
        this.lockout = lockout;
        this.sessions = sessions;
        this.trace = trace;
        this.config = config;
        this.clock = clock;
        this.tunnels = tunnels;
        this.token = token;
    }

    public static AdminServer start(InetSocketAddress address, SessionDb sessions, TraceLog trace, AsaConfig config,
                                    LocalLockout lockout, Clock clock, Duration requestTimeout) throws GatewayException {
        return start(address, sessions, trace, config, lockout, clock, TunnelService.UNAVAILABLE, requestTimeout);
    }

    /** As above, serving the tunnel service's inside counters too ({@code GET /inside}). */
    public static AdminServer start(InetSocketAddress address, SessionDb sessions, TraceLog trace, AsaConfig config,
                                    LocalLockout lockout, Clock clock, TunnelService tunnels, Duration requestTimeout)
            throws GatewayException {
        if (!address.getAddress().isLoopbackAddress()) {
            throw new GatewayException("the admin endpoint must listen on a loopback address, not "
                    + address.getAddress().getHostAddress());
        }
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        EventLoopGroup loop = new NioEventLoopGroup(1, new DefaultThreadFactory("mcalab-admin", true));
        AdminServer admin = new AdminServer(loop, sessions, trace, config, lockout, clock, tunnels, HexFormat.of().formatHex(secret));
        try {
            admin.server = new ServerBootstrap()
                    .group(loop)
                    .channel(NioServerSocketChannel.class)
                    .childHandler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel ch) {
                            admin.accept(ch, requestTimeout);
                        }
                    })
                    .bind(address).syncUninterruptibly().channel();
        } catch (Exception e) { // bind() rethrows the checked BindException undeclared
            loop.shutdownGracefully(0, 1, TimeUnit.SECONDS);
            if (((Throwable) e) instanceof BindException bind) {
                throw GatewayException.cannotBind(address, " (admin)", bind);
            }
            throw new GatewayException("cannot start the admin endpoint on " + address.getAddress().getHostAddress() + ":"
                    + address.getPort() + ": " + e.getMessage(), e);
        }
        return admin;
    }

    public InetSocketAddress address() {
        return (InetSocketAddress) server.localAddress();
    }

    /** The secret a state-reading or state-changing request must carry in {@value #TOKEN_HEADER}. */
    public String token() {
        return token;
    }

    public void stop() {
        server.close().syncUninterruptibly();
        loop.shutdownGracefully(0, 1, TimeUnit.SECONDS);
    }

    /** One request per connection; a connection that is too slow to send it, or one too many, is closed. */
    private void accept(SocketChannel ch, Duration requestTimeout) {
        if (open.incrementAndGet() > MAX_CONNECTIONS) {
            open.decrementAndGet();
            ch.close();
            return;
        }
        ch.closeFuture().addListener(f -> open.decrementAndGet());
        ch.eventLoop().schedule(() -> ch.close(), requestTimeout.toNanos(), TimeUnit.NANOSECONDS);
        ch.pipeline().addLast(new HttpServerCodec(4096, 8192, 8192), new HttpObjectAggregator(8192),
                new SimpleChannelInboundHandler<FullHttpRequest>() {
                    @Override
                    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
                        Reply reply;
                        try {
                            reply = handle(request);
                        } catch (RuntimeException e) {
                            reply = Reply.json(500, Map.of("error", String.valueOf(e.getMessage())));
                        }
                        ctx.writeAndFlush(reply.response()).addListener(ChannelFutureListener.CLOSE);
                    }

                    @Override
                    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
                        ctx.close();
                    }
                });
    }

    private Reply handle(FullHttpRequest request) {
        if (!request.decoderResult().isSuccess()) {
            return Reply.json(400, Map.of("error", "malformed request"));
        }
        String refused = refusal(request);
        if (refused != null) {
            return Reply.json(403, Map.of("error", refused));
        }
        String method = request.method().name();
        QueryStringDecoder uri = new QueryStringDecoder(request.uri());
        String path = uri.path();
        if (method.equals("GET") && path.equals("/health")) {
            return Reply.json(200, Map.of("status", "ok"));
        }
        String presented = request.headers().get(TOKEN_HEADER);
        if (presented == null || !MessageDigest.isEqual(presented.getBytes(StandardCharsets.UTF_8),
                token.getBytes(StandardCharsets.UTF_8))) {
            return Reply.json(401, Map.of("error", "missing or wrong " + TOKEN_HEADER
                    + " (the gateway printed where its token file is at start-up)"));
        }
        Map<String, String> q = new LinkedHashMap<>();
        uri.parameters().forEach((k, v) -> q.put(k, v.get(v.size() - 1)));
        boolean text = "text".equals(q.get("format"));
        Instant now = clock.instant();
        if (method.equals("GET") && path.equals("/sessions")) {
            List<Session> active = sessions.active();
            boolean detail = "1".equals(q.get("detail")) || "true".equals(q.get("detail"));
            if (text) {
                return Reply.text(detail ? SessionView.detail(active, now) : SessionView.summary(active, now));
            }
            List<Map<String, Object>> list = new ArrayList<>();
            active.forEach(s -> list.add(SessionView.json(s, now)));
            return Reply.json(200, Map.of("sessions", list));
        } else if (method.equals("GET") && path.equals("/crypto-ca")) {
            return text ? Reply.text(CryptoCaView.render(config))
                    : Reply.json(200, Map.of("certificates", CryptoCaView.entries(config)));
        } else if (method.equals("GET") && path.equals("/trace")) {
            return trace(q, text);
        } else if (method.equals("POST") && path.equals("/debug")) {
            return debug(q);
        } else if (method.equals("POST") && path.matches("/sessions/\\d{1,9}/logoff")) {
            int index = Integer.parseInt(path.split("/")[2]);
            return sessions.end(index, "Administrator Reset") ? Reply.json(200, Map.of("loggedOff", index))
                    : Reply.json(404, Map.of("error", "no active session with index " + index));
        } else if (method.equals("GET") && path.equals("/inside")) {
            return inside();
        } else if (method.equals("GET") && path.equals("/heap")) {
            return Reply.json(200, Map.of("usedAfterGcBytes", HeapGauge.usedAfterGc()));
        } else if (method.equals("GET") && path.equals("/aaa/lockout")) {
            return Reply.json(200, Map.of("locked", lockout.locked()));
        } else if (method.equals("POST") && path.equals("/aaa/lockout/clear")) {
            String user = q.get("username");
            return Reply.json(200, Map.of("unlocked", user == null ? lockout.clearAll()
                    : lockout.clear(user) ? List.of(user) : List.of()));
        }
        return Reply.json(404, Map.of("error", "unknown admin request " + method + " " + path));
    }

    /**
     * Why a request cannot come from the local admin's own tools, or null: a Host that is not a loopback
     * literal or localhost with this endpoint's port (DNS rebinding), or a browser's cross-origin marks.
     */
    private String refusal(FullHttpRequest request) {
        if (request.headers().contains(HttpHeaderNames.ORIGIN)) {
            return "requests carrying an Origin header are refused (the admin endpoint is not for browsers)";
        }
        String site = request.headers().get("Sec-Fetch-Site");
        if (site != null && !site.equalsIgnoreCase("none") && !site.equalsIgnoreCase("same-origin")) {
            return "cross-site requests are refused (Sec-Fetch-Site: " + site + ")";
        }
        String host = request.headers().get(HttpHeaderNames.HOST);
        if (host == null || !LoopbackHost.matches(host, address().getPort())) {
            return "Host must be a loopback address or localhost with port " + address().getPort()
                    + (host == null ? "" : ", not " + host.replaceAll("\\p{Cntrl}", "?"));
        }
        return null;
    }

    private Reply inside() {
        if (tunnels instanceof CstpTunnelService cstp && cstp.inside() instanceof VirtualInsideNetwork v) {
            VirtualInsideNetwork.Stats s = v.stats();
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("discarded", s.discarded());
            body.put("discardedBytes", s.discardedBytes());
            body.put("echoed", s.echoed());
            body.put("routed", s.routed());
            body.put("dropped", s.dropped());
            return Reply.json(200, body);
        }
        return Reply.json(404, Map.of("error", "this gateway has no virtual inside network"));
    }

    private Reply trace(Map<String, String> q, boolean text) {
        long since;
        try {
            since = Long.parseLong(q.getOrDefault("since", "0"));
        } catch (NumberFormatException e) {
            return Reply.json(400, Map.of("error", "since must be a number"));
        }
        List<TraceEvent> events = trace.eventsSince(since);
        if (text) {
            StringBuilder b = new StringBuilder();
            events.forEach(e -> b.append(trace.format(e)).append('\n'));
            return Reply.text(b.toString());
        }
        List<Map<String, Object>> list = new ArrayList<>();
        for (TraceEvent e : events) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("seq", e.seq());
            m.put("time", e.time().toString());
            m.put("category", e.category().command());
            m.put("correlation", e.correlation());
            m.put("message", e.message());
            list.add(m);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("lastSeq", trace.lastSeq());
        body.put("events", list);
        return Reply.json(200, body);
    }

    private Reply debug(Map<String, String> q) {
        String category = q.get("category");
        if (category == null || category.isBlank()) {
            return Reply.json(400, Map.of("error", "missing category"));
        }
        boolean on = !"false".equalsIgnoreCase(q.getOrDefault("on", "true"));
        List<DebugCategory> targets;
        try {
            targets = category.equalsIgnoreCase("all") ? List.of(DebugCategory.values())
                    : List.of(DebugCategory.fromCommand(category));
        } catch (IllegalArgumentException e) {
            return Reply.json(400, Map.of("error", e.getMessage()));
        }
        targets.forEach(c -> trace.print(c, on));
        EnumSet<DebugCategory> printing = EnumSet.noneOf(DebugCategory.class);
        printing.addAll(trace.printing());
        return Reply.json(200, Map.of("printing", printing.stream().map(DebugCategory::command).toList()));
    }

    private record Reply(int status, String type, byte[] body) {
        static Reply json(int status, Object body) {
            try {
                return new Reply(status, "application/json", JSON.writeValueAsBytes(body));
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        }

        static Reply text(String body) {
            return new Reply(200, "text/plain; charset=utf-8", body.getBytes(StandardCharsets.UTF_8));
        }

        FullHttpResponse response() {
            FullHttpResponse r = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.valueOf(status),
                    Unpooled.wrappedBuffer(body));
            r.headers().set(HttpHeaderNames.CONTENT_TYPE, type)
                    .setInt(HttpHeaderNames.CONTENT_LENGTH, body.length)
                    .set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE)
                    .set("X-Content-Type-Options", "nosniff");
            return r;
        }
    }
}
