package org.mcalab.gateway.auth;

import java.security.cert.X509Certificate;
import java.util.List;

/**
 * The TLS connection a request came on: who, and what the handshake established. MCA state is never keyed
 * by it (openconnect answers on a new connection); it only tells which certificate came "in SSL protocol".
 *
 * @param id          connection number, for trace correlation before a handle exists
 * @param peerChain   the client certificate chain of the handshake, leaf first; empty when none was sent
 * @param tlsProtocol e.g. "TLSv1.3"
 * @param cipherSuite e.g. "TLS_AES_256_GCM_SHA384"
 */
public record ClientConnection(long id, String clientIp, int clientPort, int localPort,
                               List<X509Certificate> peerChain, String tlsProtocol, String cipherSuite) {
    public ClientConnection {
        peerChain = List.copyOf(peerChain);
    }

    public boolean hasCertificate() {
        return !peerChain.isEmpty();
    }

    /** Trace correlation for lines logged before an aggauth-handle exists: "127.0.0.1:51609". */
    public String correlation() {
        return clientIp + ":" + clientPort;
    }
}
