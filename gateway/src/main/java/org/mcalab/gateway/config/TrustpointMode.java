package org.mcalab.gateway.config;

import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** {@code crypto ca trustpoint NAME} and its sub-commands. */
final class TrustpointMode extends Mode {
    static final Form ENROLLMENT = new Form("enrollment", "enrollment terminal|self|url URL");
    static final Form CRL_CONFIGURE = new Form("crl configure", "crl configure");
    static final Form REVOCATION = new Form("revocation-check", "revocation-check crl|ocsp|none [crl|ocsp|none ...]");
    static final Form KEYPAIR = new Form("keypair", "keypair NAME");
    static final Form SUBJECT = new Form("subject-name", "subject-name DN");
    static final Form FQDN = new Form("fqdn", "fqdn NAME|none");

    static final class Builder {
        final String name;
        final Line declared;
        String enrollment;
        List<RevocationMethod> revocation = List.of();
        String keypair;
        String subjectName;
        String fqdn;

        Builder(String name, Line declared) {
            this.name = name;
            this.declared = declared;
        }

        Trustpoint build(List<X509Certificate> caCertificates, Optional<X509Certificate> identity) {
            return new Trustpoint(name, Optional.ofNullable(enrollment), revocation, Optional.ofNullable(keypair),
                    Optional.ofNullable(subjectName), Optional.ofNullable(fqdn), caCertificates, identity);
        }
    }

    private final Builder builder;

    TrustpointMode(Builder builder) {
        this.builder = builder;
        on("enrollment", (line, modes) -> {
            if (line.size() == 2 && (line.is(1, "terminal") || line.is(1, "self"))) {
                builder.enrollment = line.word(1).toLowerCase(Locale.ROOT);
            } else if (line.size() == 3 && line.is(1, "url")) {
                builder.enrollment = "url " + line.word(2);
            } else {
                throw ENROLLMENT.fail(line);
            }
        });
        on("crl configure", (line, modes) -> {
            CRL_CONFIGURE.size(line, 2);
            // The seed uses `crl configure` as its way of asking for CRL checking (requirement MCA-PKI-3),
            // so it turns CRL checking on unless revocation-check already said how to check.
            if (builder.revocation.isEmpty()) {
                builder.revocation = List.of(RevocationMethod.CRL);
            }
            modes.pushUnsupportedSubMode("crl configure");
        });
        on("revocation-check", (line, modes) -> {
            REVOCATION.size(line, 2, 4);
            List<RevocationMethod> methods = new ArrayList<>();
            for (String w : line.words().subList(1, line.size())) {
                RevocationMethod m = switch (w.toLowerCase(Locale.ROOT)) {
                    case "crl" -> RevocationMethod.CRL;
                    case "ocsp" -> RevocationMethod.OCSP;
                    case "none" -> RevocationMethod.NONE;
                    default -> throw REVOCATION.fail(line, "unknown method '" + w + "'");
                };
                if (methods.contains(m)) {
                    throw REVOCATION.fail(line, "method '" + w + "' given twice");
                }
                methods.add(m);
            }
            // "revocation-check none" alone means no check at all.
            builder.revocation = methods.equals(List.of(RevocationMethod.NONE)) ? List.of() : List.copyOf(methods);
        });
        on("keypair", (line, modes) -> {
            KEYPAIR.size(line, 2);
            builder.keypair = line.word(1);
        });
        on("subject-name", (line, modes) -> {
            SUBJECT.size(line, 2, Integer.MAX_VALUE);
            builder.subjectName = line.rest(1);
        });
        on("fqdn", (line, modes) -> {
            FQDN.size(line, 2);
            builder.fqdn = line.is(1, "none") ? null : line.word(1);
        });
    }

    @Override
    String describe() {
        return "crypto ca trustpoint " + builder.name;
    }
}
