package org.mcalab.gateway;

import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.SslProvider;
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
