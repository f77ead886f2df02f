package org.mcalab.gateway.config;

import java.util.Optional;

/** {@code tunnel-group NAME general-attributes}. */
final class TunnelGroupGeneralMode extends Mode {
    static final Form ADDRESS_POOL = new Form("address-pool", "address-pool [(IFNAME)] POOL [POOL ...]");
    static final Form POLICY = new Form("default-group-policy", "default-group-policy NAME");
    static final Form SERVER_GROUP = new Form("authentication-server-group", "authentication-server-group LOCAL|NAME [LOCAL]");
    static final Form USERNAME = new Form("username-from-certificate",
            "username-from-certificate CN|OU|O|UID|EA|UPN|... [SECONDARY]|use-entire-name");
    static final Form CHOICE = new Form("username-from-certificate-choice",
            "username-from-certificate-choice first-certificate|second-certificate");

    private final TunnelGroupBuilder builder;

    TunnelGroupGeneralMode(TunnelGroupBuilder builder) {
        this.builder = builder;
        on("address-pool", (line, modes) -> {
            int first = line.word(1).startsWith("(") ? 2 : 1;
            ADDRESS_POOL.size(line, first + 1, first + 6);
            builder.pools = line.words().subList(first, line.size());
            builder.poolsLine = line;
        });
        on("default-group-policy", (line, modes) -> {
            POLICY.size(line, 2);
            builder.policy = line.word(1);
            builder.policyLine = line;
        });
        on("authentication-server-group", (line, modes) -> {
            SERVER_GROUP.size(line, 2, 3);
            if (line.size() == 3 && !line.is(2, "LOCAL")) {
                throw SERVER_GROUP.fail(line);
            }
            builder.serverGroup = line.is(1, "LOCAL") ? "LOCAL" : line.word(1);
        });
        on("username-from-certificate", (line, modes) -> {
            USERNAME.size(line, 2, 3);
            if (line.is(1, "use-script")) {
                // Fail rather than silently fall back to CN: the username would not be the one asked for.
                throw USERNAME.fail(line, "use-script is not supported");
            }
            CertificateAttribute primary = CertificateAttribute.fromKeyword(line.word(1))
                    .orElseThrow(() -> USERNAME.fail(line, "unknown attribute '" + line.word(1) + "'"));
            Optional<CertificateAttribute> secondary = Optional.empty();
            if (line.size() == 3) {
                secondary = Optional.of(CertificateAttribute.fromKeyword(line.word(2))
                        .filter(a -> a != CertificateAttribute.ENTIRE_NAME)
                        .orElseThrow(() -> USERNAME.fail(line, "unknown attribute '" + line.word(2) + "'")));
            }
            if (primary == CertificateAttribute.ENTIRE_NAME && secondary.isPresent()) {
                throw USERNAME.fail(line, "use-entire-name takes no secondary attribute");
            }
            builder.primary = primary;
            builder.secondary = secondary;
        });
        on("username-from-certificate-choice", (line, modes) -> {
            CHOICE.size(line, 2);
            if (line.is(1, "first-certificate")) {
                builder.choice = UsernameFromCertificate.Choice.FIRST_CERTIFICATE;
            } else if (line.is(1, "second-certificate")) {
                builder.choice = UsernameFromCertificate.Choice.SECOND_CERTIFICATE;
            } else {
                throw CHOICE.fail(line);
            }
        });
    }

    @Override
    String describe() {
        return "tunnel-group " + builder.name + " general-attributes";
    }
}
