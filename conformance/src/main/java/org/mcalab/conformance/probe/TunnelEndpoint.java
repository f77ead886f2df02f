package org.mcalab.conformance.probe;

import java.net.URI;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import org.mcalab.client.tunnel.TunnelClient;

/**
 * Where and how the probe opens tunnels: the gateway URL, the CA bundle that trusts its certificate, and the machine
 * certificate presented in TLS (openconnect presents it on the CONNECT connection too). Every tunnel is the client's
 * {@link TunnelClient}.
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

    /** For {@link TunnelClient}: openconnect's CONNECT, base MTU 1500 - 110, no DTLS offer. */
    TunnelClient.Config config(String token) {
        return TunnelClient.Config.of(gateway, token, caBundle).withClientCertificate(key, chain).withTimeout(timeout);
    }
}
