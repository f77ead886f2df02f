package org.mcalab.conformance.probe;

import io.netty.buffer.Unpooled;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.mcalab.protocol.Requirement;
import org.mcalab.protocol.cstp.CstpFrame;
import org.mcalab.protocol.cstp.CstpPacketType;
import org.mcalab.lab.TunnelProbe;
import org.mcalab.client.tunnel.TunnelClient;
import org.mcalab.client.tunnel.TunnelException;
import org.mcalab.client.tunnel.TunnelSession;

/**
 * MCA-ROB-2: a malformed CSTP frame closes the tunnel it arrived on, and only that one. A well-behaved tunnel of
 * another session passes pings before and after; each bad tunnel (the scenario's own session, and for bad-magic a
 * third session with a frame longer than the MTU allows) must be closed by the gateway. The bad tunnel's session is
 * kept (a reconnect with its cookie works) and is then logged out.
 */
final class BadFrameCheck {
    /** What one kind of malformed frame looks like on the wire. */
    enum Kind {
        BAD_MAGIC("bad magic 'XTF\\x01'"),
        OVERSIZE("payload length above MTU + slack"),
        UNKNOWN_TYPE("unknown packet type 0x42");

        final String text;

        Kind(String text) {
            this.text = text;
        }

        byte[] frame(TunnelSession t) {
            return switch (this) {
                case BAD_MAGIC -> {
                    byte[] f = header(IcmpEcho.request(t.address(), ProbeRun.INSIDE_GATEWAY, 1, 56), CstpPacketType.DATA.code());
                    f[0] = 'X';
                    yield f;
                }
                // well past the gateway's limit (MTU + room for control frames), and a complete frame of that length
                case OVERSIZE -> header(new byte[Math.min(CstpFrame.MAX_PAYLOAD, t.mtu() + 1024)], CstpPacketType.DATA.code());
                case UNKNOWN_TYPE -> header(new byte[4], 0x42);
            };
        }

        private static byte[] header(byte[] payload, int type) {
            return new CstpFrame(type, Unpooled.wrappedBuffer(payload)).wireBytes();
        }
    }

    private BadFrameCheck() {
    }

    /**
     * @param kinds the malformed frames to try, one tunnel each: the first on the scenario's session, the others on
     *              sessions of their own
     */
    static TunnelProbe.Outcome run(ProbeRun r, List<Kind> kinds) throws TunnelException, IOException {
        String goodToken = r.anotherLogin();
        List<String> badTokens = new ArrayList<>();
        badTokens.add(r.token());
        for (int i = 1; i < kinds.size(); i++) {
            badTokens.add(r.anotherLogin());
        }
        try (TunnelSession good = TunnelClient.connect(r.endpoint().config(goodToken))) {
            r.note("good tunnel (second login): address " + good.address().getHostAddress() + ", ping "
                    + TrafficCheck.micros(good.ping(ProbeRun.INSIDE_GATEWAY, 56)));
            for (int i = 0; i < kinds.size(); i++) {
                Kind kind = kinds.get(i);
                String token = badTokens.get(i);
                try (TunnelSession bad = TunnelClient.connect(r.endpoint().config(token))) {
                    Duration rtt = bad.ping(ProbeRun.INSIDE_GATEWAY, 56);
                    r.note("bad tunnel " + (i + 1) + ": address " + bad.address().getHostAddress() + ", MTU " + bad.mtu()
                            + ", ping before the bad frame " + TrafficCheck.micros(rtt));
                    try {
                        bad.writeRaw(kind.frame(bad));
                    } catch (TunnelException e) {
                        r.note("  writing the bad frame failed part way (the gateway may close first): " + e.getMessage());
                    }
                    if (!bad.awaitClosed()) {
                        return r.fail(Requirement.MCA_ROB_2, "the gateway kept the tunnel open after a frame with "
                                + kind.text + " (" + r.endpoint().timeout().toMillis() + " ms)");
                    }
                    r.note("  sent a frame with " + kind.text + ": the gateway closed that tunnel ("
                            + bad.disconnectReason().orElse("connection closed") + ")");
                }
                Duration after;
                try {
                    after = good.ping(ProbeRun.INSIDE_GATEWAY, 56);
                } catch (TunnelException e) {
                    return r.fail(Requirement.MCA_ROB_2, "the other session's tunnel stopped working after the bad frame: "
                            + e.getMessage());
                }
                r.note("  good tunnel still up: ping " + TrafficCheck.micros(after));
                keptAndLoggedOut(r, token);
            }
            r.note("observation: reject MCA-ROB-2 (each bad frame closed its own tunnel; the other tunnel kept passing pings)");
            return r.pass("bad frames (" + kinds.stream().map(k -> k.text).reduce((a, b) -> a + "; " + b).orElse("")
                    + ") closed only their own tunnel");
        }
    }

    /** A malformed frame ends the tunnel, not the session: its cookie reconnects, then the probe logs it out. */
    private static void keptAndLoggedOut(ProbeRun r, String token) {
        try (TunnelSession again = TunnelClient.connect(r.endpoint().config(token))) {
            r.note("  the bad tunnel's session was kept: a reconnect with its cookie got " + again.statusLine()
                    + "; logged out with BYE");
        } catch (TunnelException e) {
            r.note("  the bad tunnel's session was not kept (reconnect: " + e.getMessage() + ")");
        }
    }
}
