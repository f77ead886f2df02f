package org.mcalab.load;

import java.net.Inet4Address;
import java.net.URI;
import org.mcalab.lab.GatewayUnderTest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * One {@code mcalab load tunnel} run.
 *
 * @param path        the MCA group-url path the logins post to ("/MCA")
 * @param tunnels     concurrent logged-in tunnels
 * @param service     where the packets go: the inside discard host (UDP 9) or echo host (UDP 7)
 * @param insideHost  the inside host's address (seed: 192.168.1.x); it exists only inside the gateway
 * @param size        IP packet size in bytes
 * @param duration    hard bound of the traffic phase (and, with {@code idle}, how long the tunnels are held)
 * @param packets     bound on packets sent over all tunnels; 0 = only the duration bounds
 * @param window      echo: packets in flight per tunnel (closed loop, so the RTT is not a queue length)
 * @param idle        open the tunnels and hold them without traffic (DPD keeps them alive); heap per tunnel
 * @param caBundle    the gateway's CA (null: the gateway certificate is not checked, loopback load only)
 * @param dtls        offer DTLS in the CONNECT and send the data on the resumed DTLS session (CSTP stays up for control)
 * @param gateway     what the run reads from the gateway side (CPU, heap, inside counters, sessions), as far as it can
 */
public record TunnelPlan(URI target, String path, List<LoadIdentity> identities, int tunnels, Service service,
                         Inet4Address insideHost, int size, Duration duration, long packets, int window, boolean idle,
                         int setupConcurrency, Path caBundle, Path outDir, boolean openSsl, String command,
                         boolean embedded, GatewayUnderTest gateway, boolean dtls) {

    public enum Service {
        DISCARD(UdpPackets.DISCARD_PORT), ECHO(UdpPackets.ECHO_PORT);

        final int port;

        Service(int port) {
            this.port = port;
        }
    }

    public TunnelPlan {
        Objects.requireNonNull(target);
        identities = List.copyOf(identities);
        if (tunnels < 1 || identities.size() < tunnels) {
            throw new IllegalArgumentException("need one identity per tunnel (" + tunnels + "), have " + identities.size());
        }
        if (size < UdpPackets.MIN_SIZE || size > 0xFFFF) {
            throw new IllegalArgumentException("--size must be " + UdpPackets.MIN_SIZE + ".." + 0xFFFF);
        }
        if (duration.isZero() || duration.isNegative() || packets < 0 || window < 1 || setupConcurrency < 1) {
            throw new IllegalArgumentException("duration, window and setup concurrency must be positive, packets >= 0");
        }
    }

    String host() {
        return target.getHost();
    }

    int port() {
        return TargetCheck.port(target);
    }

    String hostHeader() {
        return host() + (port() == 443 ? "" : ":" + port());
    }

    String groupAccess() {
        return "https://" + hostHeader() + path;
    }
}
