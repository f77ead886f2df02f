package org.mcalab.conformance.probe;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.mcalab.protocol.Requirement;
import org.mcalab.protocol.cstp.CstpPacketType;
import org.mcalab.lab.SessionView;
import org.mcalab.lab.TunnelProbe;
import org.mcalab.client.tunnel.TunnelException;

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
        try (RawTunnel t = RawTunnel.connect(r.endpoint(), r.token(), Map.of())) {
            r.note("CONNECT: " + t.statusLine() + "; assigned address " + t.address().getHostAddress() + ", X-CSTP-DPD "
                    + t.header("X-CSTP-DPD") + ", X-CSTP-Keepalive " + t.header("X-CSTP-Keepalive") + ", X-CSTP-Idle-Timeout "
                    + t.header("X-CSTP-Idle-Timeout"));
            Optional<SessionView.Tunnel> before = r.gatewayRow(r.token(), "SSL-Tunnel");
            List<String> rtts = new ArrayList<>();
            for (int size : PAYLOAD_SIZES) {
                byte[] payload = new byte[size];
                RANDOM.nextBytes(payload);
                long start = System.nanoTime();
                t.send(CstpPacketType.DPD_REQUEST, payload);
                RawTunnel.Frame answer = t.await(CstpPacketType.DPD_RESPONSE, "DPD with " + size + " payload bytes");
                if (!Arrays.equals(answer.payload(), payload)) {
                    return r.fail(Requirement.MCA_SES_3, "the DPD response to a " + size + "-byte request carried "
                            + answer.payload().length + " bytes that differ from the request's");
                }
                rtts.add(size + " B " + TrafficCheck.micros(Duration.ofNanos(System.nanoTime() - start)));
            }
            r.note("DPD requests answered with their payload: " + String.join(", ", rtts));
            for (int i = 0; i < KEEPALIVES; i++) {
                t.send(CstpPacketType.KEEPALIVE, new byte[0]);
            }
            byte[] last = new byte[16];
            RANDOM.nextBytes(last);
            t.send(CstpPacketType.DPD_REQUEST, last);
            if (!Arrays.equals(t.await(CstpPacketType.DPD_RESPONSE, "DPD after keepalives").payload(), last)) {
                return r.fail(Requirement.MCA_SES_3, "the DPD response after the keepalives carried another payload");
            }
            r.note(KEEPALIVES + " keepalives sent; the DPD after them was answered");
            Duration rtt = t.ping(ProbeRun.INSIDE_GATEWAY, 56);
            r.note("ICMP echo to " + ProbeRun.INSIDE_GATEWAY.getHostAddress() + " after DPD and keepalives: " + TrafficCheck.micros(rtt));
            if (!t.isOpen()) {
                return r.fail(Requirement.MCA_SES_3, "the tunnel ended: " + t.ended().orElse("?"));
            }
            Optional<SessionView.Tunnel> after = r.gatewayRow(r.token(), "SSL-Tunnel");
            if (before.isPresent() && after.isPresent()) {
                // DPD and keepalive frames are not traffic: only the ping shows in the data counters
                r.note("gateway data counters across the check: Rx +" + (after.get().pktsRx() - before.get().pktsRx())
                        + " packets, Tx +" + (after.get().pktsTx() - before.get().pktsTx()) + " packets (the ping only)");
            }
            r.note("idle timeout (vpn-idle-timeout) is not waited for here; covered by the gateway's unit tests "
                    + "(CstpTunnelHandlerTest idle timeout, UntunnelledSessionSweepTest)");
            t.bye();
            return r.pass("DPD answered with the same payload (" + PAYLOAD_SIZES.length + " sizes), " + KEEPALIVES
                    + " keepalives tolerated, tunnel still carrying data");
        }
    }
}
