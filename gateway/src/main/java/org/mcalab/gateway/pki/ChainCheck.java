package org.mcalab.gateway.pki;

import static org.mcalab.protocol.Requirement.MCA_LIM_5;
import static org.mcalab.protocol.Requirement.MCA_LIM_6;
import static org.mcalab.protocol.Requirement.MCA_PKI_2;
import static org.mcalab.protocol.Requirement.MCA_PKI_3;
import static org.mcalab.protocol.Requirement.MCA_PKI_5;
import static org.mcalab.protocol.Requirement.MCA_PKI_6;

import java.util.List;
import org.mcalab.protocol.Requirement;

/**
 * The checks {@link CertificateValidator} runs on one presented certificate set, each named after the requirement
 * it enforces and refusing with that requirement's id only. The gateway runs {@link #ALL}; a lab gateway that
 * proves the conformance suite can fail is assembled with fewer, outside the gateway.
 *
 * <p>Finding a path to a trustpoint (MCA-PKI-1) and a set with no end-entity certificate at all (MCA-PKI-5) are not
 * checks here but the validation itself: without them there is no certificate to classify.
 */
public enum ChainCheck {
    /** MCA-PKI-5: at most the configured number of certificates, and exactly one end-entity certificate. */
    PKI5_SET_SIZE(MCA_PKI_5, Stage.SET, CertificateValidator::checkSetSize),
    /** MCA-PKI-5: every certificate of the set is on the path of its end-entity certificate. */
    PKI5_ONE_PATH(MCA_PKI_5, Stage.PATH, CertificateValidator::checkOnePath),
    /** MCA-LIM-5: RSA keys only, in the leaf and the intermediates the client sent. */
    LIM5_RSA_KEYS(MCA_LIM_5, Stage.PRESENTED, CertificateValidator::checkKeys),
    /** MCA-LIM-6: certificates signed with RSA and SHA-256/384/512. */
    LIM6_RSA_SHA2_SIGNATURES(MCA_LIM_6, Stage.PRESENTED, CertificateValidator::checkSignatureAlgorithms),
    /** MCA-PKI-6: the leaf may authenticate a client and sign. */
    PKI6_CLIENT_AUTH_KEY_USAGE(MCA_PKI_6, Stage.PRESENTED, CertificateValidator::checkKeyUsage),
    /** MCA-PKI-2: every certificate of the path and its anchor valid at the clock's time. */
    PKI2_VALIDITY(MCA_PKI_2, Stage.TIME, CertificateValidator::checkValidity),
    /** MCA-PKI-3: not revoked, as the trustpoint's {@code revocation-check} asks. */
    PKI3_REVOCATION(MCA_PKI_3, Stage.REVOCATION, CertificateValidator::checkRevocation);

    /** Every check, in the order the validator runs them: what the gateway enforces. */
    public static final List<ChainCheck> ALL = List.of(values());

    private final Requirement requirement;
    private final Stage stage;
    private final Body body;

    ChainCheck(Requirement requirement, Stage stage, Body body) {
        this.requirement = requirement;
        this.stage = stage;
        this.body = body;
    }

    public Requirement requirement() {
        return requirement;
    }

    Stage stage() {
        return stage;
    }

    void check(CertificateValidator validator, CertificateValidator.Chain chain) throws CertificateValidator.Stop {
        body.check(validator, chain);
    }

    /** The check itself: a method of the validator, beside the code it shares with the other checks. */
    private interface Body {
        void check(CertificateValidator validator, CertificateValidator.Chain chain) throws CertificateValidator.Stop;
    }

    /** Where in the validation a check runs: what is known of the set by then. */
    enum Stage {
        /** the de-duplicated set as presented */
        SET,
        /** the set sorted into a path from its one end-entity certificate */
        PATH,
        /** the part of the path the client is responsible for (below the configured CAs) */
        PRESENTED,
        /** anchored at a trustpoint (or a near miss whose time windows do not overlap) */
        TIME,
        /** anchored and in time */
        REVOCATION
    }
}
