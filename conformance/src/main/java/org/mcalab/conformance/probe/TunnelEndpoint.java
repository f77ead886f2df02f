package org.mcalab.conformance.probe;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.mcalab.client.tunnel.TunnelClient;
import org.mcalab.client.tunnel.TunnelException;

/**
 * Where and how the probe opens tunnels: the gateway URL, the CA bundle that trusts its certificate, and the machine
 * certificate presented in TLS (openconnect presents it on the CONNECT connection too).
 *
 * @param timeout bound on every connect and every awaited answer of a check
 */
record TunnelEndpoint(URI gateway, Path caBundle, PrivateKey key, List<X509Certificate> chain, Duration timeout) {
    private static final SecureRandom RANDOM = new SecureRandom();

    String host() {
        return gateway.getHost();
    }

    int port() {
        return gateway.getPort() < 0 ? 443 : gateway.getPort();
    }

    /** For {@link TunnelClient}: openconnect's CONNECT, base MTU 1500 - 110. */
    TunnelClient.Config config(String token) {
        return new TunnelClient.Config(gateway, token, caBundle.toFile(), key, chain, timeout, 1390);
    }

    /** A TLS connection for a hand-written CONNECT (frames TunnelClient does not send: DTLS offer, bad frames). */
    SSLSocket openTls() throws TunnelException {
        Socket tcp = new Socket();
        try {
            tcp.connect(new InetSocketAddress(host(), port()), (int) timeout.toMillis());
            SSLSocket tls = (SSLSocket) context().getSocketFactory().createSocket(tcp, host(), port(), true);
            tls.setEnabledProtocols(new String[] {"TLSv1.3", "TLSv1.2"});
            tls.setSoTimeout((int) timeout.toMillis());
            tls.startHandshake();
            return tls;
        } catch (IOException | GeneralSecurityException e) {
            try {
                tcp.close();
            } catch (IOException ignored) {
                // reporting the first failure
            }
            throw new TunnelException("cannot reach " + gateway + ": " + e.getMessage(), e);
        }
    }

    private SSLContext context() throws IOException, GeneralSecurityException {
        KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
        trusted.load(null, null);
        try (InputStream in = Files.newInputStream(caBundle)) {
            int i = 0;
            for (Certificate c : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                trusted.setCertificateEntry("ca" + i++, c);
            }
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trusted);
        KeyStore own = KeyStore.getInstance(KeyStore.getDefaultType());
        own.load(null, null);
        char[] password = "probe".toCharArray();
        if (key != null) {
            own.setKeyEntry("client", key, password, chain.toArray(new X509Certificate[0]));
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(own, password);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(kmf.getKeyManagers(), tmf.getTrustManagers(), RANDOM);
        return context;
    }
}
