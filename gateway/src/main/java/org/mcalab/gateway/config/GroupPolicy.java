package org.mcalab.gateway.config;

import java.net.Inet4Address;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * An effective group policy: what the config sets for it, inherited from {@code DfltGrpPolicy} where it
 * sets nothing, which itself starts from the ASA defaults (as {@code show running-config all} would show).
 *
 * @param idleTimeout    {@code vpn-idle-timeout}; empty for {@code none}
 * @param sessionTimeout {@code vpn-session-timeout}; empty for {@code none} (the default)
 * @param banner         {@code banner value} lines, in order
 */
public record GroupPolicy(String name, Set<TunnelProtocol> vpnTunnelProtocols, SplitTunnelPolicy splitTunnelPolicy,
                          Optional<String> splitTunnelNetworkList, List<String> banner, Optional<Duration> idleTimeout,
                          Optional<Duration> sessionTimeout, int simultaneousLogins, List<Inet4Address> dnsServers,
                          Optional<String> defaultDomain, List<String> addressPools, AnyConnectClient anyconnect) {

    public static final String DEFAULT_NAME = "DfltGrpPolicy";

    public GroupPolicy {
        vpnTunnelProtocols = Set.copyOf(vpnTunnelProtocols);
        banner = List.copyOf(banner);
        dnsServers = List.copyOf(dnsServers);
        addressPools = List.copyOf(addressPools);
    }

    public boolean allows(TunnelProtocol protocol) {
        return vpnTunnelProtocols.contains(protocol);
    }

    /** Banner lines joined with newlines, as the client shows them; empty when there is no banner. */
    public String bannerText() {
        return String.join("\n", banner);
    }
}
