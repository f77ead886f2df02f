package org.mcalab.protocol.cstp;

/** CSTP packet types (docs/protocol.md §9.2); the same values tag DTLS payloads (§10.6). */
public enum CstpPacketType {
    DATA(0x00),
    DPD_REQUEST(0x03),
    DPD_RESPONSE(0x04),
    DISCONNECT(0x05),
    KEEPALIVE(0x07),
    COMPRESSED_DATA(0x08),
    TERMINATE(0x09);

    /** First payload byte of a client BYE that means "user logged out" (docs/protocol.md §12.1). */
    public static final int BYE_LOGOUT_REASON = 0xB0;

    private final int code;

    CstpPacketType(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    /** The type with this code, or null for an unknown code (the caller decides what unknown means). */
    public static CstpPacketType of(int code) {
        for (CstpPacketType t : values()) {
            if (t.code == code) {
                return t;
            }
        }
        return null;
    }
}
