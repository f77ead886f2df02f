package org.mcalab.gateway.config;

import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** The human summary of a parsed config, printed by {@code mcalab gateway --check CONFIG}. */
public final class AsaConfigSummary {

    private AsaConfigSummary() {
    }

    public static String render(AsaConfig config) {
        StringBuilder out = new StringBuilder();
        out.append("hostname ").append(config.hostname().orElse("(not set)"));
        config.version().ifPresent(v -> out.append(" (ASA Version ").append(v).append(')'));
        out.append('\n');

        section(out, "interfaces", config.interfaces().values(), i -> i.hardwareName()
                + "  nameif " + i.nameif().orElse("(none)")
                + "  security-level " + i.securityLevel()
                + i.address().map(a -> "  ip " + a.getHostAddress() + " " + i.mask().map(m -> m.getHostAddress()).orElse("")).orElse("")
                + (i.shutdown() ? "  shutdown" : ""));
        section(out, "address pools", config.pools().values(), p -> p + "  (" + p.size() + " addresses)");
        section(out, "network objects", config.networkObjects().values(),
                o -> o.name() + "  " + o.subnet().map(Subnet::toString).orElse("(no address)"));
        section(out, "access lists", config.accessLists().values(), a -> a.name() + ": "
                + a.entries().stream().map(AccessList.Entry::toString).collect(Collectors.joining(", ")));
        section(out, "nat", config.nats(), n -> "line " + n.line() + ": " + n.text() + "\n    nat: parsed, not applied");

        section(out, "trustpoints", config.trustpoints().values(), AsaConfigSummary::trustpoint);
        section(out, "ssl trust-points", config.sslTrustPoints(),
                s -> s.trustpoint() + s.interfaceName().map(i -> " on " + i).orElse(" (all interfaces)"));

        WebVpn w = config.webvpn();
        out.append("webvpn\n");
        out.append("  enabled on ").append(w.enabledInterfaces().isEmpty() ? "(no interface)" : String.join(", ", w.enabledInterfaces()))
                .append("; anyconnect ").append(w.anyconnectEnabled() ? "enabled" : "not enabled")
                .append("; tunnel-group-list ").append(w.tunnelGroupListEnabled() ? "enabled" : "not enabled").append('\n');
        w.anyconnectImages().forEach(i -> out.append("  anyconnect image ").append(i.path())
                .append(i.order().isPresent() ? " (order " + i.order().getAsInt() + ")" : "").append('\n'));

        section(out, "group policies", config.groupPolicies().values(), p -> policy(config, p));
        section(out, "tunnel groups", config.tunnelGroups().values(), g -> tunnelGroup(config, g));
        section(out, "local users", config.localUsers().values(), u -> u.name() + "  privilege " + u.privilege()
                + (u.usable() ? "" : "  (password is a hash: cannot log in)"));
        out.append("  lock-out: ").append(config.localMaxFailedAttempts().isPresent()
                ? "after " + config.localMaxFailedAttempts().getAsInt() + " consecutive failed logins (privilege 15 excepted)"
                : "none (no 'aaa local authentication attempts max-fail')").append('\n');

        out.append("warnings (").append(config.warnings().size()).append(")\n");
        config.warnings().forEach(wn -> out.append("  ").append(wn).append('\n'));
        return out.toString();
    }

    private static <T> void section(StringBuilder out, String title, java.util.Collection<T> items,
                                    java.util.function.Function<T, String> line) {
        out.append(title).append(items.isEmpty() ? " (none)\n" : "\n");
        items.forEach(item -> out.append("  ").append(line.apply(item)).append('\n'));
    }

    private static String trustpoint(Trustpoint t) {
        StringBuilder s = new StringBuilder(t.name());
        t.enrollment().ifPresent(e -> s.append("  enrollment ").append(e));
        s.append("  revocation-check ").append(t.revocationCheck().isEmpty() ? "none"
                : t.revocationCheck().stream().map(m -> m.name().toLowerCase(Locale.ROOT)).collect(Collectors.joining(" ")));
        t.keypair().ifPresent(k -> s.append("  keypair ").append(k));
        t.subjectName().ifPresent(k -> s.append("  subject-name ").append(k));
        if (t.caCertificates().isEmpty()) {
            s.append("\n    no CA certificate");
        }
        t.caCertificates().forEach(c -> s.append("\n    CA certificate: ").append(certificate(c)));
        t.identityCertificate().ifPresent(c -> s.append("\n    identity certificate: ").append(certificate(c)));
        return s.toString();
    }

