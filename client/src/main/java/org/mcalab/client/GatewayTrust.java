package org.mcalab.client;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Collection;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

/** How the client decides to trust the gateway's certificate: a CA bundle (openconnect --cafile) or nothing checked. */
public final class GatewayTrust {
    private final TrustManager[] managers;
    private final String description;

    private GatewayTrust(TrustManager[] managers, String description) {
        this.managers = managers;
        this.description = description;
    }

    /** Trusts the certificates of a PEM bundle (the minted ca-bundle.pem trusts the gateway CA). */
    public static GatewayTrust caBundle(Path pem) throws IOException {
        try (InputStream in = Files.newInputStream(pem)) {
            Collection<? extends Certificate> certificates = CertificateFactory.getInstance("X.509").generateCertificates(in);
            if (certificates.isEmpty()) {
                throw new IOException(pem + " holds no certificate");
            }
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            int i = 0;
            for (Certificate c : certificates) {
                store.setCertificateEntry("ca" + i++, c);
            }
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(store);
            return new GatewayTrust(factory.getTrustManagers(), "CA bundle " + pem);
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot read the CA bundle " + pem + ": " + e.getMessage(), e);
        }
    }

    /** Accepts any gateway certificate (--insecure against a remote target whose CA is not at hand). */
    public static GatewayTrust insecure() {
        return new GatewayTrust(new TrustManager[] {new AnyServer()}, "insecure (gateway certificate not checked)");
    }

    TrustManager[] managers() {
        return managers;
    }

    @Override
    public String toString() {
        return description;
    }

    private static final class AnyServer extends X509ExtendedTrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {
            throw new UnsupportedOperationException("client side only");
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {
            // insecure on purpose: the user asked for it
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
            throw new UnsupportedOperationException("client side only");
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
            // insecure on purpose
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
            throw new UnsupportedOperationException("client side only");
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
            // insecure on purpose
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
