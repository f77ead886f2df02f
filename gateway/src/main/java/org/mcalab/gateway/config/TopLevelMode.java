package org.mcalab.gateway.config;

import java.net.Inet4Address;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Commands at the top of the running-config. */
final class TopLevelMode extends Mode {
    static final Form VERSION = new Form("ASA Version", "ASA Version VERSION");
    static final Form HOSTNAME = new Form("hostname", "hostname NAME");
    static final Form POOL = new Form("ip local pool", "ip local pool NAME FIRST-LAST mask MASK");
    static final Form INTERFACE = new Form("interface", "interface NAME");
    static final Form OBJECT = new Form("object network", "object network NAME");
    static final Form ACCESS_LIST = new Form("access-list",
            "access-list NAME standard permit|deny NETWORK MASK|host ADDRESS|any4");
    static final Form NAT = new Form("nat",
            "nat (REAL-IF,MAPPED-IF) source static|dynamic REAL MAPPED [destination static MAPPED REAL] [OPTIONS]");
    static final Form TRUSTPOINT = new Form("crypto ca trustpoint", "crypto ca trustpoint NAME");
    static final Form CHAIN = new Form("crypto ca certificate chain", "crypto ca certificate chain TRUSTPOINT");
    static final Form WEBVPN = new Form("webvpn", "webvpn");
    static final Form GROUP_POLICY = new Form("group-policy", "group-policy NAME internal|attributes");
    static final Form TUNNEL_GROUP = new Form("tunnel-group",
            "tunnel-group NAME type remote-access|general-attributes|webvpn-attributes");
    static final Form SSL_TRUST_POINT = new Form("ssl trust-point", "ssl trust-point TRUSTPOINT [IFNAME]");
    static final Form MAX_FAIL = new Form("aaa local authentication attempts max-fail",
            "aaa local authentication attempts max-fail 1-16");
    static final Form USERNAME = new Form("username",
            "username NAME password PASSWORD [encrypted|pbkdf2|nt-encrypted] [privilege 0-15]");

    TopLevelMode(ConfigBuilder config) {
        on("asa version", (line, modes) -> {
            VERSION.size(line, 3, Integer.MAX_VALUE);
            config.version = line.rest(2);
        });
        on("hostname", (line, modes) -> {
            HOSTNAME.size(line, 2);
            config.hostname = line.word(1);
        });
        on("ip local pool", (line, modes) -> pool(line, config));
        on("interface", (line, modes) -> {
            INTERFACE.size(line, 2);
            modes.push(new InterfaceMode(config.interfaces.computeIfAbsent(line.word(1), InterfaceMode.Builder::new)));
        });
        on("object network", (line, modes) -> {
            OBJECT.size(line, 3);
            String name = line.word(2);
            config.objects.putIfAbsent(name, new NetworkObject(name, Optional.empty()));
            modes.push(new ObjectNetworkMode(name, config));
        });
        on("access-list", (line, modes) -> accessList(line, config));
        on("nat", (line, modes) -> config.addNat(line, NAT, Optional.empty()));
        on("crypto ca trustpoint", (line, modes) -> {
            TRUSTPOINT.size(line, 4);
            String name = line.word(3);
            modes.push(new TrustpointMode(config.trustpoints.computeIfAbsent(name, n -> new TrustpointMode.Builder(n, line))));
        });
        on("crypto ca certificate chain", (line, modes) -> {
            CHAIN.size(line, 5);
            String name = line.word(4);
            CertificateChainMode.Builder chain =
                    config.chains.computeIfAbsent(name, n -> new CertificateChainMode.Builder(n, line));
            modes.push(new CertificateChainMode(chain, config));
        });
        on("webvpn", (line, modes) -> {
            WEBVPN.size(line, 1);
            if (config.webvpn == null) {
                config.webvpn = new WebVpnMode.Builder();
            }
            modes.push(new WebVpnMode(config.webvpn));
        });
        on("group-policy", (line, modes) -> groupPolicy(line, modes, config));
        on("tunnel-group", (line, modes) -> tunnelGroup(line, modes, config));
        on("ssl trust-point", (line, modes) -> {
            SSL_TRUST_POINT.size(line, 3, 4);
            Optional<String> ifname = line.size() == 4 ? Optional.of(line.word(3)) : Optional.empty();
            config.sslTrustPoints.removeIf(t -> t.value().interfaceName().equals(ifname));
            config.sslTrustPoints.add(new Located<>(new SslTrustPoint(line.word(2), ifname), line));
        });
        on("username", (line, modes) -> username(line, modes, config));
        on("aaa local authentication attempts max-fail", (line, modes) -> {
            MAX_FAIL.size(line, 6);
            int limit = MAX_FAIL.number(line, 5, 1, 16);
            Located<Integer> earlier = config.maxFailedAttempts;
            if (earlier != null && earlier.value() != limit) {
                throw AsaConfigException.conflict(line.number(), line.text(), MAX_FAIL.command(),
                        "max-fail is already " + earlier.value() + " at line " + earlier.line().number());
            }
            config.maxFailedAttempts = new Located<>(limit, line);
        });
    }

