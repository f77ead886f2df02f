package org.mcalab.gateway.auth;

import static org.mcalab.protocol.Requirement.MCA_FLOW_3;
import static org.mcalab.protocol.Requirement.MCA_LIM_1;
import static org.mcalab.protocol.Requirement.MCA_LIM_3;
import static org.mcalab.protocol.Requirement.MCA_LIM_4;
import static org.mcalab.protocol.Requirement.MCA_LIM_6;
import static org.mcalab.protocol.Requirement.MCA_PKI_1;
import static org.mcalab.protocol.Requirement.MCA_PKI_4;
import static org.mcalab.protocol.Requirement.MCA_ROB_4;

import java.util.List;
import org.mcalab.gateway.pki.ValidatedCertificate.CertificateKind;
import org.mcalab.protocol.Requirement;

/**
 * The checks {@link McaVerifier} runs on one auth-reply, each named after the requirement it enforces and refusing
 * with that requirement's id only (the certificate sets' own checks are {@link org.mcalab.gateway.pki.ChainCheck}).
 * The gateway runs {@link #ALL}; a lab gateway that proves the conformance suite can fail is assembled with fewer,
 * outside the gateway.
 *
 * <p>Not checks here but the verification itself: a reply with no second certificate at all (MCA-LIM-1), unreadable
 * base64 or PKCS#7 (MCA-PKI-4), and the username from the certificate (MCA-FLOW-6, MCA-PKI-7).
 */
