package org.mcalab.cli;

import java.time.Clock;
import java.util.Locale;
import java.util.Optional;
import org.mcalab.gateway.config.AsaConfig;
import org.mcalab.gateway.tunnel.CstpTunnelService;
import org.mcalab.gateway.tunnel.Ticker;
import org.mcalab.gateway.tunnel.TunInsideNetwork;
import org.mcalab.gateway.tunnel.tun.TunException;
import picocli.CommandLine.Option;

/**
 * {@code --inside virtual|tun} and the TUN device's settings, for commands that run a gateway. Virtual (the
 * default) needs nothing; tun needs root and creates a device the gateway removes when it stops.
 */
final class InsideNetworkOptions {
    @Option(names = "--inside", paramLabel = "MODE", description = "Network behind the gateway: virtual (in-memory "
            + "hosts answering ping, UDP echo and discard; default) or tun (a Linux TUN device: real hosts, e.g. iperf3; root).")
    String mode = "virtual";

    @Option(names = "--tun-name", paramLabel = "NAME", description = "TUN device name (default ${DEFAULT-VALUE}; %%d = next free number).")
    String tunName = "mcalab%d";

    @Option(names = "--inside-netns", paramLabel = "NS", description = "Move the TUN device into this existing network "
            + "namespace and configure it there (the inside interface's address, routes to the address pools). Without "
            + "it the device is configured in the gateway's own namespace.")
    String netns;

    @Option(names = "--tun-mtu", paramLabel = "BYTES", description = "TUN device MTU (default ${DEFAULT-VALUE}).")
    int tunMtu = 1400;

    /**
     * The TUN inside network when {@code --inside tun}, configured for {@code config}; empty for virtual.
     *
     * @throws UsageException for a bad mode or when the device cannot be made (not root, ip failed)
     */
    Optional<TunInsideNetwork> open(AsaConfig config) {
        switch (mode.toLowerCase(Locale.ROOT)) {
            case "virtual":
                return Optional.empty();
            case "tun":
                if (tunMtu < 576 || tunMtu > 9000) {
                    throw new UsageException("--tun-mtu must be 576..9000, not " + tunMtu);
                }
                try {
                    return Optional.of(TunInsideNetwork.open(tunName,
                            TunInsideNetwork.setupFor(config, Optional.ofNullable(netns), tunMtu)));
                } catch (TunException e) {
                    throw new UsageException("--inside tun: " + e.getMessage());
                } catch (IllegalArgumentException e) {
                    throw new UsageException("--inside-netns: " + e.getMessage());
                }
            default:
                throw new UsageException("--inside must be virtual or tun, not " + mode);
        }
    }

    /** The tunnel service carrying packets to {@code tun}. */
    static CstpTunnelService tunnels(AsaConfig config, TunInsideNetwork tun) {
        return CstpTunnelService.forConfig(config, tun, Clock.systemUTC(), Ticker.SYSTEM);
    }
}
