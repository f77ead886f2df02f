package org.mcalab.load;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;

/**
 * Checks a load target before any load is sent: load goes to loopback unless the operator says otherwise
 * ({@code --allow-remote}), and a target that does not accept a TCP connection is an error at once, not a run of
 * timeouts.
 */
public final class TargetCheck {
    private TargetCheck() {}

    /** The https URL's port, 443 when absent. */
    public static int port(URI target) {
        return target.getPort() < 0 ? 443 : target.getPort();
    }

    /**
     * @throws LoadSetupException when the URL is not https://host[:port], when a resolved address is not loopback
     *                             and {@code allowRemote} is false, or when nothing accepts a TCP connection within
     *                             {@code connectTimeout}
     */
    public static InetSocketAddress require(URI target, boolean allowRemote, Duration connectTimeout) {
        if (target == null || !"https".equalsIgnoreCase(target.getScheme()) || target.getHost() == null) {
            throw new LoadSetupException("--target must be https://host[:port][/path], not " + target);
        }
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(target.getHost());
        } catch (UnknownHostException e) {
            throw new LoadSetupException("cannot resolve the target host " + target.getHost(), e);
        }
        if (!allowRemote) {
            for (InetAddress a : addresses) {
                if (!a.isLoopbackAddress()) {
                    throw new LoadSetupException("refusing to send load to " + target.getHost() + " ("
                            + a.getHostAddress() + "): not a loopback address; pass --allow-remote if you own that gateway");
                }
            }
        }
        InetSocketAddress address = new InetSocketAddress(addresses[0], port(target));
        try (Socket probe = new Socket()) {
            probe.connect(address, (int) connectTimeout.toMillis());
        } catch (IOException e) {
            throw new LoadSetupException("target " + address.getAddress().getHostAddress() + ":" + address.getPort()
                    + " is unreachable: " + e.getMessage(), e);
        }
        return address;
    }
}