    private static void pool(Line line, ConfigBuilder config) {
        POOL.size(line, 7);
        String[] range = line.word(4).split("-", -1);
        if (range.length != 2 || !line.is(5, "mask")) {
            throw POOL.fail(line);
        }
        Inet4Address first = POOL.address(line, range[0]);
        Inet4Address last = POOL.address(line, range[1]);
        Inet4Address mask = POOL.mask(line, 6);
        if (Ipv4.toUnsigned(first) > Ipv4.toUnsigned(last)) {
            throw POOL.fail(line, "first address after last");
        }
        String name = line.word(3);
        Located<IpPool> earlier = config.pools.get(name);
        if (earlier != null) {
            throw AsaConfigException.conflict(line.number(), line.text(), POOL.command(),
                    "pool " + name + " is already defined at line " + earlier.line().number());
        }
        config.pools.put(name, new Located<>(new IpPool(name, first, last, mask), line));
    }

    private static void accessList(Line line, ConfigBuilder config) {
        ACCESS_LIST.size(line, 3, Integer.MAX_VALUE);
        if (!line.is(2, "standard")) {
            config.warn(line, "only standard access lists are modelled (they are the split-tunnel lists); ignored");
            return;
        }
        AccessList.Action action = switch (line.word(3).toLowerCase(Locale.ROOT)) {
            case "permit" -> AccessList.Action.PERMIT;
            case "deny" -> AccessList.Action.DENY;
            default -> throw ACCESS_LIST.fail(line, "'" + line.word(3) + "' is neither permit nor deny");
        };
        Subnet network;
        if (line.is(4, "any4") || line.is(4, "any")) {
            ACCESS_LIST.size(line, 5);
            network = new Subnet(Ipv4.fromInt(0), Ipv4.fromInt(0));
        } else if (line.is(4, "host")) {
            ACCESS_LIST.size(line, 6);
            network = Subnet.host(ACCESS_LIST.address(line, 5));
        } else {
            ACCESS_LIST.size(line, 6);
            network = new Subnet(ACCESS_LIST.address(line, 4), ACCESS_LIST.mask(line, 5));
        }
        config.accessLists.computeIfAbsent(line.word(1), n -> new ArrayList<>()).add(new AccessList.Entry(action, network));
    }

