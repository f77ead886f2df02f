package org.mcalab.gateway.auth;

import org.mcalab.gateway.pki.ValidatedCertificate;
import org.mcalab.protocol.Refusal;

/** The verdict on one MCA auth-reply. */
public sealed interface McaOutcome {
    /** Both certificates valid and the signature verified; {@code username} from the configured certificate (MCA-FLOW-6). */
    record Accepted(String username, ValidatedCertificate first, ValidatedCertificate second, String hashAlgorithm)
            implements McaOutcome {}

    record Refused(Refusal refusal) implements McaOutcome {}
}
