package org.mcalab.protocol.xml;

import org.mcalab.protocol.Refusal;
import org.mcalab.protocol.Requirement;

/** A body that is not an acceptable config-auth document (MCA-ROB-1). */
public final class ConfigAuthException extends Exception {
    private final Refusal refusal;

    public ConfigAuthException(String reason) {
        this(reason, null);
    }

    public ConfigAuthException(String reason, Throwable cause) {
        super(Requirement.MCA_ROB_1.id() + ": " + reason, cause);
        this.refusal = new Refusal(Requirement.MCA_ROB_1, reason);
    }

    public Refusal refusal() {
        return refusal;
    }
}
