package org.mcalab.gateway.session;

import java.time.Instant;

/**
 * One tunnel of a session ("SSL-Tunnel", "DTLS-Tunnel" in {@code show vpn-sessiondb detail}); added by the
 * tunnel code when a CONNECT succeeds or DTLS comes up, removed when it goes down.
 *
 * @param publicIp      the client's address as seen by the gateway
 * @param srcPort       client port (TCP for SSL, UDP for DTLS)
 * @param dstPort       gateway port
 * @param encryption    e.g. "AES256" ("AES-GCM-256" for GCM suites)
 * @param hashing       e.g. "SHA384"
 * @param ciphersuite   the negotiated suite name
 * @param encapsulation e.g. "TLSv1.3", "DTLSv1.2"
 */
public record TunnelRow(Kind kind, String publicIp, int srcPort, int dstPort, String encryption, String hashing,
                        String ciphersuite, String encapsulation, Instant opened, Counters counters) {

    public enum Kind {
        SSL("SSL-Tunnel", "TCP", "SSL VPN Client"),
        DTLS("DTLS-Tunnel", "UDP", "DTLS VPN Client");

        private final String display;
        private final String transport;
        private final String clientType;

        Kind(String display, String transport, String clientType) {
            this.display = display;
            this.transport = transport;
            this.clientType = clientType;
        }

        public String display() {
            return display;
        }

        public String transport() {
            return transport;
        }

        public String clientType() {
            return clientType;
        }
    }
}
