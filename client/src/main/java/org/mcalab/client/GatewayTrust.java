package org.mcalab.client;

import io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Collection;
import java.util.List;
import javax.net.ssl.TrustManagerFactory;

/**
 * How the client decides to trust the gateway's certificate: CA certificates (openconnect --cafile), or, only where
 * the user or a probe asks for it, nothing checked ({@link #insecure()}).
 */
public final class GatewayTrust {
    private final TrustManagerFactory factory;
    private final String description;

    private GatewayTrust(TrustManagerFactory factory, String description) {
        this.factory = factory;
        this.description = description;
    }

    /** Trusts the certificates of a PEM bundle (the minted ca-bundle.pem trusts the gateway CA). */
    public static GatewayTrust caBundle(Path pem) throws IOException {
        try (InputStream in = Files.newInputStream(pem)) {
            Collection<? extends Certificate> certificates = CertificateFactory.getInstance("X.509").generateCertificates(in);
            if (certificates.isEmpty()) {
                throw new IOException(pem + " holds no certificate");
            }
            return new GatewayTrust(factory(certificates), "CA bundle " + pem);
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot read the CA bundle " + pem + ": " + e.getMessage(), e);
        }
    }

    /** Trusts these certificates (CAs, or a self-signed gateway certificate in a test). */
    public static GatewayTrust certificates(List<? extends Certificate> trusted) {
        try {
            return new GatewayTrust(factory(trusted), trusted.size() + " trusted certificates");
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalArgumentException("cannot trust these certificates: " + e.getMessage(), e);
        }
    }

    /**
     * Accepts any gateway certificate: --insecure against a remote target whose CA is not at hand, and the probes
     * for which who answers is beside the point. The one trust-anything mode of the client.
     */
    public static GatewayTrust insecure() {
        return new GatewayTrust(InsecureTrustManagerFactory.INSTANCE, "insecure (gateway certificate not checked)");
    }

    TrustManagerFactory factory() {
        return factory;
    }

    @Override
    public String toString() {
        return description;
    }

    private static TrustManagerFactory factory(Collection<? extends Certificate> trusted)
            throws GeneralSecurityException, IOException {
        KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
        store.load(null, null);
        int i = 0;
        for (Certificate c : trusted) {
            store.setCertificateEntry("ca" + i++, c);
        }
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(store);
        return factory;
    }
}