    private static void groupPolicy(Line line, Modes modes, ConfigBuilder config) {
        GROUP_POLICY.size(line, 3, Integer.MAX_VALUE);
        String name = line.word(1);
        switch (line.word(2).toLowerCase(Locale.ROOT)) {
            case "internal" -> {
                GROUP_POLICY.size(line, 3);
                GroupPolicyMode.Builder policy = config.policy(name);
                if (policy.declared == null) {
                    policy.declared = line;
                }
            }
            case "attributes" -> {
                GROUP_POLICY.size(line, 3);
                GroupPolicyMode.Builder policy = config.policy(name);
                if (policy.attributesLine == null) {
                    policy.attributesLine = line;
                }
                modes.push(new GroupPolicyMode(policy));
            }
            case "external" -> config.warn(line, "external group policies (from an AAA server) are not modelled; ignored");
            default -> throw GROUP_POLICY.fail(line);
        }
    }

    private static void tunnelGroup(Line line, Modes modes, ConfigBuilder config) {
        TUNNEL_GROUP.size(line, 3, 4);
        String name = line.word(1);
        String what = line.word(2).toLowerCase(Locale.ROOT);
        if (what.equals("type")) {
            TUNNEL_GROUP.size(line, 4);
            if (line.is(3, "remote-access")) {
                TunnelGroupBuilder group = config.tunnelGroup(name);
                if (group.declared == null) {
                    group.declared = line;
                }
            } else if (List.of("ipsec-l2l", "ipsec-ra", "webvpn").contains(line.word(3).toLowerCase(Locale.ROOT))) {
                config.unsupportedTunnelGroups.add(name);
                config.warn(line, "tunnel group type " + line.word(3) + " is not modelled (only remote-access); ignored");
            } else {
                throw TUNNEL_GROUP.fail(line, "unknown type '" + line.word(3) + "'");
            }
            return;
        }
        TUNNEL_GROUP.size(line, 3);
        if (what.equals("ipsec-attributes") || what.equals("ppp-attributes") || config.unsupportedTunnelGroups.contains(name)) {
            if (!what.endsWith("-attributes")) {
                throw TUNNEL_GROUP.fail(line);
            }
            modes.pushUnsupported(line, "tunnel-group " + name + " " + what);
            return;
        }
        TunnelGroupBuilder group = switch (what) {
            case "general-attributes", "webvpn-attributes" -> config.tunnelGroup(name);
            default -> throw TUNNEL_GROUP.fail(line);
        };
        if (group.firstAttributes == null) {
            group.firstAttributes = line;
        }
        modes.push(what.equals("general-attributes") ? new TunnelGroupGeneralMode(group) : new TunnelGroupWebVpnMode(group));
    }

    private static void username(Line original, Modes modes, ConfigBuilder config) {
        // Errors and warnings quote the line; the password must not end up in logs with it.
        Line line = original.redact(3);
        USERNAME.size(line, 3, Integer.MAX_VALUE);
        String name = line.word(1);
        if (line.is(2, "attributes")) {
            USERNAME.size(line, 3);
            modes.pushUnsupported(line, "username " + name + " attributes");
            return;
        }
        if (line.is(2, "nopassword")) {
            config.warn(line, "user " + name + " has no password; not modelled, the user cannot log in");
            return;
        }
        if (!line.is(2, "password")) {
            throw USERNAME.fail(line);
        }
        USERNAME.size(line, 4, 7);
        int next = 4;
        String hash = null;
        if (List.of("encrypted", "pbkdf2", "nt-encrypted").contains(line.word(next).toLowerCase(Locale.ROOT))) {
            hash = line.word(next);
            next++;
        }
        int privilege = 2; // the ASA default for a user created without "privilege"
        if (line.is(next, "privilege")) {
            privilege = USERNAME.number(line, next + 1, 0, 15);
            next += 2;
        }
        if (next != line.size()) {
            throw USERNAME.fail(line, "unexpected '" + line.word(next) + "'");
        }
        if (hash != null) {
            config.warn(line, "password of user " + name + " is a hash (" + hash
                    + ") this gateway cannot check; the user cannot log in");
        }
        config.users.put(name, new LocalUser(name, original.word(3), hash != null, privilege));
    }

    @Override
    String describe() {
        return "top level";
    }

    @Override
    String unknownLineMessage() {
        return "unknown command; ignored";
    }
}
