package org.mcalab.lab;

import java.util.List;
import java.util.Optional;

/**
 * What the gateway's session database says about one session, as a conformance check reads it
 * (MCA-FLOW-6, MCA-SES-1, MCA-SES-2), and the counters of its live tunnels (MCA-SES-3, MCA-SES-4).
 *
 * @param detailView the {@code show vpn-sessiondb detail anyconnect} rendering of the session
 * @param tunnels    the session's tunnel rows while they are up (empty when the gateway does not tell)
 */
public record SessionView(String username, String tunnelGroup, String groupPolicy, String assignedIp, String authMode,
                          String detailView, List<Tunnel> tunnels) {
    public SessionView {
        tunnels = tunnels == null ? List.of() : List.copyOf(tunnels);
    }

    public SessionView(String username, String tunnelGroup, String groupPolicy, String assignedIp, String authMode,
                       String detailView) {
        this(username, tunnelGroup, groupPolicy, assignedIp, authMode, detailView, List.of());
    }

    /** The first live tunnel row of a kind: {@code SSL-Tunnel} or {@code DTLS-Tunnel}. */
    public Optional<Tunnel> tunnel(String kind) {
        return tunnels.stream().filter(t -> t.kind().equals(kind)).findFirst();
    }

    /**
     * One tunnel row's counters as the gateway keeps them: IP packets inside the tunnel (not DPD or keepalive frames);
     * Tx is towards the client, Rx from it.
     *
     * @param kind {@code SSL-Tunnel} or {@code DTLS-Tunnel}
     */
    public record Tunnel(String kind, long bytesTx, long bytesRx, long pktsTx, long pktsRx, long pktsTxDrop,
                         long pktsRxDrop) {}
}
