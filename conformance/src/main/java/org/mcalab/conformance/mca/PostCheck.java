package org.mcalab.conformance.mca;

import java.io.IOException;
import java.util.List;
import org.mcalab.client.mca.Challenge;
import org.mcalab.protocol.Requirement;

/**
 * What is looked at after a behaviour ran, whatever the gateway answered (scenarios/README.md, "Expectations and
 * verdicts"): a post-check adds violations citing its requirement and never changes the observed outcome, so it fails
 * a scenario even when the expectation was met. A behaviour declares the post-checks it needs.
 */
public enum PostCheck {
    /** The mapped username and tunnel group come from the configuration, never from what the client wrote. */
    BINDING(Requirement.MCA_PKI_7, (a, o) -> Flows.bindingViolations(a, o, a.tls())),
    /** After hostile input the gateway still answers a well-behaved init with an MCA request. */
    STILL_SERVES(Requirement.MCA_ROB_1, PostCheck::stillServes);

    private interface Look {
        List<String> violations(Attempt a, Observation o) throws IOException;
    }

    private final Requirement requirement;
    private final Look look;

    PostCheck(Requirement requirement, Look look) {
        this.requirement = requirement;
        this.look = look;
    }

    public Requirement requirement() {
        return requirement;
    }

    /** The observation with this check's violations added. */
    Observation apply(Attempt a, Observation o) throws IOException {
        return o.withViolations(look.violations(a, o));
    }

    private static List<String> stillServes(Attempt a, Observation o) throws IOException {
        Challenge alive = a.init(a.tlsIdentity(), a.profile().clientInfo(), null, false);
        if (!alive.isMcaRequest()) {
            return List.of(Requirement.MCA_ROB_1.id() + ": the gateway stopped serving after the bad input (next init: HTTP "
                    + alive.response().status() + ")");
        }
        a.transcript().note("the gateway still serves: the next init got an MCA request");
        return List.of();
    }
}
