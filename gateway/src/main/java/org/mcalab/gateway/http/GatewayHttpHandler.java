package org.mcalab.gateway.http;

import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.netty.handler.codec.http.cookie.Cookie;
import io.netty.handler.codec.http.cookie.ServerCookieDecoder;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import org.mcalab.gateway.auth.AggregateAuth;
import org.mcalab.gateway.auth.AuthRequest;
import org.mcalab.gateway.auth.AuthResponse;
import org.mcalab.gateway.auth.ClientConnection;
import org.mcalab.gateway.session.ConnectCheck;
import org.mcalab.gateway.session.Session;
import org.mcalab.gateway.session.SessionDb;
import org.mcalab.gateway.trace.DebugCategory;
import org.mcalab.gateway.trace.Trace;
import org.mcalab.protocol.Requirement;
import org.mcalab.protocol.cstp.ConnectHeaders;
import org.mcalab.protocol.xml.GatewayMessages;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Routes HTTP requests: POST on "/" and group-url paths to aggregate auth (run on a worker executor, since
 * certificate validation may fetch a CRL), {@code CONNECT /CSCOSSLC/tunnel} to the cookie check and the
 * {@link TunnelService}, {@code GET} on those paths to the config-auth error a client that is not logged in
 * gets (or a small page for a browser on "/"); anything else is 404.
 */
