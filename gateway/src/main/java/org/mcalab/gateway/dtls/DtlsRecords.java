package org.mcalab.gateway.dtls;

import java.util.Arrays;
import java.util.Optional;

/** Peeks at raw DTLS datagrams before BouncyCastle sees them: enough to demultiplex (docs/protocol.md §10.5) and to spot replays. */
final class DtlsRecords {
    static final int RECORD_HEADER = 13;
    static final int CONTENT_HANDSHAKE = 22;
    static final int CONTENT_APPLICATION_DATA = 23;
    private static final int HANDSHAKE_CLIENT_HELLO = 1;
    /** 13 record header + 12 handshake header + 2 client_version + 32 random. */
    static final int SESSION_ID_LENGTH_OFFSET = 59;
    private static final int RANDOM_OFFSET = 27;

    private DtlsRecords() {
    }

    /** The two ClientHello fields the gateway routes by. */
    record ClientHello(byte[] sessionId, byte[] random) {
    }

    /** The first record of a datagram that starts with a whole, unfragmented ClientHello carrying a session id. */
    static Optional<ClientHello> clientHello(byte[] d) {
        if (d.length < SESSION_ID_LENGTH_OFFSET + 2 || (d[0] & 0xff) != CONTENT_HANDSHAKE
                || (d[RECORD_HEADER] & 0xff) != HANDSHAKE_CLIENT_HELLO || epoch(d) != 0) {
            return Optional.empty();
        }
        int fragmentOffset = ((d[RECORD_HEADER + 6] & 0xff) << 16) | ((d[RECORD_HEADER + 7] & 0xff) << 8)
                | (d[RECORD_HEADER + 8] & 0xff);
        int idLength = d[SESSION_ID_LENGTH_OFFSET] & 0xff;
        if (fragmentOffset != 0 || idLength == 0 || idLength > 32 || d.length < SESSION_ID_LENGTH_OFFSET + 1 + idLength) {
            return Optional.empty();
        }
        return Optional.of(new ClientHello(
                Arrays.copyOfRange(d, SESSION_ID_LENGTH_OFFSET + 1, SESSION_ID_LENGTH_OFFSET + 1 + idLength),
                Arrays.copyOfRange(d, RANDOM_OFFSET, RANDOM_OFFSET + 32)));
    }

    /** Content types 20..25 and a DTLS version byte (0xFE) or the pre-RFC 0x01: anything else is not DTLS. */
    static boolean looksLikeDtls(byte[] d) {
        if (d.length < RECORD_HEADER) {
            return false;
        }
        int type = d[0] & 0xff;
        int major = d[1] & 0xff;
        return type >= 20 && type <= 25 && (major == 0xfe || major == 0x01);
    }

    static boolean protectedApplicationData(byte[] d) {
        return d.length >= RECORD_HEADER && (d[0] & 0xff) == CONTENT_APPLICATION_DATA && epoch(d) > 0;
    }

    static int epoch(byte[] d) {
        return ((d[3] & 0xff) << 8) | (d[4] & 0xff);
    }

    static long sequence(byte[] d) {
        long s = 0;
        for (int i = 5; i < 11; i++) {
            s = (s << 8) | (d[i] & 0xff);
        }
        return s;
    }
}
