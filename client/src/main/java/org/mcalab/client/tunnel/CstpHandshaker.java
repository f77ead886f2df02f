package org.mcalab.client.tunnel;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.ssl.SslHandler;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.mcalab.protocol.cstp.ConnectAnswer;
import org.mcalab.protocol.cstp.ConnectHeaders;
import org.mcalab.protocol.cstp.ConnectRequest;
import org.mcalab.protocol.cstp.CstpFrame;
import org.mcalab.protocol.cstp.CstpFrameDecoder;
import org.mcalab.protocol.cstp.CstpFrameEncoder;

/**
 * Turns an HTTPS channel into a CSTP tunnel, in the spirit of Netty's {@code WebSocketClientHandshaker}: sends the
 * {@link ConnectRequest} once TLS is up, reads the answer by openconnect's rule ({@link ConnectAnswer}, docs/protocol.md
 * §8.3), refuses what openconnect refuses, and on success puts protocol's CSTP decoder and encoder in its own place. The
 * handler that reads the tunnel's {@link CstpFrame}s is added by the caller behind it beforehand; bytes that arrived
 * with the answer (a first frame) are decoded only after the returned future has completed, so a listener added
 * before the answer arrives sees the tunnel up before its first frame.
 *
 * <pre>{@code
 * ch.pipeline().addLast("tls", ssl).addLast("tunnel", myFrameHandler);
 * CstpHandshaker.handshake(ch, ConnectRequest.openconnect(host, token)).whenComplete(...);
 * }</pre>
 */
public final class CstpHandshaker extends ChannelInboundHandlerAdapter {
    /** Room above the tunnel MTU the decoder accepts, for control frames and the gateway's own slack. */
    static final int DECODER_SLACK = 256;

    private final ConnectRequest request;
    private final CompletableFuture<ConnectAnswer> answer = new CompletableFuture<>();
    private ByteBuf head;

    private CstpHandshaker(ConnectRequest request) {
        this.request = request;
    }

    /**
     * Adds the handshaker right behind the channel's {@link SslHandler} (or first) and sends the request as soon as the
     * TLS handshake is done. The future completes on the channel's event loop with the answer, or fails with a
     * {@link TunnelException} naming what openconnect would report (refused, no address, no MTU…).
     */
    public static CompletableFuture<ConnectAnswer> handshake(Channel channel, ConnectRequest request) {
        CstpHandshaker h = new CstpHandshaker(request);
        if (channel.eventLoop().inEventLoop()) {
            h.start(channel);
        } else {
            channel.eventLoop().execute(() -> h.start(channel));
        }
        return h.answer;
    }

    /** On the event loop, so the handshaker is in place before any answer byte can arrive. */
    private void start(Channel channel) {
        CstpHandshaker h = this;
        ChannelPipeline p = channel.pipeline();
        SslHandler ssl = p.get(SslHandler.class);
        if (ssl == null) {
            p.addFirst("cstp-handshaker", h);
            h.send(channel);
        } else {
            p.addAfter(p.context(ssl).name(), "cstp-handshaker", h);
            ssl.handshakeFuture().addListener(done -> {
                if (done.isSuccess()) {
                    h.send(channel);
                } else {
                    h.fail(channel, "TLS handshake failed: " + done.cause(), done.cause());
                }
            });
        }
    }

    private void send(Channel channel) {
        channel.writeAndFlush(Unpooled.wrappedBuffer(request.encode())).addListener(f -> {
            if (!f.isSuccess()) {
                fail(channel, "CONNECT could not be sent: " + f.cause(), f.cause());
            }
        });
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (answer.isDone()) {
            ctx.fireChannelRead(msg);
            return;
        }
        ByteBuf in = (ByteBuf) msg;
        if (head == null) {
            head = ctx.alloc().heapBuffer();
        }
        head.writeBytes(in);
        in.release();
        int length = ConnectAnswer.headLength(head);
        if (length < 0) {
            if (head.readableBytes() > ConnectAnswer.MAX_HEAD) {
                fail(ctx.channel(), "CONNECT answer head larger than " + ConnectAnswer.MAX_HEAD + " bytes", null);
            }
            return;
        }
        ConnectAnswer a = ConnectAnswer.parse(head.readCharSequence(length, StandardCharsets.ISO_8859_1).toString());
        ByteBuf rest = head;
        head = null;
        Optional<String> problem = a.problem().or(() -> unrequestedCompression(a));
        if (problem.isPresent()) {
            rest.release();
            fail(ctx.channel(), problem.get(), null);
            return;
        }
        ChannelPipeline p = ctx.pipeline();
        int maxPayload = Math.min(CstpFrame.MAX_PAYLOAD, a.mtu().getAsInt() + DECODER_SLACK);
        p.addAfter(ctx.name(), "cstp-encoder", CstpFrameEncoder.INSTANCE);
        p.addAfter(ctx.name(), "cstp-decoder", new CstpFrameDecoder(maxPayload));
        answer.complete(a);
        if (rest.isReadable()) {
            ctx.fireChannelRead(rest); // frames right behind the head go through the new decoder
        } else {
            rest.release();
        }
        p.remove(this);
    }

    /** openconnect decompresses what it offered; this client offers compression only when asked and never decompresses. */
    private Optional<String> unrequestedCompression(ConnectAnswer a) {
        return a.last(ConnectHeaders.X_CSTP_CONTENT_ENCODING)
                .map(e -> ConnectHeaders.X_CSTP_CONTENT_ENCODING + " '" + e + "' but this client does not decompress");
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        fail(ctx.channel(), "the gateway closed the connection before answering the CONNECT", null);
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (!fail(ctx.channel(), "CONNECT failed: " + cause, cause)) {
            ctx.fireExceptionCaught(cause);
        }
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        if (head != null) {
            head.release();
            head = null;
        }
    }

    /** Fails the handshake and closes the channel; false when it had already finished. */
    private boolean fail(Channel channel, String problem, Throwable cause) {
        boolean failed = answer.completeExceptionally(cause == null ? new TunnelException(problem) : new TunnelException(problem, cause));
        if (failed) {
            channel.close();
        }
        return failed;
    }
}
