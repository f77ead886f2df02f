package org.mcalab.gateway.tunnel;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.concurrent.ScheduledFuture;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.mcalab.gateway.session.Counters;
import org.mcalab.gateway.session.TunnelRow;
import org.mcalab.protocol.Requirement;
import org.mcalab.protocol.cstp.CstpFrame;
import org.mcalab.protocol.cstp.CstpFrameException;
import org.mcalab.protocol.cstp.CstpPacketType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One CSTP tunnel (an "SSL-Tunnel" row): frames from the client after {@code HTTP/1.1 200 CONNECTED}.
 * DATA goes to the inside network, DPD requests are echoed, keepalives ignored, the 0xB0 BYE logs the user
 * out while an empty BYE or a lost connection only detaches (docs/protocol.md §9.2, §12.1). A malformed frame
 * closes this tunnel only (MCA-ROB-2).
 *
 * <p>One frame per TLS record (docs/protocol.md §9.3): the service sets the TLS handler's wrap size to 0, so each frame written is
 * wrapped into its own record, and frames can still share one flush. Frames going to the client are flushed once per
 * batch: at the end of this tunnel's read (echo replies, DPD answers) or by one task on the event loop for packets
 * delivered from elsewhere (other tunnels, DTLS), and at the latest every {@link #FLUSH_EVERY} frames.
 */
final class CstpTunnelHandler extends ChannelInboundHandlerAdapter {
    private static final Logger LOG = LoggerFactory.getLogger(CstpTunnelHandler.class);
    /** Frames written without a flush before one is forced: bounds the latency and the memory a batch holds. */
    static final int FLUSH_EVERY = 32;

    /** Why the tunnel ended, decided once; the first cause wins. */
    enum End { DETACH, LOGOUT, TERMINATED }

    private final CstpTunnelService service;
    private final SessionTunnels owner;
    private final TunnelRow row;
    private final Counters counters;
    private final long dpdNanos;
    /** The DTLS channel beside this tunnel: downstream data goes there while it is up (fallback: CSTP). */
    private final org.mcalab.gateway.dtls.DtlsLink dtls;
    /** Volatile: read by other threads (the sweeper, other tunnels delivering packets). */
    private volatile Channel channel;
    private InsideNetwork.Port port;
    private ScheduledFuture<?> dpdTimer;
    private long lastReceivedNanos;
    /** What arrived since the last read completed: the clock is read once per read, not once per frame. */
    private boolean framesThisRead;
    private boolean dataThisRead;
    private long lastDpdSentNanos;
    private volatile End end;
    /** Frames written since the last flush; only touched on the event loop. */
    private int unflushed;
    /** A flush task is queued on the event loop. */
    private boolean flushPending;
    private final Runnable flushTask = () -> {
        flushPending = false;
        flushNow();
    };

    CstpTunnelHandler(CstpTunnelService service, SessionTunnels owner, TunnelRow row, Duration serverDpd,
                      org.mcalab.gateway.dtls.DtlsLink dtls) {
        this.dtls = dtls;
        this.service = service;
        this.owner = owner;
        this.row = row;
        this.counters = row.counters();
        this.dpdNanos = serverDpd == null ? 0 : serverDpd.toNanos();
    }

    TunnelRow row() {
        return row;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        channel = ctx.channel();
        // Packets from the inside network are dropped while the channel is not writable; with Netty's 64 KiB default
        // a TCP burst from a TUN inside host (45 packets) overflowed it and iperf3 through openconnect lost 20,000
        // segments in 8 s (119 Mbit/s down). 2 MiB absorbs a window's burst: 201 Mbit/s, 2,500 retransmits.
        channel.config().setWriteBufferWaterMark(new io.netty.channel.WriteBufferWaterMark(512 * 1024, 2 * 1024 * 1024));
        lastReceivedNanos = service.nanoTime();
        port = service.inside().attach(owner.address, this::toClient);
        dtls.attach(this::fromDtls);
        if (dpdNanos > 0) {
            long tick = Math.max(dpdNanos / 4, TimeUnit.MILLISECONDS.toNanos(10));
            dpdTimer = ctx.executor().scheduleAtFixedRate(this::checkLiveness, tick, tick, TimeUnit.NANOSECONDS);
        }
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof CstpFrame frame)) {
            ctx.fireChannelRead(msg);
            return;
        }
        framesThisRead = true;
        CstpPacketType type = frame.type();
        if (type == null) {
            frame.release();
            malformed(ctx, "unknown CSTP packet type 0x" + Integer.toHexString(frame.typeCode()));
            return;
        }
        switch (type) {
            case DATA -> fromClient(frame.payload());
            case DPD_REQUEST -> {
                ctx.write(new CstpFrame(CstpPacketType.DPD_RESPONSE, frame.payload()))
                        .addListener(ChannelFutureListener.FIRE_EXCEPTION_ON_FAILURE);
                wrote(ctx.channel());
            }
            case DPD_RESPONSE, KEEPALIVE -> frame.release();
            case DISCONNECT -> disconnect(ctx, frame);
            case COMPRESSED_DATA -> {
                frame.release();
                malformed(ctx, "compressed data, but no compression was negotiated");
            }
            case TERMINATE -> {
                frame.release();
                malformed(ctx, "TERMINATE is a gateway-to-client packet");
            }
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        if (framesThisRead) {
            framesThisRead = false;
            long now = service.nanoTime();
            lastReceivedNanos = now;
            if (dataThisRead) {
                dataThisRead = false;
                owner.lastDataNanos = now;
            }
        }
        flushNow();
        ctx.fireChannelReadComplete();
    }

    /**
     * Counts a frame written on the event loop; flushes when the batch is full, else makes sure one flush follows (the
     * end of this tunnel's read, or the queued task for writes that came from elsewhere, whichever runs first).
     */
    private void wrote(Channel ch) {
        if (++unflushed >= FLUSH_EVERY) {
            flushNow();
        } else if (!flushPending) {
            flushPending = true;
            ch.eventLoop().execute(flushTask);
        }
    }

    private void flushNow() {
        if (unflushed > 0) {
            unflushed = 0;
            Channel ch = channel;
            if (ch != null) {
                ch.flush();
            }
        }
    }

    /** DATA that arrived on DTLS: the same path into the inside network; DTLS counts it on its own row. */
    private String fromDtls(ByteBuf packet) {
        owner.lastDataNanos = service.nanoTime();
        return port.send(packet);
    }

    private void fromClient(ByteBuf packet) {
        dtls.clientSentOnCstp(); // before the packet goes in: its echo must come back on CSTP too
        dataThisRead = true;
        int length = packet.readableBytes();
        counters.received(length);
        String dropped = port.send(packet);
        if (dropped != null) {
            counters.droppedRx();
            if (LOG.isDebugEnabled()) {
                LOG.debug("session {} tunnel {}: dropped a {}-byte packet: {}", owner.session.index(), channel.id(), length, dropped);
            }
        }
    }

    /** The inside network's delivery to this client; may run on another tunnel's thread. */
    private void toClient(ByteBuf packet) {
        Channel ch = channel;
        if (ch == null || !ch.isActive() || end != null || !ch.isWritable()) {
            packet.release();
            counters.droppedTx();
            return;
        }
        if (dtls.sendToClient(packet)) {
            owner.lastDataNanos = service.nanoTime();
            return;
        }
        counters.sent(packet.readableBytes());
        owner.lastDataNanos = service.nanoTime();
        if (ch.eventLoop().inEventLoop()) {
            writeData(ch, packet);
            return;
        }
        try {
            ch.eventLoop().execute(() -> writeData(ch, packet));
        } catch (java.util.concurrent.RejectedExecutionException shuttingDown) {
            packet.release();
            counters.droppedTx();
        }
    }

    private void writeData(Channel ch, ByteBuf packet) {
        ch.write(CstpFrame.data(packet), ch.voidPromise());
        wrote(ch);
    }

    private void disconnect(ChannelHandlerContext ctx, CstpFrame frame) {
        ByteBuf payload = frame.payload();
        boolean logout = payload.isReadable() && payload.getUnsignedByte(payload.readerIndex()) == CstpPacketType.BYE_LOGOUT_REASON;
        String reason = payload.readableBytes() > 1
                ? payload.toString(payload.readerIndex() + 1, payload.readableBytes() - 1, java.nio.charset.StandardCharsets.US_ASCII)
                : "";
        boolean empty = !payload.isReadable();
        frame.release();
        if (logout) {
            LOG.info("session {}: client logout ({})", owner.session.index(), reason);
            end = End.LOGOUT;
            ctx.close();
            service.logout(owner, "User Requested");
        } else {
            LOG.info("session {}: client {} disconnect; session kept for reconnect", owner.session.index(),
                    empty ? "temporary" : "unknown");
            end = End.DETACH;
            ctx.close();
        }
    }

    private void malformed(ChannelHandlerContext ctx, String reason) {
        LOG.warn("session {} tunnel {}: {}: {}; closing this tunnel", owner.session.index(), ctx.channel().id(),
                Requirement.MCA_ROB_2.id(), reason);
        counters.droppedRx();
        service.countMalformed();
        end = End.DETACH;
        ctx.close();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof CstpFrameException bad) {
            malformed(ctx, bad.refusal().reason());
            return;
        }
        LOG.debug("session {} tunnel {}: {}", owner.session.index(), ctx.channel().id(), cause.toString());
        ctx.close();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        cleanUp();
        ctx.fireChannelInactive();
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        cleanUp();
    }

    private boolean cleaned;

    private void cleanUp() {
        if (cleaned) {
            return;
        }
        cleaned = true;
        if (dpdTimer != null) {
            dpdTimer.cancel(false);
        }
        if (port != null) {
            port.detach();
        }
        dtls.close();
        service.tunnelClosed(owner, this);
    }

    /** Gateway-side DPD: ask a silent client, give up after three intervals without any frame. */
    private void checkLiveness() {
        long now = service.nanoTime();
        long silent = now - lastReceivedNanos;
        if (silent >= 3 * dpdNanos) {
            LOG.info("session {} tunnel {}: no answer to DPD for {} ms; closing the tunnel", owner.session.index(),
                    channel.id(), TimeUnit.NANOSECONDS.toMillis(silent));
            end = End.DETACH;
            channel.close();
        } else if (silent >= dpdNanos && now - lastDpdSentNanos >= dpdNanos / 2) {
            lastDpdSentNanos = now;
            channel.writeAndFlush(CstpFrame.empty(CstpPacketType.DPD_REQUEST), channel.voidPromise());
        }
    }

    /**
     * Ends the tunnel from the gateway side (session ended by an admin, idle timeout, a newer login or a
     * reconnect): an empty DISCONNECT, as ocserv sends (docs/protocol.md §12.2), then close. Safe from any thread.
     */
    void terminate(String why) {
        if (end != null) {
            return;
        }
        end = End.TERMINATED;
        Channel ch = channel;
        if (ch == null) {
            return;
        }
        LOG.info("session {} tunnel {}: terminated by the gateway: {}", owner.session.index(), ch.id(), why);
        ch.eventLoop().execute(() -> ch.writeAndFlush(CstpFrame.empty(CstpPacketType.DISCONNECT))
                .addListener(ChannelFutureListener.CLOSE));
    }
}
