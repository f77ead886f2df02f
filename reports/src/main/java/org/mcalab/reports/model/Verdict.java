package org.mcalab.reports.model;

/**
 * CONFORMANT: every MUST requirement was verified by a scenario that ran and passed, and every robustness probe passed.
 * NON_CONFORMANT: a scenario failed or a robustness probe failed. INCOMPLETE: nothing failed, but something could not
 * be verified (errors, blocked or skipped scenarios, known deviations).
 */
public enum Verdict {
    CONFORMANT, NON_CONFORMANT, INCOMPLETE;

    /** How people read it, in the terminal and the report: CONFORMANT, NON-CONFORMANT, INCOMPLETE. */
    public String label() {
        return name().replace('_', '-');
    }
}
