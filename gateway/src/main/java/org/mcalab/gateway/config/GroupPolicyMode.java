package org.mcalab.gateway.config;

import java.net.Inet4Address;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** {@code group-policy NAME attributes} and its sub-commands (its {@code webvpn} sub-mode is {@link GroupPolicyWebVpnMode}). */
final class GroupPolicyMode extends Mode {
    static final Form PROTOCOL = new Form("vpn-tunnel-protocol",
            "vpn-tunnel-protocol ssl-client|ssl-clientless|ikev1|ikev2|l2tp-ipsec ...");
    static final Form SPLIT_POLICY = new Form("split-tunnel-policy",
            "split-tunnel-policy tunnelspecified|tunnelall|excludespecified");
    static final Form SPLIT_LIST = new Form("split-tunnel-network-list", "split-tunnel-network-list value ACL|none");
    static final Form BANNER = new Form("banner", "banner value TEXT|none");
    static final Form IDLE = new Form("vpn-idle-timeout", "vpn-idle-timeout MINUTES|none");
    static final Form SESSION = new Form("vpn-session-timeout", "vpn-session-timeout MINUTES|none");
    static final Form LOGINS = new Form("vpn-simultaneous-logins", "vpn-simultaneous-logins N");
    static final Form DNS = new Form("dns-server", "dns-server value ADDRESS [ADDRESS]|none");
    static final Form DOMAIN = new Form("default-domain", "default-domain value DOMAIN|none");
    static final Form POOLS = new Form("address-pools", "address-pools value POOL [POOL ...]|none");
    static final Form WEBVPN = new Form("webvpn", "webvpn");

    /** The longest idle/session timeout the ASA accepts, in minutes. */
    private static final int MAX_MINUTES = 35791394;

    /**
     * What one {@code group-policy} sets. A null field is "inherit" (from DfltGrpPolicy); an empty
     * Optional is an explicit {@code none}.
     */
    static final class Builder {
        final String name;
        Line declared;
        Line attributesLine;
        Set<TunnelProtocol> protocols;
        SplitTunnelPolicy splitPolicy;
        Optional<String> splitList;
        Line splitListLine;
        List<String> banner;
        Optional<Duration> idle;
        Optional<Duration> session;
        Integer logins;
        List<Inet4Address> dns;
        Optional<String> domain;
        List<String> pools;
        Line poolsLine;
        final GroupPolicyWebVpnMode.Settings anyconnect = new GroupPolicyWebVpnMode.Settings();

        Builder(String name) {
            this.name = name;
        }

        GroupPolicy resolve(GroupPolicy parent) {
            return new GroupPolicy(name,
                    protocols != null ? protocols : parent.vpnTunnelProtocols(),
                    splitPolicy != null ? splitPolicy : parent.splitTunnelPolicy(),
                    splitList != null ? splitList : parent.splitTunnelNetworkList(),
                    banner != null ? banner : parent.banner(),
                    idle != null ? idle : parent.idleTimeout(),
                    session != null ? session : parent.sessionTimeout(),
                    logins != null ? logins : parent.simultaneousLogins(),
                    dns != null ? dns : parent.dnsServers(),
                    domain != null ? domain : parent.defaultDomain(),
                    pools != null ? pools : parent.addressPools(),
                    anyconnect.resolve(parent.anyconnect()));
        }
    }

    /**
     * DfltGrpPolicy before any configuration, as an ASA 9.7 has it: all tunnel protocols, tunnel all,
     * idle timeout 30 minutes, no session timeout, 3 simultaneous logins.
     */
    static final GroupPolicy ASA_DEFAULT = new GroupPolicy(GroupPolicy.DEFAULT_NAME, EnumSet.allOf(TunnelProtocol.class),
            SplitTunnelPolicy.TUNNEL_ALL, Optional.empty(), List.of(), Optional.of(Duration.ofMinutes(30)),
            Optional.empty(), 3, List.of(), Optional.empty(), List.of(), AnyConnectClient.ASA_DEFAULTS);

