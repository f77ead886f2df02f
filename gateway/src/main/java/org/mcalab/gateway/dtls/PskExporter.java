package org.mcalab.gateway.dtls;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Optional;
import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSession;

/**
 * Exports the DTLS-PSK key of PSK-NEGOTIATE (docs/protocol.md §10.3) from the CSTP TLS session: RFC 8446 exporter,
 * label {@code EXPORTER-openconnect-psk}, no context, 32 bytes.
 *
 * <p>Which TLS engine can do it (checked in {@code PskExporterTest}):
 * <ul>
 *   <li>SunJSSE on JDK 17: no exporter API at all.</li>
 *   <li>SunJSSE on JDK 25+: {@code ExtendedSSLSession.exportKeyingMaterialData}, looked up reflectively so this
 *       compiles for 17. This is the engine that allows PSK-NEGOTIATE.</li>
 *   <li>BCJSSE 1.83: {@code BCExtendedSSLSession.exportKeyingMaterialData} is the base-class stub (throws
 *       {@code UnsupportedOperationException}), and the provider's connection-level {@code exportKeyingMaterial} fails
 *       once the handshake is over ("Export of key material only available from notifyHandshakeComplete()": BC wipes
 *       the exporter secret), so through an {@code SSLEngine} BCJSSE never yields the key. Only BC's low-level
 *       {@code TlsServerProtocol}, exporting inside {@code notifyHandshakeComplete()}, could.</li>
 * </ul>
 * Only TLS 1.3 sessions qualify: openconnect's TLS 1.2 never negotiates extended master secret, and exporters refuse
 * to work without it (docs/protocol.md §3.1).
 */
public final class PskExporter {
    static final String LABEL = "EXPORTER-openconnect-psk";
    static final String TLS13 = "TLSv1.3";

    private PskExporter() {
    }

    /** The 32-byte key, or empty when this engine/session cannot export it (then PSK-NEGOTIATE is not offered). */
    public static Optional<byte[]> export(SSLEngine engine) {
        return export(engine.getSession());
    }

    public static Optional<byte[]> export(SSLSession session) {
        Optional<Method> m = jdkExporter();
        if (session == null || !TLS13.equals(session.getProtocol()) || m.isEmpty()
                || !(session instanceof ExtendedSSLSession)) {
            return Optional.empty();
        }
        try {
            byte[] key = (byte[]) m.get().invoke(session, LABEL, null, DtlsNegotiator.PSK_BYTES);
            return key != null && key.length == DtlsNegotiator.PSK_BYTES ? Optional.of(key) : Optional.empty();
        } catch (IllegalAccessException | RuntimeException | InvocationTargetException refused) {
            // BCJSSE's session on JDK 25 (UnsupportedOperationException), SSLKeyException, ...
            return Optional.empty();
        }
    }

    /** Whether this JVM has the exporter API at all (JDK 25+); for the start-up log and the report. */
    public static boolean available() {
        return jdkExporter().isPresent();
    }

    private static Optional<Method> jdkExporter() {
        try {
            return Optional.of(ExtendedSSLSession.class.getMethod("exportKeyingMaterialData", String.class, byte[].class,
                    int.class));
        } catch (NoSuchMethodException beforeJdk25) {
            return Optional.empty();
        }
    }
}
