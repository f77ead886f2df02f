package org.mcalab.gateway.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** What the {@code tunnel-group NAME ...} lines set, with the lines of its references for later checks. */
final class TunnelGroupBuilder {
    /** Tunnel groups every ASA has; their attributes may be configured without a {@code type} line. */
    static final List<String> BUILT_IN = List.of("DefaultWEBVPNGroup", "DefaultRAGroup");

    final String name;
    Line declared;
    Line firstAttributes;
    List<String> pools = List.of();
    Line poolsLine;
    String policy;
    Line policyLine;
    String serverGroup = "LOCAL";
    CertificateAttribute primary = CertificateAttribute.CN;
    Optional<CertificateAttribute> secondary = Optional.empty();
    UsernameFromCertificate.Choice choice = UsernameFromCertificate.Choice.FIRST_CERTIFICATE;
    AuthenticationMethod authentication = AuthenticationMethod.AAA;
    Line authenticationLine;
    final List<Located<TunnelGroup.GroupAlias>> aliases = new ArrayList<>();
    final List<Located<TunnelGroup.GroupUrl>> urls = new ArrayList<>();

    TunnelGroupBuilder(String name) {
        this.name = name;
    }

    TunnelGroup build() {
        return new TunnelGroup(name, pools, Optional.ofNullable(policy), serverGroup,
                new UsernameFromCertificate(primary, secondary, choice), authentication,
                aliases.stream().map(Located::value).toList(), urls.stream().map(Located::value).toList());
    }
}
