package org.mcalab.conformance.robustness;

import java.nio.charset.StandardCharsets;
import org.mcalab.protocol.Requirement;

/** The injected bad clients of a soak, each with the refusal it must get. */
public enum BadInput {
    MALFORMED_XML("malformed XML", Requirement.MCA_ROB_1),
    XXE("external entity (XXE)", Requirement.MCA_ROB_1),
    BILLION_LAUGHS("billion laughs", Requirement.MCA_ROB_1),
    OVERSIZED("body over 64 KiB", Requirement.MCA_ROB_1),
    REPLAY("replayed auth-reply", Requirement.MCA_ROB_4),
    BAD_COOKIE("CONNECT with a made-up cookie", Requirement.MCA_FLOW_7);

    private final String label;
    private final Requirement expected;

    BadInput(String label, Requirement expected) {
        this.label = label;
        this.expected = expected;
    }

    public String label() {
        return label;
    }

    public Requirement expected() {
        return expected;
    }

    /** The body posted for the XML inputs. */
    public byte[] body(String groupAccess) {
        String head = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
        String init = "<config-auth client=\"vpn\" type=\"init\" aggregate-auth-version=\"2\"><version who=\"vpn\">v9.01-3"
                + "</version><capabilities><auth-method>multiple-cert</auth-method></capabilities><group-access>"
                + groupAccess + "</group-access></config-auth>\n";
        String text = switch (this) {
            case MALFORMED_XML -> head + init.substring(0, init.length() / 2);
            case XXE -> head + "<!DOCTYPE config-auth [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>\n"
                    + init.replace("v9.01-3", "&xxe;");
            case BILLION_LAUGHS -> {
                StringBuilder dtd = new StringBuilder("<!DOCTYPE config-auth [<!ENTITY l0 \"lol\">");
                for (int i = 1; i <= 9; i++) {
                    dtd.append("<!ENTITY l").append(i).append(" \"").append(("&l" + (i - 1) + ";").repeat(10)).append("\">");
                }
                yield head + dtd + "]>\n" + init.replace("v9.01-3", "&l9;");
            }
            case OVERSIZED -> head + init.replace("v9.01-3", "x".repeat(70 * 1024));
            default -> throw new IllegalStateException(this + " is not an XML body");
        };
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
