package org.mcalab.gateway.tunnel;

/**
 * The "Encryption" and "Hashing" columns of {@code show vpn-sessiondb detail} derived from a JSSE suite
 * name: {@code TLS_AES_256_GCM_SHA384} is AES-GCM-256 / SHA384, {@code TLS_RSA_WITH_AES_128_CBC_SHA} is
 * AES128 / SHA1 (the seed's form).
 */
record CipherNames(String encryption, String hashing) {

    static CipherNames of(String suite) {
        if (suite == null || suite.isEmpty()) {
            return new CipherNames("none", "none");
        }
        String s = suite.toUpperCase(java.util.Locale.ROOT);
        String cipher = s.contains("_WITH_") ? s.substring(s.indexOf("_WITH_") + 6) : s.replaceFirst("^TLS_", "");
        String encryption;
        if (cipher.startsWith("AES_128_GCM")) {
            encryption = "AES-GCM-128";
        } else if (cipher.startsWith("AES_256_GCM")) {
            encryption = "AES-GCM-256";
        } else if (cipher.startsWith("AES_128")) {
            encryption = "AES128";
        } else if (cipher.startsWith("AES_256")) {
            encryption = "AES256";
        } else if (cipher.startsWith("CHACHA20_POLY1305")) {
            encryption = "CHACHA20-POLY1305";
        } else {
            encryption = cipher;
        }
        String hashing;
        if (s.endsWith("_SHA384")) {
            hashing = "SHA384";
        } else if (s.endsWith("_SHA256")) {
            hashing = "SHA256";
        } else if (s.endsWith("_SHA")) {
            hashing = "SHA1";
        } else {
            hashing = "none";
        }
        return new CipherNames(encryption, hashing);
    }
}
