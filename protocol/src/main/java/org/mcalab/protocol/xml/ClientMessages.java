package org.mcalab.protocol.xml;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/**
 * Client config-auth documents in the exact shape openconnect 9.01 sends (docs/protocol.md §5.1, §13):
 * XML declaration, newline, the whole element on one line, final newline.
 */
public final class ClientMessages {
    private ClientMessages() {}

    /**
     * Who the client says it is.
     *
     * @param capabilitiesCopies how many {@code capabilities} elements to write (2 reproduces early MCA builds, MCA-FLOW-8)
     */
    public record ClientInfo(String version, String deviceId, List<String> authMethods, int capabilitiesCopies) {
        public static ClientInfo openconnectLinux(boolean multipleCert) {
            return new ClientInfo("v9.01-3", "linux-64",
                    multipleCert ? List.of("single-sign-on-v2", "single-sign-on-external-browser", "multiple-cert")
                            : List.of("single-sign-on-v2", "single-sign-on-external-browser"), 1);
        }

        public static ClientInfo anyConnectWindows() {
            return new ClientInfo("4.4.01054", "win", List.of("single-sign-on", "multiple-cert"), 1);
        }

        String headXml() {
            StringBuilder b = new StringBuilder();
            b.append("<version who=\"vpn\">").append(Xml.esc(version)).append("</version>");
            b.append(Xml.element("device-id", deviceId));
            for (int i = 0; i < capabilitiesCopies; i++) {
                b.append("<capabilities>");
                for (String m : authMethods) {
                    b.append(Xml.element("auth-method", m));
                }
                b.append("</capabilities>");
            }
            return b.toString();
        }
    }

    /**
     * One {@code client-cert-chain} of an MCA reply.
     *
     * @param pkcs7Base64 null for the "sent via protocol" chain
     */
    public record Chain(String certStore, boolean sentViaProtocol, String pkcs7Base64, String hashAlgorithmChosen,
                        String signatureBase64) {
        public static Chain viaTls(String certStore) {
            return new Chain(certStore, true, null, null, null);
        }

        String xml() {
            StringBuilder b = new StringBuilder("<client-cert-chain cert-store=\"").append(Xml.esc(certStore)).append("\">");
            if (sentViaProtocol) {
                b.append("<client-cert-sent-via-protocol/>");
            }
            if (pkcs7Base64 != null) {
                b.append("<client-cert cert-format=\"pkcs7\">").append(Xml.esc(pkcs7Base64)).append("</client-cert>");
            }
            if (signatureBase64 != null) {
                b.append("<client-cert-auth-signature hash-algorithm-chosen=\"").append(Xml.esc(hashAlgorithmChosen))
                        .append("\">").append(Xml.esc(signatureBase64)).append("</client-cert-auth-signature>");
            }
            return b.append("</client-cert-chain>").toString();
        }
    }

    private static String open(String type) {
        return Xml.DECLARATION + "<config-auth client=\"vpn\" type=\"" + type + "\" aggregate-auth-version=\"2\">";
    }

    private static byte[] close(StringBuilder b) {
        return b.append("</config-auth>\n").toString().getBytes(StandardCharsets.UTF_8);
    }

    public static byte[] init(ClientInfo client, String groupAccess, String groupSelect, boolean clientCertFail) {
        StringBuilder b = new StringBuilder(open("init")).append(client.headXml());
        b.append(Xml.element("group-access", groupAccess));
        if (clientCertFail) {
            b.append("<client-cert-fail/>");
        }
        if (groupSelect != null) {
            b.append(Xml.element("group-select", groupSelect));
        }
        return close(b);
    }

    /** The MCA answer: echoed opaque (verbatim), then the chains (normally 1M via TLS + 1U with PKCS#7 and signature). */
    public static byte[] mcaAuthReply(ClientInfo client, String opaqueXml, List<Chain> chains) {
        StringBuilder b = new StringBuilder(open("auth-reply")).append(client.headXml());
        b.append("<session-token/><session-id/>");
        if (opaqueXml != null) {
            b.append(opaqueXml);
        }
        b.append("<auth>");
        chains.forEach(c -> b.append(c.xml()));
        b.append("</auth>");
        return close(b);
    }

    /** A form answer with username and password (and the group chooser's choice, sent as group-select). */
    public static byte[] passwordReply(ClientInfo client, String opaqueXml, String username, String password,
                                       String groupSelect) {
        StringBuilder b = new StringBuilder(open("auth-reply")).append(client.headXml());
        if (opaqueXml != null) {
            b.append(opaqueXml);
        }
        if (groupSelect != null) {
            b.append(Xml.element("group-select", groupSelect));
        }
        b.append("<auth>").append(Xml.element("username", username)).append(Xml.element("password", password)).append("</auth>");
        return close(b);
    }

    /** Base64 as openconnect writes it: a line feed after every 64 characters, none after the last line. */
    public static String base64Lines(byte[] data) {
        return Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(data);
    }
}
