package org.mcalab.conformance.mca;

/**
 * A step the scenario only needs as a premise failed (e.g. the login to be replayed was refused), so the
 * scenario proves nothing either way: the runner reports ERROR, never PASS.
 */
public final class ScenarioSetupException extends RuntimeException {
    public ScenarioSetupException(String message) {
        super(message);
    }
}
