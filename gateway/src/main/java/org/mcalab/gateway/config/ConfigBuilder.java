package org.mcalab.gateway.config;

import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Everything the modes collect while the text is read; {@link #build} checks the cross-references and
 * makes the immutable {@link AsaConfig}.
 */
final class ConfigBuilder {
    private static final Pattern NAT_INTERFACES = Pattern.compile("\\(([^(),\\s]+),([^(),\\s]+)\\)");

    String version;
    String hostname;
    final Map<String, InterfaceMode.Builder> interfaces = new LinkedHashMap<>();
    final Map<String, Located<IpPool>> pools = new LinkedHashMap<>();
    final Map<String, NetworkObject> objects = new LinkedHashMap<>();
    final Map<String, List<AccessList.Entry>> accessLists = new LinkedHashMap<>();
    final List<Located<Nat>> nats = new ArrayList<>();
    final Map<String, TrustpointMode.Builder> trustpoints = new LinkedHashMap<>();
    final Map<String, CertificateChainMode.Builder> chains = new LinkedHashMap<>();
    WebVpnMode.Builder webvpn;
    final Map<String, GroupPolicyMode.Builder> groupPolicies = new LinkedHashMap<>();
    final Map<String, TunnelGroupBuilder> tunnelGroups = new LinkedHashMap<>();
    final Set<String> unsupportedTunnelGroups = new HashSet<>();
    final List<Located<SslTrustPoint>> sslTrustPoints = new ArrayList<>();
    final Map<String, LocalUser> users = new LinkedHashMap<>();
    Located<Integer> maxFailedAttempts;
    private final List<ParseWarning> warnings = new ArrayList<>();
    private final List<AsaConfigException> errors = new ArrayList<>();

    void warn(Line line, String message) {
        warnings.add(new ParseWarning(line.number(), line.text(), message));
    }

    GroupPolicyMode.Builder policy(String name) {
        return groupPolicies.computeIfAbsent(name, GroupPolicyMode.Builder::new);
    }

    TunnelGroupBuilder tunnelGroup(String name) {
        return tunnelGroups.computeIfAbsent(name, TunnelGroupBuilder::new);
    }

    void addNat(Line line, Form form, Optional<String> object) {
        form.size(line, 3, Integer.MAX_VALUE);
        Matcher m = NAT_INTERFACES.matcher(line.word(1));
        if (!m.matches()) {
            throw form.fail(line, "'" + line.word(1) + "' is not (REAL-IF,MAPPED-IF)");
        }
        nats.add(new Located<>(new Nat(line.number(), m.group(1), m.group(2), object, line.text()), line));
    }

    AsaConfig build() {
        Map<String, Trustpoint> builtTrustpoints = trustpoints();
        Map<String, GroupPolicy> builtPolicies = groupPolicies();
        Map<String, TunnelGroup> builtGroups = tunnelGroups(builtPolicies);
        checkSslTrustPoints();
        checkInterfaceNames();
        checkNatObjects();
        checkCertificateGroupsHaveCa(builtTrustpoints);
        if (!errors.isEmpty()) {
            throw errors.stream().min(Comparator.comparingInt(AsaConfigException::line)).orElseThrow();
        }
        warnings.sort(Comparator.comparingInt(ParseWarning::line));

        Map<String, Interface> builtInterfaces = new LinkedHashMap<>();
        interfaces.forEach((name, b) -> builtInterfaces.put(name, b.build()));
        Map<String, IpPool> builtPools = new LinkedHashMap<>();
        pools.forEach((name, p) -> builtPools.put(name, p.value()));
        Map<String, AccessList> builtAcls = new LinkedHashMap<>();
        accessLists.forEach((name, entries) -> builtAcls.put(name, new AccessList(name, entries)));
        return new AsaConfig(Optional.ofNullable(version), Optional.ofNullable(hostname), builtInterfaces, builtPools,
                objects, builtAcls, nats.stream().map(Located::value).toList(), builtTrustpoints,
                webvpn == null ? WebVpn.NOT_CONFIGURED : webvpn.build(), builtPolicies, builtGroups,
                sslTrustPoints.stream().map(Located::value).toList(), users,
                maxFailedAttempts == null ? OptionalInt.empty() : OptionalInt.of(maxFailedAttempts.value()), warnings);
    }

    private Map<String, Trustpoint> trustpoints() {
        for (CertificateChainMode.Builder chain : chains.values()) {
            if (!trustpoints.containsKey(chain.trustpoint)) {
                unresolved(chain.declared, "crypto ca certificate chain", "crypto ca trustpoint '" + chain.trustpoint + "'");
            }
        }
        Map<String, Trustpoint> built = new LinkedHashMap<>();
        for (TrustpointMode.Builder tp : trustpoints.values()) {
            CertificateChainMode.Builder chain = chains.get(tp.name);
            List<X509Certificate> cas = chain == null ? List.of() : chain.caCertificates;
            Optional<X509Certificate> identity = chain == null ? Optional.empty() : Optional.ofNullable(chain.identity);
            if (chain != null) {
                for (CertificateChainMode.Failure f : chain.failures) {
                    String consequence = !f.ca() ? "trustpoint " + tp.name + " has no identity certificate from it"
                            : cas.isEmpty() ? "trustpoint " + tp.name + " has no usable CA certificate"
                            : "ignored (trustpoint " + tp.name + " has other CA certificates)";
                    warn(f.line(), (f.ca() ? "certificate ca " : "certificate ") + f.serial() + ": " + f.reason()
                            + "; " + consequence);
                }
            }
            built.put(tp.name, tp.build(cas, identity));
        }
        return built;
    }

    private Map<String, GroupPolicy> groupPolicies() {
        GroupPolicyMode.Builder defaults = groupPolicies.get(GroupPolicy.DEFAULT_NAME);
        GroupPolicy dflt = defaults == null ? GroupPolicyMode.ASA_DEFAULT : defaults.resolve(GroupPolicyMode.ASA_DEFAULT);
        Map<String, GroupPolicy> built = new LinkedHashMap<>();
        built.put(GroupPolicy.DEFAULT_NAME, dflt);
        for (GroupPolicyMode.Builder b : groupPolicies.values()) {
            boolean isDefault = b.name.equals(GroupPolicy.DEFAULT_NAME);
            if (b.declared == null && !isDefault) {
                unresolved(b.attributesLine, "group-policy", "'group-policy " + b.name + " internal'");
            }
            if (b.splitList != null && b.splitList.isPresent() && !accessLists.containsKey(b.splitList.get())) {
                unresolved(b.splitListLine, "split-tunnel-network-list", "access-list '" + b.splitList.get() + "'");
            }
            if (b.pools != null) {
                for (String pool : b.pools) {
                    if (!pools.containsKey(pool)) {
                        unresolved(b.poolsLine, "address-pools", "ip local pool '" + pool + "'");
                    }
                }
            }
            GroupPolicy policy = isDefault ? dflt : b.resolve(dflt);
            if (policy.splitTunnelPolicy() != SplitTunnelPolicy.TUNNEL_ALL && policy.splitTunnelNetworkList().isEmpty()
                    && b.attributesLine != null) {
                warn(b.attributesLine, "group policy " + b.name + " is " + policy.splitTunnelPolicy().keyword()
                        + " but has no split-tunnel-network-list; clients get no split networks");
            }
            built.put(b.name, policy);
        }
        return built;
    }

    private Map<String, TunnelGroup> tunnelGroups(Map<String, GroupPolicy> policies) {
        Map<String, TunnelGroup> built = new LinkedHashMap<>();
        Map<String, Line> aliasOwners = new HashMap<>();
        Map<String, Line> urlOwners = new HashMap<>();
        for (TunnelGroupBuilder b : tunnelGroups.values()) {
            if (b.declared == null && !TunnelGroupBuilder.BUILT_IN.contains(b.name)) {
                unresolved(b.firstAttributes, "tunnel-group", "'tunnel-group " + b.name + " type remote-access'");
            }
            for (String pool : b.pools) {
                if (!pools.containsKey(pool)) {
                    unresolved(b.poolsLine, "address-pool", "ip local pool '" + pool + "'");
                }
            }
            if (b.policy != null && !policies.containsKey(b.policy)) {
                unresolved(b.policyLine, "default-group-policy", "group-policy '" + b.policy + "'");
            }
            for (Located<TunnelGroup.GroupAlias> alias : b.aliases) {
                if (alias.value().enabled()) {
                    claim(aliasOwners, alias.value().name(), alias.line(), "group-alias");
                }
            }
            for (Located<TunnelGroup.GroupUrl> url : b.urls) {
                if (url.value().enabled()) {
                    String key = url.value().url().getHost().toLowerCase(Locale.ROOT) + AsaConfig.normalizePath(url.value().url().getPath());
                    claim(urlOwners, key, url.line(), "group-url");
                }
            }
            built.put(b.name, b.build());
        }
        return built;
    }

    /** Two enabled aliases or group-urls with one name would make the tunnel group lookup ambiguous. */
    private void claim(Map<String, Line> owners, String key, Line line, String command) {
        Line earlier = owners.putIfAbsent(key, line);
        if (earlier != null) {
            errors.add(AsaConfigException.conflict(line.number(), line.text(), command,
                    "'" + key + "' is already used at line " + earlier.number()));
        }
    }

    private void checkSslTrustPoints() {
        for (Located<SslTrustPoint> ssl : sslTrustPoints) {
            String name = ssl.value().trustpoint();
            if (!trustpoints.containsKey(name)) {
                unresolved(ssl.line(), "ssl trust-point", "crypto ca trustpoint '" + name + "'");
            } else if (chains.get(name) == null || chains.get(name).identity == null) {
                warn(ssl.line(), "trustpoint " + name + " has no identity certificate (a plain 'certificate' in its chain)");
            }
        }
    }

    private void checkInterfaceNames() {
        Set<String> names = new HashSet<>();
        interfaces.values().forEach(i -> {
            if (i.nameif != null) {
                names.add(i.nameif);
            }
        });
        for (Located<SslTrustPoint> ssl : sslTrustPoints) {
            ssl.value().interfaceName().filter(n -> !names.contains(n))
                    .ifPresent(n -> warn(ssl.line(), "no interface has nameif " + n));
        }
        if (webvpn != null) {
            for (Located<String> enabled : webvpn.enabledInterfaces) {
                if (!names.contains(enabled.value())) {
                    warn(enabled.line(), "no interface has nameif " + enabled.value());
                }
            }
        }
    }

    /** NAT is not applied, but a rule naming a missing object is still worth pointing at. */
    private void checkNatObjects() {
        for (Located<Nat> nat : nats) {
            List<String> words = nat.line().words();
            for (int i = 2; i + 1 < words.size(); i++) {
                boolean refs = (words.get(i).equalsIgnoreCase("source") || words.get(i).equalsIgnoreCase("destination"))
                        && List.of("static", "dynamic").contains(words.get(i + 1).toLowerCase(Locale.ROOT));
                if (!refs) {
                    continue;
                }
                for (String ref : words.subList(i + 2, Math.min(i + 4, words.size()))) {
                    if (!objects.containsKey(ref) && !ref.equalsIgnoreCase("any") && !ref.equalsIgnoreCase("interface")) {
                        warn(nat.line(), "nat: object " + ref + " is not defined (nat is parsed, not applied)");
                    }
                }
            }
        }
    }

    private void checkCertificateGroupsHaveCa(Map<String, Trustpoint> built) {
        boolean anyCa = built.values().stream().anyMatch(Trustpoint::hasCaCertificate);
        if (anyCa) {
            return;
        }
        for (TunnelGroupBuilder b : tunnelGroups.values()) {
            boolean usesCertificates = b.authentication != AuthenticationMethod.AAA;
            if (usesCertificates && b.declared != null) {
                warn(b.declared, "tunnel group " + b.name + " authenticates with certificates ("
                        + b.authentication.keywords() + ") but no trustpoint has a usable CA certificate: every client will be refused");
            }
        }
    }

    private void unresolved(Line line, String command, String missing) {
        errors.add(AsaConfigException.unresolved(line.number(), line.text(), command, missing));
    }
}
