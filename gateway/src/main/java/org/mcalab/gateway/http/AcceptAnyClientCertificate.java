package org.mcalab.gateway.http;

import java.net.Socket;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Lets every client certificate through the TLS handshake. Validation happens in the application layer,
 * where a refusal can name the requirement it enforces (an alert cannot). Extends the "extended" trust
 * manager so the JDK does not wrap it with checks of its own.
 */
public final class AcceptAnyClientCertificate extends X509ExtendedTrustManager {
    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {
        // accepted; see class comment
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
        // accepted; see class comment
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) {
        // accepted; see class comment
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {
        throw new UnsupportedOperationException("server side only");
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
        throw new UnsupportedOperationException("server side only");
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) {
        throw new UnsupportedOperationException("server side only");
    }

    /** Empty: no CA list in the CertificateRequest; openconnect sends its certificate anyway. */
    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return new X509Certificate[0];
    }
}
