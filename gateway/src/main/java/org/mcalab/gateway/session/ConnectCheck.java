package org.mcalab.gateway.session;

import static org.mcalab.protocol.Requirement.MCA_FLOW_7;

import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;
import org.mcalab.protocol.Requirement;

/**
 * The checks a tunnel CONNECT's cookie passes beyond naming an active session (without one there is nothing to
 * check), each named after the requirement it enforces. The gateway runs {@link #ALL}; a lab gateway that proves the
 * conformance suite can fail is assembled with fewer, outside the gateway.
 */
public enum ConnectCheck {
    /** MCA-FLOW-7: a session made with a TLS client certificate is used only over a connection presenting it. */
    FLOW7_COOKIE_BOUND_TO_CERTIFICATE(MCA_FLOW_7) {
        @Override
        public Optional<String> refusal(Session session, List<X509Certificate> peerChain) {
            return session.connectRefusal(peerChain);
        }
    };

    /** Every check: what the gateway enforces. */
    public static final List<ConnectCheck> ALL = List.of(values());

    private final Requirement requirement;

    ConnectCheck(Requirement requirement) {
        this.requirement = requirement;
    }

    public Requirement requirement() {
        return requirement;
    }

    /** Why this CONNECT may not use {@code session}, or empty. */
    public abstract Optional<String> refusal(Session session, List<X509Certificate> peerChain);
}
