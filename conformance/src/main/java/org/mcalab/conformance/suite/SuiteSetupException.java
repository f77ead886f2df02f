package org.mcalab.conformance.suite;

/** The suite cannot run at all (target unreachable, PKI incomplete...): one line on stderr, exit 2. */
public final class SuiteSetupException extends RuntimeException {
    public SuiteSetupException(String message) {
        super(message);
    }
}
