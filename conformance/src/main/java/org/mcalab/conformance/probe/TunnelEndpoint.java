package org.mcalab.conformance.probe;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import javax.net.ssl.SSLSocket;
import org.mcalab.client.ClientIdentity;
import org.mcalab.client.ClientTls;
import org.mcalab.client.GatewayTrust;
import org.mcalab.client.tunnel.TunnelClient;
import org.mcalab.client.tunnel.TunnelException;

/**
 * Where and how the probe opens tunnels: the gateway URL, the CA bundle that trusts its certificate, and the machine
 * certificate presented in TLS (openconnect presents it on the CONNECT connection too).
 *
 * @param timeout bound on every connect and every awaited answer of a check
 */
record TunnelEndpoint(URI gateway, Path caBundle, PrivateKey key, List<X509Certificate> chain, Duration timeout) {
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
            ClientTls client = clientTls();
            SSLSocket tls = (SSLSocket) client.sslContext().getSocketFactory().createSocket(tcp, host(), port(), true);
            tls.setEnabledProtocols(client.protocols());
            tls.setSoTimeout((int) timeout.toMillis());
            tls.startHandshake();
            return tls;
        } catch (IOException e) {
            try {
                tcp.close();
            } catch (IOException ignored) {
                // reporting the first failure
            }
            throw new TunnelException("cannot reach " + gateway + ": " + e.getMessage(), e);
        }
    }

    private ClientTls clientTls() throws IOException {
        ClientIdentity identity = key == null ? ClientIdentity.none() : ClientIdentity.of(key, chain);
        return ClientTls.of(GatewayTrust.caBundle(caBundle), identity);
    }
}
