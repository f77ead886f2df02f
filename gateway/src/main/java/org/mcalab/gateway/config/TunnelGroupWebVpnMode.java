package org.mcalab.gateway.config;

import java.net.URI;
import java.net.URISyntaxException;

/** {@code tunnel-group NAME webvpn-attributes}. */
final class TunnelGroupWebVpnMode extends Mode {
    static final Form AUTHENTICATION = new Form("authentication",
            "authentication multiple-certificate|certificate|aaa|aaa certificate");
    static final Form ALIAS = new Form("group-alias", "group-alias NAME [enable|disable]");
    static final Form URL = new Form("group-url", "group-url URL [enable|disable]");

    private final TunnelGroupBuilder builder;

    TunnelGroupWebVpnMode(TunnelGroupBuilder builder) {
        this.builder = builder;
        on("authentication", (line, modes) -> {
            String method = line.rest(1).toLowerCase(java.util.Locale.ROOT).replaceAll("\\s+", " ");
            // Other ASA methods (saml, "multiple-certificate aaa") are refused rather than ignored: a
            // group silently falling back to the aaa default would let a password in where the
            // administrator asked for certificates (requirement MCA-LIM-2).
            AuthenticationMethod chosen = switch (method) {
                case "multiple-certificate" -> AuthenticationMethod.MULTIPLE_CERTIFICATE;
                case "certificate" -> AuthenticationMethod.CERTIFICATE;
                case "aaa" -> AuthenticationMethod.AAA;
                case "aaa certificate", "certificate aaa" -> AuthenticationMethod.AAA_CERTIFICATE;
                default -> throw AUTHENTICATION.fail(line, method.isEmpty() ? "method missing"
                        : "'" + method + "' is not supported");
            };
            // A second webvpn-attributes block must not quietly turn an MCA group into a password group (MCA-LIM-2).
            Line earlier = builder.authenticationLine;
            if (earlier != null && chosen != builder.authentication) {
                throw AsaConfigException.conflict(line.number(), line.text(), AUTHENTICATION.command(),
                        "tunnel group " + builder.name + " already has 'authentication "
                                + builder.authentication.keywords() + "' at line " + earlier.number()
                                + "; a group has one authentication method");
            }
            builder.authentication = chosen;
            builder.authenticationLine = line;
        });
        on("group-alias", (line, modes) -> {
            ALIAS.size(line, 2, 3);
            TunnelGroup.GroupAlias alias = new TunnelGroup.GroupAlias(line.word(1), enabled(line, ALIAS));
            builder.aliases.removeIf(a -> a.value().name().equals(alias.name()));
            builder.aliases.add(new Located<>(alias, line));
        });
        on("group-url", (line, modes) -> {
            URL.size(line, 2, 3);
            URI url = absoluteUrl(line);
            TunnelGroup.GroupUrl groupUrl = new TunnelGroup.GroupUrl(url, enabled(line, URL));
            builder.urls.removeIf(u -> u.value().url().equals(url));
            builder.urls.add(new Located<>(groupUrl, line));
        });
    }

    private static boolean enabled(Line line, Form form) {
        if (line.size() == 2 || line.is(2, "enable")) {
            return true;
        }
        if (line.is(2, "disable")) {
            return false;
        }
        throw form.fail(line);
    }

    private static URI absoluteUrl(Line line) {
        URI url;
        try {
            url = new URI(line.word(1));
        } catch (URISyntaxException e) {
            throw URL.fail(line, "not a URL: " + e.getReason());
        }
        String scheme = url.getScheme();
        if (scheme == null || !(scheme.equalsIgnoreCase("https") || scheme.equalsIgnoreCase("http")) || url.getHost() == null) {
            throw URL.fail(line, "the group-url must be an absolute http(s) URL with a host");
        }
        return url;
    }

    @Override
    String describe() {
        return "tunnel-group " + builder.name + " webvpn-attributes";
    }
}
