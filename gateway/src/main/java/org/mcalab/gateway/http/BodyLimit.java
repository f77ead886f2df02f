package org.mcalab.gateway.http;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpMessage;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import org.mcalab.protocol.Requirement;
import org.mcalab.protocol.xml.ConfigAuthParser;
import org.mcalab.protocol.xml.GatewayMessages;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Collects a request body up to 64 KiB; a larger one is answered {@code 413} with a config-auth error
 * (MCA-ROB-1) and its remaining bytes are discarded, so the connection can go on serving.
 */
public final class BodyLimit extends HttpObjectAggregator {
    private static final Logger LOG = LoggerFactory.getLogger(BodyLimit.class);

    public BodyLimit() {
        super(ConfigAuthParser.MAX_BODY_BYTES);
    }

    @Override
    protected void handleOversizedMessage(ChannelHandlerContext ctx, HttpMessage oversized) throws Exception {
        if (!(oversized instanceof HttpRequest request)) {
            super.handleOversizedMessage(ctx, oversized);
            return;
        }
        String text = Requirement.MCA_ROB_1.id() + ": request body exceeds the " + ConfigAuthParser.MAX_BODY_BYTES + "-byte limit";
        LOG.info("refused {} {}: {}", ctx.channel().remoteAddress(), request.uri(), text);
        FullHttpResponse r = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE,
                Unpooled.wrappedBuffer(GatewayMessages.error(text)));
        r.headers().set(HttpHeaderNames.CONTENT_TYPE, GatewayHttpHandler.XML_TYPE);
        r.headers().set(HttpHeaderNames.CONTENT_LENGTH, r.content().readableBytes());
        boolean keep = !(oversized instanceof FullHttpMessage) && HttpUtil.isKeepAlive(oversized);
        if (!keep) {
            r.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
            ctx.writeAndFlush(r).addListener(ChannelFutureListener.CLOSE);
        } else {
            ctx.writeAndFlush(r).addListener(ChannelFutureListener.CLOSE_ON_FAILURE);
        }
    }
}
