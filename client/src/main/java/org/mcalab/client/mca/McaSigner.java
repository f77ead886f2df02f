package org.mcalab.client.mca;

import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Signs the MCA challenge as openconnect 9.01 does (docs/protocol.md §6.3, §6.4): over the exact response
 * body bytes, with the second certificate's key, RSASSA-PKCS1-v1_5 for RSA (ECDSA DER for EC, Ed25519
 * and DSA as their keys dictate), preferring sha512, then sha384, then sha256 among those offered.
 */
public final class McaSigner {
    /** openconnect's preference order; other names (SHA256, sha1, md5) are not recognised. */
    public static final List<String> PREFERENCE = List.of("sha512", "sha384", "sha256");

    private McaSigner() {}

    /** The hash openconnect would choose from the gateway's list (case-sensitive, as openconnect matches), if any. */
    public static Optional<String> preferredHash(List<String> offered) {
        return PREFERENCE.stream().filter(offered::contains).findFirst();
    }

    /**
     * The JCA algorithm for a key and a hash name; any digest the JDK knows may be named (sha1, md5) so that
     * mutations can sign with hashes openconnect never would.
     */
    public static String algorithm(PrivateKey key, String hash) {
        String digest = hash.toUpperCase(Locale.ROOT).replace("-", "");
        return switch (key.getAlgorithm()) {
            case "RSA" -> digest + "withRSA";
            case "EC" -> digest + "withECDSA";
            case "DSA" -> digest + "withDSA";
            case "EdDSA", "Ed25519" -> "Ed25519";
            default -> throw new IllegalArgumentException("cannot sign with a " + key.getAlgorithm() + " key");
        };
    }

    /** Signs {@code exactBytes} (nothing is re-encoded or trimmed) with {@code hash}. */
    public static byte[] sign(PrivateKey key, String hash, byte[] exactBytes) {
        try {
            Signature signature = Signature.getInstance(algorithm(key, hash));
            signature.initSign(key);
            signature.update(exactBytes);
            return signature.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot sign with " + algorithm(key, hash) + ": " + e.getMessage(), e);
        }
    }
}
