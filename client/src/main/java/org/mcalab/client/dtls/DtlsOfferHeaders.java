package org.mcalab.client.dtls;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The DTLS part of the client's CONNECT request, shaped like openconnect 9.01's (docs/protocol.md §8.2): a fresh
 * 48-byte master secret and the legacy DTLS 1.2 names. PSK-NEGOTIATE is not offered: it needs a TLS exporter, which
 * JDK 17 lacks on the client side too.
 *
 * @param masterSecret the 48 bytes sent as {@code X-DTLS-Master-Secret}; kept to resume the session later
 */
public record DtlsOfferHeaders(byte[] masterSecret) {
    public static final String CIPHER_SUITES = "OC-DTLS1_2-AES256-GCM:OC-DTLS1_2-AES128-GCM";
    public static final String DTLS12_CIPHER_SUITES = "ECDHE-RSA-AES256-GCM-SHA384:ECDHE-RSA-AES128-GCM-SHA256:"
            + "AES256-GCM-SHA384:AES128-GCM-SHA256";

    public DtlsOfferHeaders {
        if (masterSecret.length != 48) {
            throw new IllegalArgumentException("a DTLS master secret has 48 bytes, not " + masterSecret.length);
        }
        masterSecret = masterSecret.clone();
    }

    public static DtlsOfferHeaders fresh(SecureRandom random) {
        byte[] ms = new byte[48];
        random.nextBytes(ms);
        return new DtlsOfferHeaders(ms);
    }

    @Override
    public byte[] masterSecret() {
        return masterSecret.clone();
    }

    /** Header name to value, in openconnect's order. */
    public Map<String, String> headers() {
        Map<String, String> h = new LinkedHashMap<>();
        h.put("X-DTLS-Master-Secret", HexFormat.of().withUpperCase().formatHex(masterSecret));
        h.put("X-DTLS-CipherSuite", CIPHER_SUITES);
        h.put("X-DTLS12-CipherSuite", DTLS12_CIPHER_SUITES);
        return h;
    }
}
