package org.mcalab.protocol.cstp;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToByteEncoder;

/**
 * Writes one {@link CstpFrame} into one buffer. Callers must flush each frame on its own: openconnect
 * requires exactly one frame per TLS record (docs/protocol.md §9.3), and Netty's SslHandler turns each
 * flushed buffer into its own record(s) only when writes are not coalesced.
 */
@ChannelHandler.Sharable
public final class CstpFrameEncoder extends MessageToByteEncoder<CstpFrame> {
    public static final CstpFrameEncoder INSTANCE = new CstpFrameEncoder();

    @Override
    protected ByteBuf allocateBuffer(ChannelHandlerContext ctx, CstpFrame msg, boolean preferDirect) {
        int size = CstpFrame.HEADER_LENGTH + msg.payload().readableBytes();
        return preferDirect ? ctx.alloc().ioBuffer(size) : ctx.alloc().heapBuffer(size);
    }

    @Override
    protected void encode(ChannelHandlerContext ctx, CstpFrame frame, ByteBuf out) {
        writeFrame(frame.typeCode(), frame.payload(), out);
    }

    /** The wire layout, shared with code that frames without a pipeline (benchmarks, raw-socket tests). */
    public static void writeFrame(int typeCode, ByteBuf payload, ByteBuf out) {
        int length = payload.readableBytes();
        if (length > CstpFrame.MAX_PAYLOAD) {
            throw new IllegalArgumentException("CSTP payload too large: " + length);
        }
        out.writeByte('S').writeByte('T').writeByte('F').writeByte(1);
        out.writeShort(length);
        out.writeByte(typeCode);
        out.writeByte(0);
        out.writeBytes(payload, payload.readerIndex(), length);
    }
}
