package org.mcalab.lab;

import java.net.InetAddress;
import java.net.Inet4Address;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.mcalab.gateway.config.AnyConnectClient;
import org.mcalab.gateway.config.AsaConfig;
import org.mcalab.gateway.config.GroupPolicy;
import org.mcalab.gateway.config.IpPool;

/**
 * One change an embedded gateway makes to its parsed copy of the minted asa.cfg (the file stays as minted): a wider
 * pool for load, a narrower one and more simultaneous logins for the soak, a shorter gateway DPD for idle holds.
 * Edits work on the typed model, never on the text, and fail with a {@link LabException} naming what is missing
 * when the pool or group-policy they change is not in the config.
 */
@FunctionalInterface
public interface ConfigEdit {
    AsaConfig apply(AsaConfig config);

    /** {@code ip local pool NAME FIRST-LAST mask MASK} in place of the pool of that name. */
    static ConfigEdit pool(String name, String first, String last, String mask) {
        IpPool pool = new IpPool(name, ipv4(first), ipv4(last), ipv4(mask));
        return config -> {
            Map<String, IpPool> pools = new LinkedHashMap<>(config.pools());
            if (pools.replace(name, pool) == null) {
                throw missing("ip local pool " + name);
            }
            return with(config, pools, config.groupPolicies());
        };
    }

    /** {@code vpn-simultaneous-logins N} in the group-policy's attributes. */
    static ConfigEdit simultaneousLogins(String policy, int logins) {
        return groupPolicy(policy, p -> new GroupPolicy(p.name(), p.vpnTunnelProtocols(), p.splitTunnelPolicy(),
                p.splitTunnelNetworkList(), p.banner(), p.idleTimeout(), p.sessionTimeout(), logins, p.dnsServers(),
                p.defaultDomain(), p.addressPools(), p.anyconnect()));
    }

    /** {@code anyconnect dpd-interval gateway SECONDS} in the group-policy's webvpn attributes. */
    static ConfigEdit gatewayDpd(String policy, Duration interval) {
        return groupPolicy(policy, p -> {
            AnyConnectClient a = p.anyconnect();
            return new GroupPolicy(p.name(), p.vpnTunnelProtocols(), p.splitTunnelPolicy(), p.splitTunnelNetworkList(),
                    p.banner(), p.idleTimeout(), p.sessionTimeout(), p.simultaneousLogins(), p.dnsServers(),
                    p.defaultDomain(), p.addressPools(),
                    new AnyConnectClient(a.dtls(), a.keepalive(), a.dpdClient(), Optional.of(interval), a.mtu()));
        });
    }

    /** This edit, then {@code next}. */
    default ConfigEdit then(ConfigEdit next) {
        return config -> next.apply(apply(config));
    }

    /** No change. */
    static ConfigEdit none() {
        return config -> config;
    }

    private static ConfigEdit groupPolicy(String name, UnaryOperator<GroupPolicy> change) {
        return config -> {
            Map<String, GroupPolicy> policies = new LinkedHashMap<>(config.groupPolicies());
            GroupPolicy p = policies.get(name);
            if (p == null) {
                throw missing("group-policy " + name);
            }
            policies.put(name, change.apply(p));
            return with(config, config.pools(), policies);
        };
    }

    private static AsaConfig with(AsaConfig c, Map<String, IpPool> pools, Map<String, GroupPolicy> policies) {
        return new AsaConfig(c.version(), c.hostname(), c.interfaces(), pools, c.networkObjects(), c.accessLists(),
                c.nats(), c.trustpoints(), c.webvpn(), policies, c.tunnelGroups(), c.sslTrustPoints(), c.localUsers(),
                c.localMaxFailedAttempts(), c.warnings());
    }

    private static LabException missing(String what) {
        return new LabException("the minted asa.cfg has no '" + what + "'; cannot adapt it for this gateway");
    }

    /** A dotted-quad literal only, so no name is ever looked up. */
    private static Inet4Address ipv4(String literal) {
        if (literal.matches("\\d{1,3}(\\.\\d{1,3}){3}")) {
            try {
                return (Inet4Address) InetAddress.getByName(literal);
            } catch (UnknownHostException e) {
                // an octet above 255: reported below
            }
        }
        throw new IllegalArgumentException("not an IPv4 address: " + literal);
    }
}