public enum ReplyCheck {
    /** MCA-LIM-1: the first certificate is proven by this TLS handshake, not by an XML element. */
    LIM1_TLS_CERTIFICATE(MCA_LIM_1, Stage.TLS) {
        @Override
        void check(ReplyFacts f) throws McaVerifier.Stop {
            if (f.tlsChain.isEmpty()) {
                throw refuse("only one certificate: no TLS client certificate was presented on this connection "
                        + "(client-cert-sent-via-protocol proves nothing)");
            }
        }
    },
    /** MCA-LIM-1: exactly one XML certificate chain; a third certificate is not accepted. */
    LIM1_ONE_XML_CHAIN(MCA_LIM_1, Stage.REPLY) {
        @Override
        void check(ReplyFacts f) throws McaVerifier.Stop {
            if (f.xmlChains.size() > 1) {
                throw refuse("a third certificate is not accepted: the auth-reply carries " + f.xmlChains.size()
                        + " client-cert chains, exactly one is allowed");
            }
        }
    },
    /** MCA-FLOW-3: the second certificate as cert-format="pkcs7" with a signature and its hash-algorithm-chosen. */
    FLOW3_PKCS7_SHAPE(MCA_FLOW_3, Stage.REPLY) {
        @Override
        void check(ReplyFacts f) throws McaVerifier.Stop {
            if (blank(f.chain.certBase64())) {
                throw refuse("the second certificate is missing: client-cert-chain has no client-cert");
            }
            if (!"pkcs7".equals(f.chain.certFormat())) {
                throw refuse("the second certificate must be sent as cert-format=\"pkcs7\", not \""
                        + (f.chain.certFormat() == null ? "" : f.chain.certFormat()) + "\"");
            }
            if (blank(f.chain.signatureBase64())) {
                throw refuse("the second certificate comes without client-cert-auth-signature");
            }
            if (f.chain.hashAlgorithmChosen() == null) {
                throw refuse("client-cert-auth-signature has no hash-algorithm-chosen attribute");
            }
        }
    },
    /** MCA-LIM-6: the chosen hash is one the gateway offered (exact, lowercase). */
    LIM6_OFFERED_HASH(MCA_LIM_6, Stage.REPLY) {
        @Override
        void check(ReplyFacts f) throws McaVerifier.Stop {
            List<String> offered = f.info.offeredHashes();
            if (!offered.contains(f.chosen)) {
                throw refuse((f.chosen.isEmpty() ? "hash-algorithm-chosen is empty"
                        : "hash-algorithm-chosen \"" + f.chosen + "\" was not offered")
                        + "; the gateway offered " + String.join(", ", offered));
            }
        }
    },
    /** MCA-ROB-4: the reply comes with the TLS certificate the init came with, when the init had one. */
    ROB4_SAME_TLS_CERTIFICATE(MCA_ROB_4, Stage.PARSED) {
        @Override
        void check(ReplyFacts f) throws McaVerifier.Stop {
            if (f.info.initTlsCert() != null && !f.tlsChain.isEmpty() && !f.info.initTlsCert().equals(f.tlsChain.get(0))) {
                throw refuse("auth-reply came with a different TLS certificate than the init");
            }
        }
    },
    /** MCA-LIM-1: two certificates are two certificates and two keys. */
    LIM1_TWO_CERTIFICATES_TWO_KEYS(MCA_LIM_1, Stage.PARSED) {
        @Override
        void check(ReplyFacts f) throws McaVerifier.Stop {
            if (!f.tlsChain.isEmpty()) {
                McaVerifier.distinct(f.tlsChain.get(0), f.userSet);
            }
        }
    },
    /** MCA-PKI-1: where a machine certificate is due in the TLS position, a user certificate is a trustpoint defect. */
    PKI1_TLS_CERTIFICATE_KIND(MCA_PKI_1, Stage.FIRST) {
        @Override
        void check(ReplyFacts f) throws McaVerifier.Stop {
            if (f.tlsKinds.contains(CertificateKind.MACHINE) && !f.tlsKinds.contains(f.first.kind())) {
                throw refuse(McaVerifier.wrongTlsKind(f));
            }
        }
    },
    /** MCA-LIM-4: where the group allows only user certificates in the TLS position, a machine one is refused. */
    LIM4_TLS_CERTIFICATE_KIND(MCA_LIM_4, Stage.FIRST) {
        @Override
        void check(ReplyFacts f) throws McaVerifier.Stop {
            if (!f.tlsKinds.contains(CertificateKind.MACHINE) && !f.tlsKinds.contains(f.first.kind())) {
                throw refuse(McaVerifier.wrongTlsKind(f));
            }
        }
    },
    /** MCA-LIM-3: two machine certificates are not supported. */
    LIM3_NOT_TWO_MACHINE_CERTIFICATES(MCA_LIM_3, Stage.SECOND) {
        @Override
        void check(ReplyFacts f) throws McaVerifier.Stop {
            if (f.second.kind() == CertificateKind.MACHINE) {
                throw refuse("two machine certificates are not supported: the user certificate chains to machine "
                        + "trustpoint " + f.second.trustpoint());
            }
        }
    },
    /** MCA-LIM-6: a signature that verifies only with another hash than the declared one. */
    LIM6_DECLARED_HASH(MCA_LIM_6, Stage.SIGNATURE) {
        @Override
        void check(ReplyFacts f) throws McaVerifier.Stop {
            if (f.signedWith.isPresent() && !f.signedWith.get().equals(f.chosen)) {
                throw refuse("declared " + f.chosen + " but the signature uses " + f.signedWith.get());
            }
        }
    },
    /** MCA-PKI-4: the signature was made by the user certificate's key over the exact saved auth-request. */
    PKI4_SIGNATURE(MCA_PKI_4, Stage.SIGNATURE) {
        @Override
        void check(ReplyFacts f) throws McaVerifier.Stop {
            byte[] signed = f.info.savedRequest();
            if (signed == null || signed.length == 0) {
                throw refuse("there is no saved auth-request to verify the signature against");
            }
            if (f.signedWith.isEmpty()) {
                throw refuse("the signature does not verify: it was not made by the user certificate's key over the "
                        + "exact auth-request this gateway sent");
            }
        }
    };

    /** Every check, in the order the verifier runs them: what the gateway enforces. */
    public static final List<ReplyCheck> ALL = List.of(values());

    private final Requirement requirement;
    private final Stage stage;

    ReplyCheck(Requirement requirement, Stage stage) {
        this.requirement = requirement;
        this.stage = stage;
    }

    public Requirement requirement() {
        return requirement;
    }

    Stage stage() {
        return stage;
    }

    abstract void check(ReplyFacts facts) throws McaVerifier.Stop;

    /** A refusal under this check's own requirement id. */
    McaVerifier.Stop refuse(String reason) {
        return new McaVerifier.Stop(requirement, reason);
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    /** Where in the verification a check runs: what {@link ReplyFacts} holds by then. */
    enum Stage {
        /** the TLS chain only */
        TLS,
        /** the reply's XML chains and the chosen hash */
        REPLY,
        /** the PKCS#7 set, read */
        PARSED,
        /** the TLS certificate, validated */
        FIRST,
        /** the PKCS#7 certificate, validated */
        SECOND,
        /** the digest the signature verifies with */
        SIGNATURE
    }
}
