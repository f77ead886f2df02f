package org.mcalab.protocol.cstp;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.util.List;

/**
 * Splits the decrypted TLS stream into {@link CstpFrame}s. A bad magic, a non-zero reserved byte or a
 * length above {@code maxPayload} is fatal for the stream ({@link CstpFrameException}); after that the
 * decoder discards everything, so the caller can close just this tunnel.
 */
public final class CstpFrameDecoder extends ByteToMessageDecoder {
    private final int maxPayload;
    private boolean failed;

    /** @param maxPayload largest payload accepted: the tunnel MTU plus slack for control frames */
    public CstpFrameDecoder(int maxPayload) {
        if (maxPayload < 1 || maxPayload > CstpFrame.MAX_PAYLOAD) {
            throw new IllegalArgumentException("maxPayload out of range: " + maxPayload);
        }
        this.maxPayload = maxPayload;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (failed) {
            in.skipBytes(in.readableBytes());
            return;
        }
        while (in.readableBytes() >= CstpFrame.HEADER_LENGTH) {
            int start = in.readerIndex();
            if (in.getByte(start) != 'S' || in.getByte(start + 1) != 'T' || in.getByte(start + 2) != 'F'
                    || in.getByte(start + 3) != 1) {
                fail(in, String.format("bad CSTP magic %02x %02x %02x %02x", in.getByte(start), in.getByte(start + 1),
                        in.getByte(start + 2), in.getByte(start + 3)));
            }
            int length = in.getUnsignedShort(start + 4);
            int type = in.getUnsignedByte(start + 6);
            if (in.getByte(start + 7) != 0) {
                fail(in, "non-zero reserved byte in CSTP header");
            }
            if (length > maxPayload) {
                fail(in, "CSTP payload length " + length + " exceeds the limit " + maxPayload);
            }
            if (in.readableBytes() < CstpFrame.HEADER_LENGTH + length) {
                return;
            }
            in.skipBytes(CstpFrame.HEADER_LENGTH);
            out.add(new CstpFrame(type, in.readRetainedSlice(length)));
        }
    }

    private void fail(ByteBuf in, String reason) {
        failed = true;
        in.skipBytes(in.readableBytes());
        throw new CstpFrameException(reason);
    }
}
