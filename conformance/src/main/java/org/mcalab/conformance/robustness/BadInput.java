package org.mcalab.conformance.robustness;

import org.mcalab.protocol.Requirement;
import org.mcalab.protocol.xml.HostileXml;

/** The injected bad clients of a soak, each with the refusal it must get. */
public enum BadInput {
    MALFORMED_XML(HostileXml.MALFORMED),
    XXE(HostileXml.XXE),
    BILLION_LAUGHS(HostileXml.BILLION_LAUGHS),
    OVERSIZED(HostileXml.OVERSIZED),
    REPLAY("replayed auth-reply", Requirement.MCA_ROB_4),
    BAD_COOKIE("CONNECT with a made-up cookie", Requirement.MCA_FLOW_7);

    private final String label;
    private final Requirement expected;
    private final HostileXml xml;

    BadInput(HostileXml xml) {
        this(xml.label(), Requirement.MCA_ROB_1, xml);
    }

    BadInput(String label, Requirement expected) {
        this(label, expected, null);
    }

    BadInput(String label, Requirement expected, HostileXml xml) {
        this.label = label;
        this.expected = expected;
        this.xml = xml;
    }

    public String label() {
        return label;
    }

    public Requirement expected() {
        return expected;
    }

    /** The body posted for the XML inputs (the same the conformance scenarios post, {@link HostileXml}). */
    public byte[] body(String groupAccess) {
        if (xml == null) {
            throw new IllegalStateException(this + " is not an XML body");
        }
        return xml.body(groupAccess);
    }
}
