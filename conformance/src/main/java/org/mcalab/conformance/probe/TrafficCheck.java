package org.mcalab.conformance.probe;

import java.net.Inet4Address;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.mcalab.protocol.Requirement;
import org.mcalab.lab.SessionView;
import org.mcalab.lab.TunnelProbe;
import org.mcalab.client.tunnel.TunnelClient;
import org.mcalab.client.tunnel.TunnelException;
import org.mcalab.client.tunnel.TunnelSession;

/**
 * MCA-SES-3, cstp-traffic: IP packets both ways on the CSTP tunnel. ICMP echo to two inside hosts, a UDP echo with a
 * random payload and a burst to the discard port, every reply checked byte for byte; then what the gateway counted
 * for the tunnel must equal what the client sent and received.
 */
final class TrafficCheck {
    static final int PINGS_PER_HOST = 2;
    static final int DISCARD_PACKETS = 20;
    private static final SecureRandom RANDOM = new SecureRandom();

    private TrafficCheck() {
    }

    static TunnelProbe.Outcome run(ProbeRun r) throws TunnelException {
        try (TunnelSession t = TunnelClient.connect(r.endpoint().config(r.token()))) {
            r.note("CONNECT: " + t.statusLine() + "; assigned address " + t.address().getHostAddress() + ", MTU " + t.mtu());
            for (Map.Entry<String, List<String>> h : t.cstpHeaders().entrySet()) {
                r.note("  " + h.getKey() + ": " + String.join(" | ", h.getValue()));
            }
            List<String> rtts = new ArrayList<>();
            for (Inet4Address host : ProbeRun.insideHosts(t.answer().splitIncludes())) {
                for (int i = 0; i < PINGS_PER_HOST; i++) {
                    Duration rtt = t.ping(host, 56);
                    rtts.add(host.getHostAddress() + " " + micros(rtt));
                }
            }
            r.note("ICMP echo (56 data bytes), replies identical to the requests: " + String.join(", ", rtts));
            byte[] payload = new byte[64 + RANDOM.nextInt(400)];
            RANDOM.nextBytes(payload);
            t.udpEcho(ProbeRun.INSIDE_GATEWAY, 7, payload);
            r.note("UDP echo to " + ProbeRun.INSIDE_GATEWAY.getHostAddress() + ":7 with " + payload.length
                    + " random bytes: the same bytes came back from port 7");
            t.sendDiscard(ProbeRun.INSIDE_GATEWAY, 200, DISCARD_PACKETS);
            // the gateway reads frames in order: its DPD answer means every discard packet was counted
            Duration dpd = t.dpd();
            r.note(DISCARD_PACKETS + " packets of 200 bytes to the discard port 9; DPD round trip after them " + micros(dpd));
            TunnelSession.Counters c = t.counters();
            r.note("client counted: sent " + c.pktsTx() + " packets / " + c.bytesTx() + " bytes, received " + c.pktsRx()
                    + " packets / " + c.bytesRx() + " bytes");
            long expectedReplies = 2L * PINGS_PER_HOST + 1;
            if (c.pktsRx() != expectedReplies) {
                return r.fail(Requirement.MCA_SES_3, "received " + c.pktsRx() + " packets, expected " + expectedReplies
                        + " (one per echo; the discard port answers nothing)");
            }
            if (r.gatewayCounters()) {
                Optional<SessionView.Tunnel> row = r.gatewayRow(r.token(), "SSL-Tunnel");
                if (row.isEmpty()) {
                    return r.fail(Requirement.MCA_SES_3, "the gateway's session shows no SSL-Tunnel while the tunnel is up");
                }
                SessionView.Tunnel g = row.get();
                r.note("gateway counted (SSL-Tunnel): Rx " + g.pktsRx() + " packets / " + g.bytesRx() + " bytes, Tx "
                        + g.pktsTx() + " packets / " + g.bytesTx() + " bytes, drops Rx " + g.pktsRxDrop() + " Tx " + g.pktsTxDrop());
                if (g.pktsRx() != c.pktsTx() || g.bytesRx() != c.bytesTx() || g.pktsTx() != c.pktsRx() || g.bytesTx() != c.bytesRx()) {
                    return r.fail(Requirement.MCA_SES_3, "the gateway's counters differ from the client's (gateway Rx "
                            + g.pktsRx() + "/" + g.bytesRx() + " Tx " + g.pktsTx() + "/" + g.bytesTx() + ", client Tx "
                            + c.pktsTx() + "/" + c.bytesTx() + " Rx " + c.pktsRx() + "/" + c.bytesRx() + ")");
                }
            } else {
                r.note("gateway counters not compared: the target offers no session view");
            }
            return r.pass("CSTP carried " + c.pktsTx() + " packets up and " + c.pktsRx() + " down, replies byte for byte"
                    + (r.gatewayCounters() ? ", gateway counters equal" : ""));
        }
    }

    static String micros(Duration d) {
        return String.format(java.util.Locale.ROOT, "%.2f ms", d.toNanos() / 1e6);
    }
}
