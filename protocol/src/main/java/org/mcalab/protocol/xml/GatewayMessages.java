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
     *                          validated; without it openconnect re-inits (docs/protocol.md §5.5)
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
     * One entry of the group chooser ({@code tunnel-group-list enable}): openconnect sends {@code value} back as
     * {@code <group-select>} and matches {@code --authgroup} against it and the label (docs/protocol.md §5.4).
     *
     * @param value the tunnel group name
     * @param label the group alias the user sees
     */
    public record GroupChoice(String value, String label) {}

    /**
     * A username/password form (tunnel groups with {@code authentication aaa}).
     *
     * @param groups        the group chooser when {@code tunnel-group-list enable}; empty for none
     * @param selectedValue the tunnel group this form is for (its option is marked selected)
     * @param error         an error to show above the form (failed login), or null
     */
    public static byte[] passwordForm(OpaqueState opaque, String message, String error, List<GroupChoice> groups,
                                      String selectedValue) {
        StringBuilder b = new StringBuilder(open("auth-request")).append(opaque.xml());
        b.append("<auth id=\"main\">\n").append(Xml.element("title", "Login")).append('\n');
        b.append(Xml.element("message", message)).append('\n');
        if (error != null) {
            b.append(Xml.element("error", error)).append('\n');
        }
        b.append("<form>\n");
        b.append("<input type=\"text\" name=\"username\" label=\"Username:\"></input>\n");
        b.append("<input type=\"password\" name=\"password\" label=\"Password:\"></input>\n");
        appendGroupList(b, groups, selectedValue);
        b.append("</form>\n</auth>\n");
        return bytes(b);
    }

    /**
     * The login form of a request that named no tunnel group (the bare URL, no {@code <group-select>}): only the
     * group chooser. openconnect picks its {@code --authgroup} (or asks) and starts over with an init carrying
     * {@code <group-select>} (docs/protocol.md §5.4).
     */
    public static byte[] groupSelectForm(String message, List<GroupChoice> groups) {
        StringBuilder b = new StringBuilder(open("auth-request"));
        b.append("<auth id=\"main\">\n").append(Xml.element("title", "Login")).append('\n');
        b.append(Xml.element("message", message)).append('\n');
        b.append("<form>\n");
        appendGroupList(b, groups, null);
        b.append("</form>\n</auth>\n");
        return bytes(b);
    }

    private static void appendGroupList(StringBuilder b, List<GroupChoice> groups, String selectedValue) {
        if (groups.isEmpty()) {
            return;
        }
        b.append("<select name=\"group_list\" label=\"GROUP:\">\n");
        boolean marked = false;
        for (GroupChoice g : groups) {
            boolean selected = !marked && g.value().equals(selectedValue);
            marked |= selected;
            b.append("<option value=\"").append(Xml.esc(g.value())).append('"')
                    .append(selected ? " selected=\"true\"" : "").append('>')
                    .append(Xml.esc(g.label())).append("</option>\n");
        }
        b.append("</select>\n");
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
     * aborts, docs/protocol.md §7.1). The text carries the requirement id.
     */
    public static byte[] error(String errorText) {
        StringBuilder b = new StringBuilder(open("auth-request"));
        b.append("<auth id=\"main\">\n").append(Xml.element("title", "Login")).append('\n');
        b.append(Xml.element("error", errorText)).append('\n');
        b.append("</auth>\n");
        return bytes(b);
    }
}
