package org.mcalab.gateway.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A parsed ASA running-config: the typed model of every command the gateway understands, plus the
 * warnings for the lines it did not use. Maps keep the order of the config. Made by {@link AsaConfigParser}.
 *
 * @param localMaxFailedAttempts {@code aaa local authentication attempts max-fail N}: a local user is locked after
 *                      N consecutive failed logins (privilege 15 excepted, as on the ASA); empty = no limit, the
 *                      ASA default
 * @param groupPolicies effective policies (inheritance from {@code DfltGrpPolicy} resolved); always holds
 *                      {@code DfltGrpPolicy}
 */
public record AsaConfig(Optional<String> version, Optional<String> hostname, Map<String, Interface> interfaces,
                        Map<String, IpPool> pools, Map<String, NetworkObject> networkObjects,
                        Map<String, AccessList> accessLists, List<Nat> nats, Map<String, Trustpoint> trustpoints,
                        WebVpn webvpn, Map<String, GroupPolicy> groupPolicies, Map<String, TunnelGroup> tunnelGroups,
                        List<SslTrustPoint> sslTrustPoints, Map<String, LocalUser> localUsers,
                        OptionalInt localMaxFailedAttempts, List<ParseWarning> warnings) {

    public AsaConfig {
        interfaces = ordered(interfaces);
        pools = ordered(pools);
        networkObjects = ordered(networkObjects);
        accessLists = ordered(accessLists);
        nats = List.copyOf(nats);
        trustpoints = ordered(trustpoints);
        groupPolicies = ordered(groupPolicies);
        tunnelGroups = ordered(tunnelGroups);
        sslTrustPoints = List.copyOf(sslTrustPoints);
        localUsers = ordered(localUsers);
        warnings = List.copyOf(warnings);
    }

    private static <V> Map<String, V> ordered(Map<String, V> map) {
        return Collections.unmodifiableMap(new LinkedHashMap<>(map));
    }

    public Optional<TunnelGroup> tunnelGroup(String name) {
        return Optional.ofNullable(tunnelGroups.get(name));
    }

    /**
     * The tunnel group whose enabled {@code group-url} has this path. Only the path counts (the client may
     * reach the gateway by another address than the URL's); case and a trailing slash are ignored, and so
     * is a query string.
     */
    public Optional<TunnelGroup> tunnelGroupByUrlPath(String path) {
        String wanted = normalizePath(path);
        return tunnelGroups.values().stream()
                .filter(g -> g.groupUrls().stream().anyMatch(u -> u.enabled() && normalizePath(u.url().getPath()).equals(wanted)))
                .findFirst();
    }

    /**
     * Like {@link #tunnelGroupByUrlPath} but the host must match the group-url's host too (case ignored).
     * {@code host} may be a Host header value: a {@code :port} suffix is ignored.
     */
    public Optional<TunnelGroup> tunnelGroupByUrl(String host, String path) {
        String wantedHost = stripPort(host).toLowerCase(Locale.ROOT);
        String wanted = normalizePath(path);
        return tunnelGroups.values().stream()
                .filter(g -> g.groupUrls().stream().anyMatch(u -> u.enabled()
                        && stripPort(u.url().getHost()).equalsIgnoreCase(wantedHost)
                        && normalizePath(u.url().getPath()).equals(wanted)))
                .findFirst();
    }

    /** The tunnel group with this enabled {@code group-alias} (what a client sends as group-select). */
    public Optional<TunnelGroup> tunnelGroupByAlias(String alias) {
        return tunnelGroups.values().stream()
                .filter(g -> g.aliases().stream().anyMatch(a -> a.enabled() && a.name().equals(alias)))
                .findFirst();
    }

    /** The group's {@code default-group-policy}, else {@code DfltGrpPolicy}. */
    public GroupPolicy groupPolicyFor(TunnelGroup group) {
        return group.defaultGroupPolicy().map(groupPolicies::get).orElse(groupPolicies.get(GroupPolicy.DEFAULT_NAME));
    }

    /**
     * The pool a client of this group gets its address from: the group policy's {@code address-pools}
     * take precedence over the tunnel group's {@code address-pool}, as on the ASA. The first one is returned.
     */
    public Optional<IpPool> poolFor(TunnelGroup group) {
        List<String> names = groupPolicyFor(group).addressPools();
        if (names.isEmpty()) {
            names = group.addressPools();
        }
        return names.stream().map(pools::get).findFirst();
    }

    /** Networks the client routes into the tunnel: the permit entries of the list, when the policy is tunnelspecified. */
    public List<Subnet> splitIncludeNetworks(GroupPolicy policy) {
        return splitNetworks(policy, SplitTunnelPolicy.TUNNEL_SPECIFIED);
    }

    /** Networks the client keeps outside the tunnel, when the policy is excludespecified. */
    public List<Subnet> splitExcludeNetworks(GroupPolicy policy) {
        return splitNetworks(policy, SplitTunnelPolicy.EXCLUDE_SPECIFIED);
    }

    private List<Subnet> splitNetworks(GroupPolicy policy, SplitTunnelPolicy kind) {
        if (policy.splitTunnelPolicy() != kind) {
            return List.of();
        }
        return policy.splitTunnelNetworkList().map(accessLists::get).map(AccessList::permitted).orElse(List.of());
    }

    public Optional<Trustpoint> trustpoint(String name) {
        return Optional.ofNullable(trustpoints.get(name));
    }

    /** The trustpoint whose identity certificate the TLS server presents on this interface (nameif). */
    public Optional<Trustpoint> sslTrustpointFor(String interfaceName) {
        Optional<SslTrustPoint> specific = sslTrustPoints.stream()
                .filter(s -> s.interfaceName().map(interfaceName::equals).orElse(false)).findFirst();
        Optional<SslTrustPoint> chosen = specific.or(() -> sslTrustPoints.stream()
                .filter(s -> s.interfaceName().isEmpty()).findFirst());
        return chosen.map(SslTrustPoint::trustpoint).flatMap(this::trustpoint);
    }

    public Optional<LocalUser> localUser(String name) {
        return Optional.ofNullable(localUsers.get(name));
    }

    static String normalizePath(String path) {
        String p = path == null ? "" : path;
        int cut = indexOfAny(p, '?', '#');
        if (cut >= 0) {
            p = p.substring(0, cut);
        }
        while (p.endsWith("/")) {
            p = p.substring(0, p.length() - 1);
        }
        if (!p.startsWith("/")) {
            p = "/" + p;
        }
        return p.toLowerCase(Locale.ROOT);
    }

    private static int indexOfAny(String s, char a, char b) {
        int i = s.indexOf(a);
        int j = s.indexOf(b);
        return i < 0 ? j : j < 0 ? i : Math.min(i, j);
    }

    private static String stripPort(String host) {
        if (host.startsWith("[")) {
            int end = host.indexOf(']');
            return end > 0 ? host.substring(1, end) : host;
        }
        int colon = host.indexOf(':');
        return colon >= 0 && host.indexOf(':', colon + 1) < 0 ? host.substring(0, colon) : host;
    }
}