public final class GatewayHttpHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
    static final String XML_TYPE = "text/xml; charset=utf-8";
    private static final Logger LOG = LoggerFactory.getLogger(GatewayHttpHandler.class);
    private static final String TUNNEL_PATH = "/CSCOSSLC/tunnel";
    /** Every openconnect/AnyConnect request carries it (docs/protocol.md §4.1). */
    private static final String ANYCONNECT_HEADER = "X-Transcend-Version";
    private static final HttpResponseStatus COOKIE_REFUSED = new HttpResponseStatus(401, "Cookie is not acceptable");

    private final AggregateAuth auth;
    private final SessionDb sessions;
    private final List<ConnectCheck> connectChecks;
    private final TunnelService tunnels;
    private final Executor authExecutor;
    private final Trace trace;
    private final String gatewayName;

    /** @param connectChecks what a CONNECT's session is checked for, {@link ConnectCheck#ALL} in the gateway */
    public GatewayHttpHandler(AggregateAuth auth, SessionDb sessions, TunnelService tunnels,
                              List<ConnectCheck> connectChecks, Executor authExecutor, Trace trace, String gatewayName) {
        this.auth = auth;
        this.sessions = sessions;
        this.connectChecks = List.copyOf(connectChecks);
        this.tunnels = tunnels;
        this.authExecutor = authExecutor;
        this.trace = trace;
        this.gatewayName = gatewayName;
    }

    /**
     * Requests held behind the one being answered. One TLS read can carry many pipelined requests, which the decoder
     * hands on even with auto-read off; past this many the rest are dropped and the connection is closed once the
     * held ones are answered (issue 14 #7).
     */
    static final int MAX_HELD = 16;

    /** Pipelined requests waiting for their turn (event loop only). */
    private final ArrayDeque<FullHttpRequest> held = new ArrayDeque<>();
    /** An answer is being prepared off the event loop; later requests wait so answers stay in request order. */
    private boolean busy;
    private boolean overflowed;

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
        if (!busy) {
            route(ctx, request);
        } else if (held.size() < MAX_HELD) {
            held.add(request.retain());
        } else if (!overflowed) {
            overflowed = true;
            LOG.info("closing {}: more than {} pipelined requests", ctx.channel().remoteAddress(), MAX_HELD);
        }
    }

    /** The current answer is written: take the next held request, or read again. */
    private void answered(ChannelHandlerContext ctx) {
        busy = false;
        while (!busy && !held.isEmpty() && ctx.channel().isActive()) {
            FullHttpRequest next = held.poll();
            try {
                route(ctx, next);
            } finally {
                next.release();
            }
        }
        if (busy) {
            return;
        }
        if (overflowed || !ctx.channel().isActive()) {
            dropHeld();
            ctx.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
        } else {
            ctx.channel().config().setAutoRead(true);
        }
    }

    private void dropHeld() {
        while (!held.isEmpty()) {
            held.poll().release();
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        dropHeld();
        super.channelInactive(ctx);
    }

    private void route(ChannelHandlerContext ctx, FullHttpRequest request) {
        DecoderResult decoded = request.decoderResult();
        if (!decoded.isSuccess()) {
            badRequest(ctx, decoded.cause());
            return;
        }
        ClientConnection conn = HandshakeRecorder.connection(ctx.channel());
        String path = new QueryStringDecoder(request.uri()).path();
        HttpMethod method = request.method();
        if (HttpMethod.CONNECT.equals(method)) {
            if (TUNNEL_PATH.equals(request.uri()) || TUNNEL_PATH.equals(path)) {
                dropHeld(); // the connection becomes a tunnel: nothing pipelined behind CONNECT is HTTP any more
                connect(ctx, request, conn);
            } else {
                plain(ctx, request, HttpResponseStatus.NOT_FOUND, "text/plain; charset=utf-8", "not found\n");
            }
        } else if (HttpMethod.POST.equals(method) && auth.accepts(path)) {
            aggregateAuth(ctx, request, conn, path);
        } else if (HttpMethod.GET.equals(method) && auth.accepts(path)) {
            get(ctx, request, path);
        } else {
            plain(ctx, request, HttpResponseStatus.NOT_FOUND, "text/plain; charset=utf-8", "not found\n");
        }
    }

    /**
     * {@code GET} on "/" or a group-url: openconnect sends it after a refusal (docs/protocol.md §4.4); it gets the
     * config-auth error an ASA gives a client that is not logged in, with the refusal its cookie names, so the
     * client's last line is the real reason. A browser on "/" (no AnyConnect header, no such cookie) gets a page.
     */
    private void get(ChannelHandlerContext ctx, FullHttpRequest request, String path) {
        String note = cookie(request, AggregateAuth.REFUSAL_COOKIE);
        boolean root = "/".equals(path) || path.isEmpty();
        if (root && note == null && !request.headers().contains(ANYCONNECT_HEADER)) {
            plain(ctx, request, HttpResponseStatus.OK, "text/html; charset=utf-8",
                    "<!DOCTYPE html>\n<html><head><title>" + gatewayName + "</title></head><body><h1>" + gatewayName
                            + "</h1><p>mcalab reference SSL VPN gateway (aggregate-auth, multiple-certificate)</p></body></html>\n");
            return;
        }
        // an empty value makes openconnect drop the cookie (docs/protocol.md §4.5): a note is shown once
        respond(ctx, request.protocolVersion(), HttpUtil.isKeepAlive(request), HttpResponseStatus.OK, XML_TYPE,
                auth.answerGet(path, note), note == null ? null : AggregateAuth.REFUSAL_COOKIE + "=; path=/; Max-Age=0; Secure; HttpOnly");
    }

    private void aggregateAuth(ChannelHandlerContext ctx, FullHttpRequest request, ClientConnection conn, String path) {
        String type = request.headers().get(HttpHeaderNames.CONTENT_TYPE);
        if (type != null && !isXml(type)) {
            xml(ctx, request, HttpResponseStatus.UNSUPPORTED_MEDIA_TYPE, GatewayMessages.error(Requirement.MCA_ROB_1.id()
                    + ": content type '" + type + "' is not application/xml or text/xml"), null);
            return;
        }
        byte[] body = ByteBufUtil.getBytes(request.content());
        AuthRequest authRequest = new AuthRequest(path, request.headers().get(HttpHeaderNames.HOST),
                request.headers().get(HttpHeaderNames.USER_AGENT), body, conn);
        boolean keepAlive = HttpUtil.isKeepAlive(request);
        HttpVersion version = request.protocolVersion();
        // One request at a time per connection: responses stay in order, and a client cannot queue work.
        ctx.channel().config().setAutoRead(false);
        busy = true;
        try {
            authExecutor.execute(() -> {
                AuthResponse r;
                try {
                    r = auth.handle(authRequest);
                } catch (RuntimeException e) {
                    LOG.error("aggregate auth failed for {}", conn.correlation(), e);
                    r = new AuthResponse(500, GatewayMessages.error("internal error"), Optional.empty(), Optional.empty());
                }
                AuthResponse answer = r;
                String cookie = setCookie(answer);
                ctx.executor().execute(() -> {
                    respond(ctx, version, keepAlive, HttpResponseStatus.valueOf(answer.status()), XML_TYPE, answer.body(),
                            cookie);
                    answered(ctx);
                });
            });
        } catch (RejectedExecutionException e) {
            busy = false;
            ctx.channel().config().setAutoRead(true);
            // Each connection has one request in the queue at most, so a full queue means many clients, not one.
            boolean down = authExecutor instanceof ExecutorService es && es.isShutdown();
            xml(ctx, request, HttpResponseStatus.SERVICE_UNAVAILABLE, GatewayMessages.error(down ? "gateway shutting down"
                    : Requirement.MCA_ROB_3.id() + ": gateway busy, try again"), null);
        }
    }

    private void connect(ChannelHandlerContext ctx, FullHttpRequest request, ClientConnection conn) {
        String token = webvpnCookie(request);
        Optional<Session> session = sessions.findActive(token);
        Optional<String> refusal = session.isPresent() ? refusal(session.get(), conn.peerChain())
                : Optional.of(token == null ? "no webvpn cookie" : "no active session holds this token");
        if (refusal.isPresent()) {
            String text = Requirement.MCA_FLOW_7.id() + ": cookie is not acceptable (" + refusal.get() + ")";
            trace.emit(DebugCategory.WEBVPN_ANYCONNECT, conn.correlation(), "CONNECT refused: " + text);
            LOG.info("refused CONNECT from {}: {}", conn.correlation(), text);
            FullHttpResponse r = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, COOKIE_REFUSED);
            r.headers().set(ConnectHeaders.X_REASON, text);
            r.headers().set(HttpHeaderNames.CONTENT_LENGTH, 0);
            r.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
            ctx.writeAndFlush(r).addListener(ChannelFutureListener.CLOSE);
            return;
        }
        trace.emit(DebugCategory.WEBVPN_ANYCONNECT, conn.correlation(),
                "CONNECT for session " + session.get().index() + " (" + session.get().login().username() + ")");
        tunnels.open(ctx, request, session.get(), conn);
    }

    private Optional<String> refusal(Session session, List<X509Certificate> peerChain) {
        return connectChecks.stream().map(c -> c.refusal(session, peerChain)).flatMap(Optional::stream).findFirst();
    }

    /** Only the {@code webvpn} cookie counts (docs/protocol.md §4.5). */
    static String webvpnCookie(FullHttpRequest request) {
        return cookie(request, "webvpn");
    }

    private static String cookie(FullHttpRequest request, String name) {
        for (String header : request.headers().getAll(HttpHeaderNames.COOKIE)) {
            for (Cookie c : ServerCookieDecoder.LAX.decode(header)) {
                if (name.equals(c.name())) {
                    return c.value();
                }
            }
        }
        return null;
    }

    /** The session cookie on success; on a refusal, the id of its note for the GET that follows ({@link #get}). */
    private String setCookie(AuthResponse answer) {
        if (answer.sessionToken().isPresent()) {
            return "webvpn=" + answer.sessionToken().get() + "; path=/; Secure; HttpOnly";
        }
        return answer.refusal().map(r -> AggregateAuth.REFUSAL_COOKIE + "=" + auth.noteRefusal(r) + "; path=/; Secure; HttpOnly")
                .orElse(null);
    }

    private static boolean isXml(String contentType) {
        String t = contentType.toLowerCase(Locale.ROOT);
        int semi = t.indexOf(';');
        String base = (semi < 0 ? t : t.substring(0, semi)).trim();
        return base.isEmpty() || base.equals("application/xml") || base.equals("text/xml");
    }

    private void badRequest(ChannelHandlerContext ctx, Throwable cause) {
        HttpResponseStatus status = cause instanceof TooLongHttpHeaderException
                ? HttpResponseStatus.REQUEST_HEADER_FIELDS_TOO_LARGE
                : cause instanceof TooLongHttpLineException ? HttpResponseStatus.REQUEST_URI_TOO_LONG
                : HttpResponseStatus.BAD_REQUEST;
        String text = Requirement.MCA_ROB_1.id() + ": " + status.reasonPhrase().toLowerCase(Locale.ROOT)
                + (cause == null || cause.getMessage() == null ? "" : " (" + firstLine(cause.getMessage()) + ")");
        LOG.info("refused {}: {}", ctx.channel().remoteAddress(), text);
        byte[] body = GatewayMessages.error(text);
        FullHttpResponse r = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, Unpooled.wrappedBuffer(body));
        r.headers().set(HttpHeaderNames.CONTENT_TYPE, XML_TYPE);
        r.headers().set(HttpHeaderNames.CONTENT_LENGTH, body.length);
        r.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        // The decoder discards everything after a bad message, so this connection is done.
        ctx.writeAndFlush(r).addListener(ChannelFutureListener.CLOSE);
    }

    private static String firstLine(String s) {
        String line = s.lines().findFirst().orElse("");
        return line.length() > 120 ? line.substring(0, 120) : line;
    }

    private void plain(ChannelHandlerContext ctx, FullHttpRequest request, HttpResponseStatus status, String type, String text) {
        respond(ctx, request.protocolVersion(), HttpUtil.isKeepAlive(request), status, type,
                text.getBytes(StandardCharsets.UTF_8), null);
    }

    private void xml(ChannelHandlerContext ctx, FullHttpRequest request, HttpResponseStatus status, byte[] body, String setCookie) {
        respond(ctx, request.protocolVersion(), HttpUtil.isKeepAlive(request), status, XML_TYPE, body, setCookie);
    }

    private static void respond(ChannelHandlerContext ctx, HttpVersion version, boolean keepAlive, HttpResponseStatus status,
                                String type, byte[] body, String setCookie) {
        FullHttpResponse r = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, Unpooled.wrappedBuffer(body));
        r.headers().set(HttpHeaderNames.CONTENT_TYPE, type);
        r.headers().set(HttpHeaderNames.CONTENT_LENGTH, body.length);
        r.headers().set(HttpHeaderNames.CACHE_CONTROL, "no-store");
        if (setCookie != null) {
            r.headers().set(HttpHeaderNames.SET_COOKIE, setCookie);
        }
        if (!keepAlive) {
            r.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
            ctx.writeAndFlush(r).addListener(ChannelFutureListener.CLOSE);
        } else {
            if (version.equals(HttpVersion.HTTP_1_0)) {
                r.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
            }
            ctx.writeAndFlush(r);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        LOG.debug("connection {} failed: {}", ctx.channel().remoteAddress(), cause.toString());
        ctx.close();
    }
}
