package org.mcalab.gateway.dtls;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * What a client offers for DTLS in its CONNECT request (docs/protocol.md §8.2): the legacy master secret and the two
 * cipher lists. openconnect with {@code --no-dtls} sends none of the three headers.
 *
 * @param masterSecret the 48 bytes of {@code X-DTLS-Master-Secret}, empty when absent or not 96 hex digits
 * @param cipherSuites {@code X-DTLS-CipherSuite}, colon-separated, in client order
 * @param dtls12CipherSuites {@code X-DTLS12-CipherSuite}, colon-separated, in client order
 */
public record DtlsOffer(Optional<byte[]> masterSecret, List<String> cipherSuites, List<String> dtls12CipherSuites) {
    public static final String MASTER_SECRET = "X-DTLS-Master-Secret";
    public static final String CIPHER_SUITE = "X-DTLS-CipherSuite";
    public static final String DTLS12_CIPHER_SUITE = "X-DTLS12-CipherSuite";

    static final int MASTER_SECRET_BYTES = 48;

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
