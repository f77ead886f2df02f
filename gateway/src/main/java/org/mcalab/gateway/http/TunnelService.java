package org.mcalab.gateway.http;

import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import org.mcalab.gateway.auth.ClientConnection;
import org.mcalab.gateway.session.Session;
import org.mcalab.protocol.cstp.ConnectHeaders;

/**
 * What happens to {@code CONNECT /CSCOSSLC/tunnel} once its {@code webvpn} cookie named an active session
 * (the cookie check is done before, MCA-FLOW-7). The implementation owns the response and, if it answers
 * 200, the channel: it must remove the HTTP handlers (the pipeline entries
 * {@link HttpPipeline#HTTP_HANDLERS}) and install its own.
 * Called on the channel's event loop.
 */
@FunctionalInterface
public interface TunnelService {
    void open(ChannelHandlerContext ctx, FullHttpRequest request, Session session, ClientConnection connection);

    /** The default until the CSTP tunnel exists: {@code 503} with {@code X-Reason: tunnel not available yet}. */
    TunnelService UNAVAILABLE = (ctx, request, session, connection) -> {
        FullHttpResponse r = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.SERVICE_UNAVAILABLE);
        r.headers().set(ConnectHeaders.X_REASON, "tunnel not available yet");
        r.headers().set(HttpHeaderNames.CONTENT_LENGTH, 0);
        r.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        ctx.writeAndFlush(r).addListener(ChannelFutureListener.CLOSE);
    };
}
