package org.mcalab.conformance.probe;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.mcalab.protocol.Requirement;
import org.mcalab.protocol.cstp.ConnectHeaders;
import org.mcalab.protocol.cstp.CstpPacketType;
import org.mcalab.protocol.dtls.DtlsOffer;
import org.mcalab.client.dtls.DtlsClientParameters;
import org.mcalab.client.dtls.DtlsTunnelChannel;
import org.mcalab.lab.SessionView;
import org.mcalab.lab.TunnelProbe;
import org.mcalab.client.tunnel.TunnelClient;
import org.mcalab.client.tunnel.TunnelException;
import org.mcalab.client.tunnel.TunnelSession;

/**
 * MCA-SES-4, dtls-fallback: CONNECT offering legacy DTLS as openconnect does ({@code X-DTLS-Master-Secret},
 * {@code X-DTLS-CipherSuite}), resume the announced DTLS session, ping over DTLS (replies must come back on DTLS, the
 * gateway's DTLS counters must grow and its CSTP data counters must not), then close DTLS and ping over CSTP.
 */
final class DtlsFallbackCheck {
    static final int DTLS_PINGS = 3;
    private static final SecureRandom RANDOM = new SecureRandom();

    private DtlsFallbackCheck() {
    }

    static TunnelProbe.Outcome run(ProbeRun r) throws TunnelException {
        DtlsOffer offer = DtlsOffer.resumable(RANDOM);
        try (TunnelSession cstp = TunnelClient.connect(r.endpoint().config(r.token()).withDtls(offer))) {
            r.note("CONNECT with a DTLS offer (X-DTLS-CipherSuite: " + String.join(":", offer.cipherSuites()) + "): "
                    + cstp.statusLine() + "; assigned address " + cstp.address().getHostAddress());
            cstp.cstpHeaders().forEach((k, v) -> {
                if (k.startsWith("X-DTLS")) {
                    // the session id is the key to resuming DTLS: shown by its first bytes only
                    r.note("  " + k + ": " + (k.equals(ConnectHeaders.X_DTLS_SESSION_ID) ? v.get(0).substring(0, Math.min(8, v.get(0).length())) + "..."
                            : String.join(" | ", v)));
                }
            });
            Optional<DtlsClientParameters> params = cstp.dtls();
            if (params.isEmpty()) {
                return r.fail(Requirement.MCA_SES_4, "the gateway's CONNECT answer offers no DTLS session this client can "
                        + "resume (X-DTLS-Port, X-DTLS-Session-ID, X-DTLS-CipherSuite)");
            }
            Optional<SessionView.Tunnel> sslBefore = r.gatewayRow(r.token(), "SSL-Tunnel");
            InetSocketAddress udp = new InetSocketAddress(r.endpoint().host(), params.get().port());
            try (DtlsTunnelChannel dtls = DtlsTunnelChannel.open(udp, params.get())) {
                r.note("DTLS up: resumed " + params.get().suiteName() + " on UDP " + udp.getPort() + " from local port "
                        + dtls.localAddress().getPort());
                List<String> rtts = new ArrayList<>();
                for (int i = 1; i <= DTLS_PINGS; i++) {
                    rtts.add(TrafficCheck.micros(pingOverDtls(dtls, cstp.address(), i, r.endpoint().timeout())));
                }
                r.note("ICMP echo over DTLS to " + ProbeRun.INSIDE_GATEWAY.getHostAddress() + ", replies on DTLS, byte for byte: "
                        + String.join(", ", rtts));
                List<byte[]> onCstp = cstp.drainReceived();
                if (!onCstp.isEmpty()) {
                    return r.fail(Requirement.MCA_SES_4, onCstp.size() + " packets came down on CSTP while DTLS was up");
                }
                if (r.gatewayCounters()) {
                    // The gateway counts a reply after its send returns, so the client may hold the reply a moment
                    // before the counter moves: read the row until it has caught up (or 2 s have passed).
                    Optional<SessionView.Tunnel> dtlsRow = r.gatewayRow(r.token(), "DTLS-Tunnel");
                    long deadline = System.nanoTime() + Duration.ofSeconds(2).toNanos();
                    while (dtlsRow.isPresent() && (dtlsRow.get().pktsRx() < DTLS_PINGS || dtlsRow.get().pktsTx() < DTLS_PINGS)
                            && System.nanoTime() < deadline) {
                        sleepQuietly(20);
                        dtlsRow = r.gatewayRow(r.token(), "DTLS-Tunnel");
                    }
                    Optional<SessionView.Tunnel> sslNow = r.gatewayRow(r.token(), "SSL-Tunnel");
                    if (dtlsRow.isEmpty()) {
                        return r.fail(Requirement.MCA_SES_4, "the gateway's session shows no DTLS-Tunnel while DTLS is up");
                    }
                    SessionView.Tunnel d = dtlsRow.get();
                    r.note("gateway DTLS-Tunnel counters: Rx " + d.pktsRx() + " packets / " + d.bytesRx() + " bytes, Tx "
                            + d.pktsTx() + " packets / " + d.bytesTx() + " bytes");
                    if (d.pktsRx() < DTLS_PINGS || d.pktsTx() < DTLS_PINGS) {
                        return r.fail(Requirement.MCA_SES_4, "the gateway's DTLS counters did not grow with the pings (Rx "
                                + d.pktsRx() + ", Tx " + d.pktsTx() + ")");
                    }
                    if (sslBefore.isPresent() && sslNow.isPresent() && (sslNow.get().pktsRx() != sslBefore.get().pktsRx()
                            || sslNow.get().pktsTx() != sslBefore.get().pktsTx())) {
                        return r.fail(Requirement.MCA_SES_4, "the gateway counted CSTP data while traffic was on DTLS");
                    }
                    r.note("gateway SSL-Tunnel data counters unchanged while DTLS carried the traffic");
                }
            } catch (IOException e) {
                return r.fail(Requirement.MCA_SES_4, "DTLS: " + e.getMessage());
            }
            // DTLS closed (close_notify sent): the same tunnel must carry data on CSTP again
            Duration rtt = cstp.ping(ProbeRun.INSIDE_GATEWAY, 56);
            r.note("DTLS closed; ICMP echo over CSTP: " + TrafficCheck.micros(rtt));
            if (r.gatewayCounters()) {
                Optional<SessionView.Tunnel> ssl = r.gatewayRow(r.token(), "SSL-Tunnel");
                long until = System.nanoTime() + Duration.ofSeconds(2).toNanos();
                while (ssl.isPresent() && sslBefore.isPresent() && System.nanoTime() < until
                        && ssl.get().pktsTx() - sslBefore.get().pktsTx() < 1) {
                    sleepQuietly(20); // same catch-up as above: the reply may arrive before the gateway counted it
                    ssl = r.gatewayRow(r.token(), "SSL-Tunnel");
                }
                if (ssl.isPresent() && sslBefore.isPresent()) {
                    long up = ssl.get().pktsRx() - sslBefore.get().pktsRx();
                    long down = ssl.get().pktsTx() - sslBefore.get().pktsTx();
                    r.note("gateway SSL-Tunnel after the fallback: Rx +" + up + ", Tx +" + down + " packets; DTLS-Tunnel row "
                            + (r.gatewayRow(r.token(), "DTLS-Tunnel").isPresent() ? "still listed" : "gone"));
                    if (up != 1 || down != 1) {
                        return r.fail(Requirement.MCA_SES_4, "after the fallback the gateway counted " + up + " packets up and "
                                + down + " down on CSTP, expected 1 and 1");
                    }
                }
            }
            return r.pass("DTLS carried " + DTLS_PINGS + " echoes (gateway DTLS counters grew, CSTP's did not); after DTLS "
                    + "closed, CSTP carried the traffic");
        }
    }