    /** The serial as {@code show crypto ca certificate} prints it: DER integer bytes, so 00ea47... not ea47... */
    private static String certificate(X509Certificate c) {
        return c.getSubjectX500Principal().getName() + ", serial " + java.util.HexFormat.of().formatHex(c.getSerialNumber().toByteArray())
                + ", valid " + c.getNotBefore().toInstant() + " to " + c.getNotAfter().toInstant();
    }

    private static String policy(AsaConfig config, GroupPolicy p) {
        StringBuilder s = new StringBuilder(p.name());
        s.append("\n    vpn-tunnel-protocol ").append(p.vpnTunnelProtocols().stream().sorted()
                .map(TunnelProtocol::keyword).collect(Collectors.joining(" ")));
        s.append("\n    split-tunnel-policy ").append(p.splitTunnelPolicy().keyword());
        p.splitTunnelNetworkList().ifPresent(acl -> {
            List<Subnet> nets = p.splitTunnelPolicy() == SplitTunnelPolicy.EXCLUDE_SPECIFIED
                    ? config.splitExcludeNetworks(p) : config.splitIncludeNetworks(p);
            s.append(", network list ").append(acl).append(": ")
                    .append(nets.stream().map(Subnet::toString).collect(Collectors.joining(", ")));
        });
        s.append("\n    vpn-idle-timeout ").append(minutes(p.idleTimeout()))
                .append(", vpn-session-timeout ").append(minutes(p.sessionTimeout()))
                .append(", vpn-simultaneous-logins ").append(p.simultaneousLogins());
        if (!p.addressPools().isEmpty()) {
            s.append("\n    address-pools ").append(String.join(" ", p.addressPools()));
        }
        if (!p.dnsServers().isEmpty()) {
            s.append("\n    dns-server ").append(p.dnsServers().stream().map(a -> a.getHostAddress()).collect(Collectors.joining(" ")));
        }
        p.defaultDomain().ifPresent(d -> s.append("\n    default-domain ").append(d));
        AnyConnectClient a = p.anyconnect();
        s.append("\n    anyconnect: dtls ").append(a.dtls() ? "enabled" : "none")
                .append(", keepalive ").append(seconds(a.keepalive()))
                .append(", dpd client ").append(seconds(a.dpdClient()))
                .append(" gateway ").append(seconds(a.dpdGateway()))
                .append(", mtu ").append(a.mtu());
        p.banner().forEach(b -> s.append("\n    banner: ").append(b));
        return s.toString();
    }

    private static String tunnelGroup(AsaConfig config, TunnelGroup g) {
        StringBuilder s = new StringBuilder(g.name());
        s.append("\n    authentication ").append(g.authentication().keywords());
        g.groupUrls().forEach(u -> s.append("\n    group-url ").append(u.url()).append(u.enabled() ? "" : " (disabled)"));
        g.aliases().forEach(a -> s.append("\n    group-alias ").append(a.name()).append(a.enabled() ? "" : " (disabled)"));
        s.append("\n    group-policy ").append(config.groupPolicyFor(g).name());
        s.append("\n    address pool ").append(config.poolFor(g).map(IpPool::name).orElse("(none)"));
        s.append("\n    authentication-server-group ").append(g.authenticationServerGroup());
        UsernameFromCertificate u = g.usernameFromCertificate();
        s.append("\n    username from certificate: ")
                .append(u.primary() == CertificateAttribute.ENTIRE_NAME ? "entire subject name" : u.primary().name())
                .append(u.secondary().map(x -> " " + x.name()).orElse(""))
                .append(" of the ").append(u.certificate() == UsernameFromCertificate.Choice.FIRST_CERTIFICATE
                        ? "first (TLS handshake) certificate" : "second (aggregate-auth) certificate");
        return s.toString();
    }

    private static String minutes(Optional<Duration> d) {
        return d.map(x -> x.toMinutes() + " min").orElse("none");
    }

    private static String seconds(Optional<Duration> d) {
        return d.map(x -> x.toSeconds() + " s").orElse("none");
    }
}
