package org.mcalab.protocol;

import java.util.Arrays;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The requirement catalogue ({@code scenarios/requirements.yaml}, docs/protocol.md §1.3) as a value. Ids never change meaning.
 * A refusal on the wire carries the id as text ("MCA-LIM-5: non-RSA key ..."), which is why the
 * enum lives in protocol: gateway, client, conformance and CLI all read and write that text.
 */
public enum Requirement {
    MCA_FLOW_1, MCA_FLOW_2, MCA_FLOW_3, MCA_FLOW_4, MCA_FLOW_5, MCA_FLOW_6, MCA_FLOW_7, MCA_FLOW_8,
    MCA_LIM_1, MCA_LIM_2, MCA_LIM_3, MCA_LIM_4, MCA_LIM_5, MCA_LIM_6, MCA_LIM_7,
    MCA_PKI_1, MCA_PKI_2, MCA_PKI_3, MCA_PKI_4, MCA_PKI_5, MCA_PKI_6, MCA_PKI_7,
    MCA_SES_1, MCA_SES_2, MCA_SES_3, MCA_SES_4, MCA_SES_5,
    MCA_ROB_1, MCA_ROB_2, MCA_ROB_3, MCA_ROB_4;

    private static final Pattern ID_IN_TEXT = Pattern.compile("\\b(MCA-(?:FLOW|LIM|PKI|SES|ROB)-\\d+)\\b");

    /** The id as written in requirements.yaml, e.g. {@code MCA-LIM-5}. */
    public String id() {
        return name().replace('_', '-');
    }

    public static Requirement fromId(String id) {
        return valueOf(id.trim().toUpperCase().replace('-', '_'));
    }

    public static Optional<Requirement> find(String id) {
        return Arrays.stream(values()).filter(r -> r.id().equalsIgnoreCase(id.trim())).findFirst();
    }

    /** The first requirement id quoted in a free text (an error message, a log line), if any. */
    public static Optional<Requirement> citedIn(String text) {
        if (text == null) {
            return Optional.empty();
        }
        Matcher m = ID_IN_TEXT.matcher(text);
        return m.find() ? find(m.group(1)) : Optional.empty();
    }

    @Override
    public String toString() {
        return id();
    }
}
