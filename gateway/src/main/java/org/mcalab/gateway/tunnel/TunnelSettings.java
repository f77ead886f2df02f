package org.mcalab.gateway.tunnel;

import java.util.List;
import java.util.Optional;
import org.mcalab.gateway.config.AsaConfig;
import org.mcalab.gateway.config.GroupPolicy;
import org.mcalab.gateway.config.IpPool;
import org.mcalab.gateway.config.Subnet;
import org.mcalab.gateway.config.TunnelGroup;

/**
 * What the config says about one session's tunnel: its group policy, its pool and its split networks.
 *
 * @param pool empty when neither the group policy nor the tunnel group names a pool (CONNECT gets 503)
 */
public record TunnelSettings(String hostname, GroupPolicy policy, Optional<IpPool> pool, List<Subnet> splitNetworks) {

    public TunnelSettings {
        splitNetworks = List.copyOf(splitNetworks);
    }

    /**
     * Resolves a session's settings: its tunnel group's pool, the named group policy (falling back to the
     * tunnel group's default policy), and that policy's split list (include or exclude, per its policy).
     */
    public static Optional<TunnelSettings> resolve(AsaConfig config, String tunnelGroupName, String groupPolicyName) {
        Optional<TunnelGroup> group = config.tunnelGroup(tunnelGroupName);
        if (group.isEmpty()) {
            return Optional.empty();
        }
        GroupPolicy policy = Optional.ofNullable(groupPolicyName).map(config.groupPolicies()::get)
                .orElseGet(() -> config.groupPolicyFor(group.get()));
        List<Subnet> split = config.splitIncludeNetworks(policy);
        if (split.isEmpty()) {
            split = config.splitExcludeNetworks(policy);
        }
        return Optional.of(new TunnelSettings(config.hostname().orElse("asa"), policy, config.poolFor(group.get()), split));
    }

    /** Every network the virtual inside network should host: the split-include networks of every group policy. */
    public static List<Subnet> hostedNetworks(AsaConfig config) {
        return config.groupPolicies().values().stream().flatMap(p -> config.splitIncludeNetworks(p).stream())
                .distinct().toList();
    }
}
