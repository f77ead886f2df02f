package org.mcalab.conformance.probe;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.mcalab.protocol.Requirement;
import org.mcalab.protocol.cstp.ConnectHeaders;
import org.mcalab.protocol.cstp.CstpPacketType;
import org.mcalab.lab.SessionView;
import org.mcalab.lab.TunnelProbe;
import org.mcalab.client.tunnel.TunnelClient;
import org.mcalab.client.tunnel.TunnelException;
import org.mcalab.client.tunnel.TunnelSession;

/**
 * MCA-SES-3, dpd: DPD requests carrying payloads are answered with the same payload, keepalives are taken without
 * a word, and the tunnel stays up and keeps carrying data. The idle timeout is not waited for here (30 minutes by
 * default); the gateway's unit tests cover it.
 */
final class DpdCheck {
    private static final int[] PAYLOAD_SIZES = {0, 1, 64, 1024};
    private static final int KEEPALIVES = 3;
    private static final SecureRandom RANDOM = new SecureRandom();

    private DpdCheck() {
    }

    static TunnelProbe.Outcome run(ProbeRun r) throws TunnelException {
        try (TunnelSession t = TunnelClient.connect(r.endpoint().config(r.token()))) {
            r.note("CONNECT: " + t.statusLine() + "; assigned address " + t.address().getHostAddress() + ", X-CSTP-DPD "
                    + t.answer().last(ConnectHeaders.X_CSTP_DPD).orElse(null) + ", X-CSTP-Keepalive "
                    + t.answer().last(ConnectHeaders.X_CSTP_KEEPALIVE).orElse(null) + ", X-CSTP-Idle-Timeout "
                    + t.answer().last(ConnectHeaders.X_CSTP_IDLE_TIMEOUT).orElse(null));
            Optional<SessionView.Tunnel> before = r.gatewayRow(r.token(), "SSL-Tunnel");
            List<String> rtts = new ArrayList<>();
            for (int size : PAYLOAD_SIZES) {
                byte[] payload = new byte[size];
                RANDOM.nextBytes(payload);
                long start = System.nanoTime();
                byte[] answer = t.dpd(payload);
                if (!Arrays.equals(answer, payload)) {
                    return r.fail(Requirement.MCA_SES_3, "the DPD response to a " + size + "-byte request carried "
                            + answer.length + " bytes that differ from the request's");
                }
                rtts.add(size + " B " + TrafficCheck.micros(Duration.ofNanos(System.nanoTime() - start)));
            }
            r.note("DPD requests answered with their payload: " + String.join(", ", rtts));
            for (int i = 0; i < KEEPALIVES; i++) {
                t.send(CstpPacketType.KEEPALIVE, new byte[0]);
            }
            byte[] last = new byte[16];
            RANDOM.nextBytes(last);
            if (!Arrays.equals(t.dpd(last), last)) {
                return r.fail(Requirement.MCA_SES_3, "the DPD response after the keepalives carried another payload");
            }
            r.note(KEEPALIVES + " keepalives sent; the DPD after them was answered");
            Duration rtt = t.ping(ProbeRun.INSIDE_GATEWAY, 56);
            r.note("ICMP echo to " + ProbeRun.INSIDE_GATEWAY.getHostAddress() + " after DPD and keepalives: " + TrafficCheck.micros(rtt));
            if (!t.isOpen()) {
                return r.fail(Requirement.MCA_SES_3, "the tunnel ended: " + t.disconnectReason().orElse("connection closed"));
            }
            Optional<SessionView.Tunnel> after = r.gatewayRow(r.token(), "SSL-Tunnel");
            if (before.isPresent() && after.isPresent()) {
                // DPD and keepalive frames are not traffic: only the ping shows in the data counters
                r.note("gateway data counters across the check: Rx +" + (after.get().pktsRx() - before.get().pktsRx())
                        + " packets, Tx +" + (after.get().pktsTx() - before.get().pktsTx()) + " packets (the ping only)");
            }
            r.note("idle timeout (vpn-idle-timeout) is not waited for here; covered by the gateway's unit tests "
                    + "(CstpTunnelHandlerTest idle timeout, UntunnelledSessionSweepTest)");
            return r.pass("DPD answered with the same payload (" + PAYLOAD_SIZES.length + " sizes), " + KEEPALIVES
                    + " keepalives tolerated, tunnel still carrying data");
        }
    }
}
