package org.mcalab.protocol.xml;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The gateway's config-auth documents, as exact bytes. The MCA auth-request is signed by the client
 * byte for byte (MCA-FLOW-2), so it is built as text and the bytes returned here are the bytes sent.
 */
public final class GatewayMessages {
    /** The hash list of the seed's auth-request, in its order. */
    public static final List<String> MCA_HASHES = List.of("sha256", "sha384", "sha512");

    private GatewayMessages() {}

    /** What the gateway puts in {@code <opaque>} and expects back. */
    public record OpaqueState(String tunnelGroup, String aggauthHandle, String authMethod, String configHash) {
        String xml() {
            return "<opaque is-for=\"sg\">\n"
                    + Xml.element("tunnel-group", tunnelGroup) + "\n"
                    + Xml.element("aggauth-handle", aggauthHandle) + "\n"
                    + Xml.element("auth-method", authMethod) + "\n"
                    + Xml.element("config-hash", configHash) + "\n"
                    + "</opaque>\n";
        }
    }

    private static String open(String type) {
        return Xml.DECLARATION + "<config-auth client=\"vpn\" type=\"" + type + "\" aggregate-auth-version=\"2\">\n";
    }

    private static byte[] bytes(StringBuilder b) {
        return b.append("</config-auth>\n").toString().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * The MCA challenge (seed "Generating multiple certificate request").
     *
     * @param certAuthenticated true only when the TLS client certificate of this connection was received and
     *                          validated; without it openconnect re-inits (protocol doc §4.6)
     */
    public static byte[] mcaAuthRequest(OpaqueState opaque, List<String> hashAlgorithms, String randomHex,
                                        boolean certAuthenticated) {
        StringBuilder b = new StringBuilder(open("auth-request")).append(opaque.xml());
        b.append("<multiple-client-cert-request>\n");
        for (String h : hashAlgorithms) {
            b.append(Xml.element("hash-algorithm", h)).append('\n');
        }
        b.append("</multiple-client-cert-request>\n");
        b.append(Xml.element("random", randomHex)).append('\n');
        if (certAuthenticated) {
            b.append("<cert-authenticated></cert-authenticated>\n");
        }
        return bytes(b);
    }

    /**
     * A username/password form (tunnel groups with {@code authentication aaa}).
     *
     * @param groupAliases aliases for the group chooser when {@code tunnel-group-list enable}; empty for none
     * @param error        an error to show above the form (failed login), or null
     */
    public static byte[] passwordForm(OpaqueState opaque, String message, String error, List<String> groupAliases,
                                      String selectedAlias) {
        StringBuilder b = new StringBuilder(open("auth-request")).append(opaque.xml());
        b.append("<auth id=\"main\">\n").append(Xml.element("title", "Login")).append('\n');
        b.append(Xml.element("message", message)).append('\n');
        if (error != null) {
            b.append(Xml.element("error", error)).append('\n');
        }
        b.append("<form>\n");
        b.append("<input type=\"text\" name=\"username\" label=\"Username:\"></input>\n");
        b.append("<input type=\"password\" name=\"password\" label=\"Password:\"></input>\n");
        if (!groupAliases.isEmpty()) {
            b.append("<select name=\"group_list\" label=\"GROUP:\">\n");
            for (String alias : groupAliases) {
                b.append("<option").append(alias.equals(selectedAlias) ? " selected=\"true\"" : "").append('>')
                        .append(Xml.esc(alias)).append("</option>\n");
            }
            b.append("</select>\n");
        }
        b.append("</form>\n</auth>\n");
        return bytes(b);
    }

    /** "Send a TLS client certificate" (certificate-only groups reached without one). */
    public static byte[] clientCertRequest(String message) {
        StringBuilder b = new StringBuilder(open("auth-request"));
        b.append("<client-cert-request></client-cert-request>\n");
        b.append("<auth id=\"main\">\n").append(Xml.element("message", message)).append("\n</auth>\n");
        return bytes(b);
    }

    /** Success: the session token becomes openconnect's {@code webvpn} cookie. */
    public static byte[] complete(String sessionId, String sessionToken, String banner) {
        StringBuilder b = new StringBuilder(open("complete"));
        b.append(Xml.element("session-id", sessionId)).append('\n');
        b.append(Xml.element("session-token", sessionToken)).append('\n');
        b.append("<auth id=\"success\">\n");
        b.append("<message id=\"0\" param1=\"\" param2=\"\"></message>\n");
        if (banner != null && !banner.isEmpty()) {
            b.append(Xml.element("banner", banner)).append('\n');
        }
        b.append("</auth>\n");
        return bytes(b);
    }

    /**
     * A refusal the client shows and stops on: an auth node with an error and no inputs (openconnect
     * aborts, protocol doc §4.5). The text carries the requirement id.
     */
    public static byte[] error(String errorText) {
        StringBuilder b = new StringBuilder(open("auth-request"));
        b.append("<auth id=\"main\">\n").append(Xml.element("title", "Login")).append('\n');
        b.append(Xml.element("error", errorText)).append('\n');
        b.append("</auth>\n");
        return bytes(b);
    }
}
