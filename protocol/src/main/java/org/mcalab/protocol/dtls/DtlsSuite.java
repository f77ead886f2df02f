package org.mcalab.protocol.dtls;

import java.util.Optional;
import org.mcalab.protocol.cstp.ConnectHeaders;

/**
 * The DTLS cipher suites the gateway runs and the client resumes, named as openconnect names them in its CONNECT
 * headers (docs/protocol.md §10.1, §10.2): one table for both sides. The Cisco DTLS 0.9 names ({@code AES256-SHA} in {@code X-DTLS-CipherSuite}) are absent
 * on purpose: BouncyCastle has no 0x0100 protocol version (§10.1).
 */
public enum DtlsSuite {
    /** openconnect's own DTLS 1.2 legacy name; the suite is TLS_RSA_WITH_AES_256_GCM_SHA384. */
    OC_AES256_GCM("OC-DTLS1_2-AES256-GCM", Header.X_DTLS, 0x009D, "AES256-GCM-SHA384", "AES-GCM-256", "SHA384"),
    OC_AES128_GCM("OC-DTLS1_2-AES128-GCM", Header.X_DTLS, 0x009C, "AES128-GCM-SHA256", "AES-GCM-128", "SHA256"),
    ECDHE_RSA_AES256_GCM("ECDHE-RSA-AES256-GCM-SHA384", Header.X_DTLS12, 0xC030, "ECDHE-RSA-AES256-GCM-SHA384",
            "AES-GCM-256", "SHA384"),
    AES256_GCM("AES256-GCM-SHA384", Header.X_DTLS12, 0x009D, "AES256-GCM-SHA384", "AES-GCM-256", "SHA384"),
    ECDHE_RSA_AES128_GCM("ECDHE-RSA-AES128-GCM-SHA256", Header.X_DTLS12, 0xC02F, "ECDHE-RSA-AES128-GCM-SHA256",
            "AES-GCM-128", "SHA256"),
    AES128_GCM("AES128-GCM-SHA256", Header.X_DTLS12, 0x009C, "AES128-GCM-SHA256", "AES-GCM-128", "SHA256"),
    /** The {@code PSK-NEGOTIATE} pseudo-suite: a full DTLS-PSK handshake picks the real suite (docs/protocol.md §10.3). */
    PSK_NEGOTIATE("PSK-NEGOTIATE", Header.X_DTLS, -1, "PSK", "AES-GCM-256", "SHA384");

    /** Which CONNECT header carries the name (it tells openconnect which of its tables to use). */
    public enum Header {
        X_DTLS(ConnectHeaders.X_DTLS_CIPHER_SUITE),
        X_DTLS12(ConnectHeaders.X_DTLS12_CIPHER_SUITE);

        private final String headerName;

        Header(String headerName) {
            this.headerName = headerName;
        }

        public String headerName() {
            return headerName;
        }
    }

    private final String offerName;
    private final Header header;
    private final int code;
    private final String opensslName;
    private final String encryption;
    private final String hashing;

    DtlsSuite(String offerName, Header header, int code, String opensslName, String encryption, String hashing) {
        this.offerName = offerName;
        this.header = header;
        this.code = code;
        this.opensslName = opensslName;
        this.encryption = encryption;
        this.hashing = hashing;
    }

    /** The name as listed in the client's header and echoed in ours. */
    public String offerName() {
        return offerName;
    }

    public Header header() {
        return header;
    }

    /** IANA cipher suite number resumed by the legacy modes; -1 for PSK-NEGOTIATE (chosen in the handshake). */
    public int code() {
        return code;
    }

    /** The OpenSSL-style name the ASA prints as "Ciphersuite" in the session database. */
    public String opensslName() {
        return opensslName;
    }

    /** "Encryption" column of {@code show vpn-sessiondb detail}. */
    public String encryption() {
        return encryption;
    }

    /** "Hashing" column of {@code show vpn-sessiondb detail}. */
    public String hashing() {
        return hashing;
    }

    public boolean psk() {
        return this == PSK_NEGOTIATE;
    }

    /** The suite {@code name} stands for when it arrives in {@code header}; names are exact (openconnect's strcmp). */
    public static Optional<DtlsSuite> named(Header header, String name) {
        for (DtlsSuite s : values()) {
            if (s.header == header && s.offerName.equals(name)) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }
}