    private static Duration pingOverDtls(DtlsTunnelChannel dtls, Inet4Address self, int seq, Duration timeout)
            throws IOException, TunnelException {
        byte[] request = IcmpEcho.request(self, ProbeRun.INSIDE_GATEWAY, 1000 + seq, 56);
        long start = System.nanoTime();
        dtls.send(CstpPacketType.DATA, request);
        long deadline = start + timeout.toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            Optional<DtlsTunnelChannel.Frame> f = left <= 0 ? Optional.empty() : dtls.receive(Duration.ofNanos(left));
            if (f.isEmpty()) {
                throw new TunnelException("ping over DTLS: no reply on DTLS within " + timeout.toMillis() + " ms");
            }
            DtlsTunnelChannel.Frame frame = f.get();
            if (frame.type() == CstpPacketType.DPD_REQUEST) {
                dtls.send(CstpPacketType.DPD_RESPONSE, frame.payload());
            } else if (frame.type() == CstpPacketType.DATA && IcmpEcho.isIcmpFrom(frame.payload(), ProbeRun.INSIDE_GATEWAY)) {
                String wrong = IcmpEcho.check(request, frame.payload());
                if (wrong != null) {
                    throw new TunnelException("ping over DTLS: " + wrong);
                }
                return Duration.ofNanos(System.nanoTime() - start);
            }
        }
    }

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
