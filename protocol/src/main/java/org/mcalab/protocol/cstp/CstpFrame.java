package org.mcalab.protocol.cstp;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.DefaultByteBufHolder;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;

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

    /** The reason openconnect gives in its BYE on SIGINT/SIGTERM (docs/protocol.md §12.1). */
    public static final String LOGOUT_REASON = "Aborted by caller";

    /**
     * A client's BYE: DISCONNECT whose payload is 0xB0 ("user logged out") then {@code reason} in ASCII
     * (docs/protocol.md §9.2, §12.1). The gateway ends the session on it.
     */
    public static CstpFrame bye(String reason) {
        ByteBuf payload = Unpooled.buffer(1 + reason.length());
        payload.writeByte(CstpPacketType.BYE_LOGOUT_REASON).writeCharSequence(reason, StandardCharsets.US_ASCII);
        return new CstpFrame(CstpPacketType.DISCONNECT, payload);
    }

    /** openconnect's BYE on exit: {@link #bye} with {@link #LOGOUT_REASON}. */
    public static CstpFrame logout() {
        return bye(LOGOUT_REASON);
    }

    /** Header and payload as one array, for writers without a pipeline; the frame (and its payload) stays owned by the caller. */
    public byte[] wireBytes() {
        ByteBuf out = Unpooled.buffer(HEADER_LENGTH + content().readableBytes());
        CstpFrameEncoder.writeFrame(typeCode, content(), out);
        byte[] bytes = new byte[out.readableBytes()];
        out.readBytes(bytes);
        return bytes;
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
