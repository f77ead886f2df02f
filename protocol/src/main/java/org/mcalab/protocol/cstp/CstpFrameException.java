package org.mcalab.protocol.cstp;

import io.netty.handler.codec.DecoderException;
import org.mcalab.protocol.Refusal;
import org.mcalab.protocol.Requirement;

/** A malformed CSTP frame: closes that tunnel only (MCA-ROB-2). */
public final class CstpFrameException extends DecoderException {
    private final Refusal refusal;

    public CstpFrameException(String reason) {
        super(Requirement.MCA_ROB_2.id() + ": " + reason);
        this.refusal = new Refusal(Requirement.MCA_ROB_2, reason);
    }

    public Refusal refusal() {
        return refusal;
    }
}
