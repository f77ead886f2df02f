package org.mcalab.protocol.cstp;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.DefaultByteBufHolder;
import io.netty.buffer.Unpooled;

/**
 * One CSTP frame: {@code 'S' 'T' 'F' 0x01 | length (2, BE) | type | 0x00 | payload}.
 * Owns its payload (reference counted, as Netty messages are).
 */
public final class CstpFrame extends DefaultByteBufHolder {
    public static final int HEADER_LENGTH = 8;
    public static final int MAX_PAYLOAD = 0xFFFF;

    private final int typeCode;

    public CstpFrame(int typeCode, ByteBuf payload) {
        super(payload);
        this.typeCode = typeCode;
    }

    public CstpFrame(CstpPacketType type, ByteBuf payload) {
        this(type.code(), payload);
    }

    public static CstpFrame empty(CstpPacketType type) {
        return new CstpFrame(type, Unpooled.EMPTY_BUFFER);
    }

    public static CstpFrame data(ByteBuf ipPacket) {
        return new CstpFrame(CstpPacketType.DATA, ipPacket);
    }

    /** Null when the code is not a known type. */
    public CstpPacketType type() {
        return CstpPacketType.of(typeCode);
    }

    public int typeCode() {
        return typeCode;
    }

    public ByteBuf payload() {
        return content();
    }

    @Override
    public CstpFrame replace(ByteBuf content) {
        return new CstpFrame(typeCode, content);
    }

    @Override
    public CstpFrame retain() {
        super.retain();
        return this;
    }

    @Override
    public String toString() {
        CstpPacketType t = type();
        return "CstpFrame(" + (t == null ? "0x" + Integer.toHexString(typeCode) : t) + ", " + content().readableBytes() + " bytes)";
    }
}
