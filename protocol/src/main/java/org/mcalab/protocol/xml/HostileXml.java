package org.mcalab.protocol.xml;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.mcalab.protocol.xml.ClientMessages.ClientInfo;

/**
 * The hostile init bodies a conformant gateway answers with a clear MCA-ROB-1 error (docs/protocol.md §5): the one set
 * the conformance scenarios, the robustness probes and the soak's bad clients all post.
 */
public enum HostileXml {
    /** An init cut off in the middle of an element. */
    MALFORMED("malformed XML"),
    /** An init over the 64 KiB limit (a 70 KiB device-id). */
    OVERSIZED("body over 64 KiB"),
    /** An external entity reading /etc/passwd into the device-id. */
    XXE("external entity (XXE)"),
    /** Nine levels of ten-fold entity expansion in the device-id. */
    BILLION_LAUGHS("billion laughs");

    private static final String HEAD = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";

    private final String label;

    HostileXml(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** The body, for the tunnel group whose {@code <group-access>} URL is {@code groupAccess}. */
    public byte[] body(String groupAccess) {
        return switch (this) {
            case MALFORMED -> (HEAD + "<config-auth client=\"vpn\" type=\"init\" aggregate-auth-version=\"2\">"
                    + "<version who=\"vpn\">v9.01-3</version><capabil").getBytes(StandardCharsets.UTF_8);
            case OVERSIZED -> ClientMessages.init(new ClientInfo("v9.01-3", "x".repeat(70 * 1024), List.of("multiple-cert"), 1),
                    groupAccess, null, false);
            case XXE -> withDoctype("<!DOCTYPE config-auth [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>\n", "&xxe;",
                    groupAccess);
            case BILLION_LAUGHS -> withDoctype(billionLaughs(), "&lol9;", groupAccess);
        };
    }

    private static byte[] withDoctype(String doctype, String deviceId, String groupAccess) {
        return (HEAD + doctype + "<config-auth client=\"vpn\" type=\"init\" aggregate-auth-version=\"2\">"
                + "<version who=\"vpn\">v9.01-3</version><device-id>" + deviceId + "</device-id><capabilities><auth-method>"
                + "multiple-cert</auth-method></capabilities><group-access>" + groupAccess + "</group-access></config-auth>\n")
                .getBytes(StandardCharsets.UTF_8);
    }

    private static String billionLaughs() {
        StringBuilder dtd = new StringBuilder("<!DOCTYPE config-auth [\n<!ENTITY lol \"lol\">\n");
        String previous = "lol";
        for (int i = 1; i <= 9; i++) {
            String name = "lol" + i;
            dtd.append("<!ENTITY ").append(name).append(" \"").append(("&" + previous + ";").repeat(10)).append("\">\n");
            previous = name;
        }
        return dtd.append("]>\n").toString();
    }
}
