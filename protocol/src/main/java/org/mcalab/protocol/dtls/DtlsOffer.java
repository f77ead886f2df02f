package org.mcalab.protocol.dtls;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.mcalab.protocol.cstp.ConnectHeaders;

/**
 * What a client offers for DTLS in its CONNECT request (docs/protocol.md §8.2): the legacy master secret and the two
 * cipher lists. openconnect with {@code --no-dtls} sends none of the three headers. The gateway reads it with
 * {@link #fromHeaders}; clients write it with {@link #headers}.
 *
 * @param masterSecret the 48 bytes of {@code X-DTLS-Master-Secret}, empty when absent or not 96 hex digits
 * @param cipherSuites {@code X-DTLS-CipherSuite}, colon-separated, in client order
 * @param dtls12CipherSuites {@code X-DTLS12-CipherSuite}, colon-separated, in client order
 */
public record DtlsOffer(Optional<byte[]> masterSecret, List<String> cipherSuites, List<String> dtls12CipherSuites) {
    public static final String MASTER_SECRET = ConnectHeaders.X_DTLS_MASTER_SECRET;
    public static final String CIPHER_SUITE = ConnectHeaders.X_DTLS_CIPHER_SUITE;
    public static final String DTLS12_CIPHER_SUITE = ConnectHeaders.X_DTLS12_CIPHER_SUITE;

    public static final int MASTER_SECRET_BYTES = 48;

    public static final DtlsOffer NONE = new DtlsOffer(Optional.empty(), List.of(), List.of());

    public DtlsOffer {
        masterSecret = masterSecret.map(byte[]::clone);
        cipherSuites = List.copyOf(cipherSuites);
        dtls12CipherSuites = List.copyOf(dtls12CipherSuites);
    }

    /** Reads the three headers through {@code header} (name to value or null), e.g. Netty's {@code headers::get}. */
    public static DtlsOffer fromHeaders(Function<String, String> header) {
        return new DtlsOffer(parseMasterSecret(header.apply(MASTER_SECRET)), split(header.apply(CIPHER_SUITE)),
                split(header.apply(DTLS12_CIPHER_SUITE)));
    }

    /**
     * The offer of a client that can resume every legacy suite of {@link DtlsSuite} (docs/protocol.md §10.4) but not
     * PSK-NEGOTIATE, which needs a TLS exporter the JDK 17 client lacks.
     */
    public static DtlsOffer resumable(byte[] masterSecret) {
        if (masterSecret.length != MASTER_SECRET_BYTES) {
            throw new IllegalArgumentException("a DTLS master secret has 48 bytes, not " + masterSecret.length);
        }
        List<String> dtls = new java.util.ArrayList<>();
        List<String> dtls12 = new java.util.ArrayList<>();
        for (DtlsSuite s : DtlsSuite.values()) {
            if (!s.psk()) {
                (s.header() == DtlsSuite.Header.X_DTLS ? dtls : dtls12).add(s.offerName());
            }
        }
        return new DtlsOffer(Optional.of(masterSecret), dtls, dtls12);
    }

    /** {@link #resumable} with a fresh master secret, as openconnect makes one per CONNECT. */
    public static DtlsOffer resumable(java.security.SecureRandom random) {
        byte[] secret = new byte[MASTER_SECRET_BYTES];
        random.nextBytes(secret);
        return resumable(secret);
    }

    /** The request headers, in openconnect's order (docs/protocol.md §8.2); a missing part is left out. */
    public Map<String, String> headers() {
        Map<String, String> h = new LinkedHashMap<>();
        masterSecret.ifPresent(ms -> h.put(MASTER_SECRET, HexFormat.of().withUpperCase().formatHex(ms)));
        if (!cipherSuites.isEmpty()) {
            h.put(CIPHER_SUITE, String.join(":", cipherSuites));
        }
        if (!dtls12CipherSuites.isEmpty()) {
            h.put(DTLS12_CIPHER_SUITE, String.join(":", dtls12CipherSuites));
        }
        return h;
    }

    public boolean offersPsk() {
        return cipherSuites.contains(DtlsSuite.PSK_NEGOTIATE.offerName());
    }

    private static Optional<byte[]> parseMasterSecret(String value) {
        if (value == null) {
            return Optional.empty();
        }
        String hex = value.trim();
        // Exactly 48 bytes: the legacy session state is built from it, a shorter one cannot be a master secret.
        if (hex.length() != 2 * MASTER_SECRET_BYTES) {
            return Optional.empty();
        }
        try {
            return Optional.of(HexFormat.of().parseHex(hex));
        } catch (IllegalArgumentException notHex) {
            return Optional.empty();
        }
    }

    private static List<String> split(String value) {
        if (value == null || value.isBlank()) {
            return List.of();
        }
        return Arrays.stream(value.split(":")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    @Override
    public String toString() {
        return "DtlsOffer[masterSecret=" + (masterSecret.isPresent() ? "48 bytes" : "none") + ", cipherSuites="
                + cipherSuites + ", dtls12CipherSuites=" + dtls12CipherSuites + "]";
    }
}
