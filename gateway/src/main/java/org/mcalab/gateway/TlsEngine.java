package org.mcalab.gateway;

import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.SslProvider;
import java.util.List;
import java.util.Locale;

/**
 * Which TLS implementation serves HTTPS/CSTP. BoringSSL (netty-tcnative) handshakes several times faster than the
 * JDK's SSLEngine, which matters for logins per second; the JDK engine stays as the fallback where the native
 * library cannot load. DTLS always uses the JDK/BC engines (see {@code gateway/dtls}).
 */
public enum TlsEngine {
    /** BoringSSL through netty-tcnative. */
    OPENSSL(SslProvider.OPENSSL),
    /** The JDK's SSLEngine (SunJSSE). */
    JDK(SslProvider.JDK);

    /**
     * The suites the gateway accepts (both engines): TLS 1.3's AEAD suites, then TLS 1.2 with ECDHE key exchange and
     * an AEAD cipher only. No static-RSA key exchange (no forward secrecy), no CBC and no SHA-1 MAC: a client offering
     * only those gets a handshake failure. openconnect 9.01 (GnuTLS) offers TLS 1.3 and ECDHE-RSA-AES-GCM; DTLS
     * negotiates its own suites (gateway/dtls).
     */
    public static final List<String> CIPHER_SUITES = List.of(
            "TLS_AES_128_GCM_SHA256", "TLS_AES_256_GCM_SHA384", "TLS_CHACHA20_POLY1305_SHA256",
            "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
            "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256",
            "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256", "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384",
            "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256");

    static {
        // SunJSSE serves a TLS 1.2 client's renegotiation unless this JVM-wide switch is on; it reads the switch once,
        // before its first server handshake, so it is set when the engines are first named (BoringSSL never
        // renegotiates as a server).
        System.setProperty("jdk.tls.rejectClientInitiatedRenegotiation", "true");
    }

    private final SslProvider provider;

    TlsEngine(SslProvider provider) {
        this.provider = provider;
    }

    SslProvider provider() {
        return provider;
    }

    /** OPENSSL when netty-tcnative loads on this platform, JDK otherwise. */
    public static TlsEngine preferred() {
        return OpenSsl.isAvailable() ? OPENSSL : JDK;
    }

    public boolean available() {
        return this == JDK || OpenSsl.isAvailable();
    }

    /** {@code openssl} / {@code jdk}, as on the command line. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses {@code openssl} or {@code jdk} (any case). */
    public static TlsEngine parse(String text) {
        for (TlsEngine e : values()) {
            if (e.name().equalsIgnoreCase(text.trim())) {
                return e;
            }
        }
        throw new IllegalArgumentException("unknown TLS engine '" + text + "' (expected openssl or jdk)");
    }
}