    private final Builder builder;

    GroupPolicyMode(Builder builder) {
        this.builder = builder;
        on("vpn-tunnel-protocol", (line, modes) -> {
            PROTOCOL.size(line, 2, Integer.MAX_VALUE);
            Set<TunnelProtocol> protocols = EnumSet.noneOf(TunnelProtocol.class);
            for (String w : line.words().subList(1, line.size())) {
                protocols.add(TunnelProtocol.fromKeyword(w).orElseThrow(() -> PROTOCOL.fail(line, "unknown protocol '" + w + "'")));
            }
            builder.protocols = protocols;
        });
        on("split-tunnel-policy", (line, modes) -> {
            SPLIT_POLICY.size(line, 2);
            builder.splitPolicy = SplitTunnelPolicy.fromKeyword(line.word(1)).orElseThrow(() -> SPLIT_POLICY.fail(line));
        });
        on("split-tunnel-network-list", (line, modes) -> {
            builder.splitList = valueOrNone(line, SPLIT_LIST, 1).map(values -> values.get(0));
            builder.splitListLine = line;
        });
        on("banner", (line, modes) -> {
            if (line.size() == 2 && line.is(1, "none")) {
                builder.banner = List.of();
            } else if (line.size() >= 3 && line.is(1, "value")) {
                // Each `banner value` line adds one line of text; inheriting stops at the first one.
                List<String> lines = new ArrayList<>(builder.banner == null ? List.of() : builder.banner);
                lines.add(line.rest(2));
                builder.banner = lines;
            } else {
                throw BANNER.fail(line);
            }
        });
        on("vpn-idle-timeout", (line, modes) -> builder.idle = minutesOrNone(line, IDLE));
        on("vpn-session-timeout", (line, modes) -> builder.session = minutesOrNone(line, SESSION));
        on("vpn-idle-timeout alert-interval", (line, modes) ->
                modes.pushUnsupported(line, "vpn-idle-timeout alert-interval"));
        on("vpn-session-timeout alert-interval", (line, modes) ->
                modes.pushUnsupported(line, "vpn-session-timeout alert-interval"));
        on("vpn-simultaneous-logins", (line, modes) -> {
            LOGINS.size(line, 2);
            builder.logins = LOGINS.number(line, 1, 0, Integer.MAX_VALUE);
        });
        on("dns-server", (line, modes) -> builder.dns = valueOrNone(line, DNS, 2)
                .map(values -> values.stream().map(v -> DNS.address(line, v)).toList())
                .orElse(List.of()));
        on("default-domain", (line, modes) -> builder.domain = valueOrNone(line, DOMAIN, 1).map(values -> values.get(0)));
        on("address-pools", (line, modes) -> {
            builder.pools = valueOrNone(line, POOLS, 6).orElse(List.of());
            builder.poolsLine = line;
        });
        on("webvpn", (line, modes) -> {
            WEBVPN.size(line, 1);
            modes.push(new GroupPolicyWebVpnMode(builder.name, builder.anyconnect));
        });
    }

    /** {@code X value A [B ...]} (at most {@code max} values) or {@code X none}; empty for none. */
    private static Optional<List<String>> valueOrNone(Line line, Form form, int max) {
        if (line.size() == 2 && line.is(1, "none")) {
            return Optional.empty();
        }
        if (line.size() < 3 || !line.is(1, "value")) {
            throw form.fail(line);
        }
        form.size(line, 3, 2 + max);
        return Optional.of(line.words().subList(2, line.size()));
    }

    private static Optional<Duration> minutesOrNone(Line line, Form form) {
        form.size(line, 2);
        if (line.is(1, "none")) {
            return Optional.empty();
        }
        return Optional.of(Duration.ofMinutes(form.number(line, 1, 1, MAX_MINUTES)));
    }

    @Override
    String describe() {
        return "group-policy " + builder.name + " attributes";
    }
}
