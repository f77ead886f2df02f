package org.mcalab.gateway.http;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import io.netty.util.concurrent.ScheduledFuture;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Closes slow and abandoned connections (MCA-ROB-3): a request must arrive completely within
 * {@code requestTimeout} of its first bytes (slowloris), and a connection with nothing to do is closed
 * after {@code idleTimeout}. Sits after the HTTP decoder: it sees raw reads through channelReadComplete,
 * which the decoder always passes on, and whole requests and responses as HTTP objects.
 */
public final class RequestTimeouts extends ChannelDuplexHandler {
    private static final Logger LOG = LoggerFactory.getLogger(RequestTimeouts.class);

    private enum State { IDLE, RECEIVING, WAITING }

    private final long requestNanos;
    private final long idleNanos;
    private State state = State.IDLE;
    private boolean handshakeDone;
    private ScheduledFuture<?> timer;

    public RequestTimeouts(Duration requestTimeout, Duration idleTimeout) {
        this.requestNanos = requestTimeout.toNanos();
        this.idleNanos = idleTimeout.toNanos();
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        arm(ctx, idleNanos, "idle");
        super.channelActive(ctx);
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        cancel();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        cancel();
        super.channelInactive(ctx);
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        if (evt instanceof SslHandshakeCompletionEvent) {
            handshakeDone = true;
        }
        super.userEventTriggered(ctx, evt);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
        if (state == State.IDLE) {
            startRequest(ctx);
        }
        if (msg instanceof LastHttpContent) {
            // Whole request in; while it is answered, only the idle limit applies.
            state = State.WAITING;
            arm(ctx, idleNanos, "idle");
        }
        super.channelRead(ctx, msg);
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) throws Exception {
        // Bytes arrived that may not yet form a request (a header trickling in): the clock starts now.
        if (state == State.IDLE && handshakeDone) {
            startRequest(ctx);
        }
        super.channelReadComplete(ctx);
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) throws Exception {
        if (msg instanceof LastHttpContent) {
            promise.addListener(f -> {
                if (ctx.channel().isActive()) {
                    state = State.IDLE;
                    arm(ctx, idleNanos, "idle");
                }
            });
        }
        super.write(ctx, msg, promise);
    }

    private void startRequest(ChannelHandlerContext ctx) {
        state = State.RECEIVING;
        arm(ctx, requestNanos, "request");
    }

    private void arm(ChannelHandlerContext ctx, long nanos, String what) {
        cancel();
        timer = ctx.executor().schedule(() -> {
            LOG.debug("closing {}: {} timeout", ctx.channel().remoteAddress(), what);
            ctx.close();
        }, nanos, TimeUnit.NANOSECONDS);
    }

    private void cancel() {
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
    }
}
