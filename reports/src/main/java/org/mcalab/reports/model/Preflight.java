package org.mcalab.reports.model;

import java.util.List;

/**
 * What the suite learnt about the gateway before the catalogue ran: each question (reachable? TLS with the machine
 * certificate? speaks aggregate-auth? asks for a second certificate? does the well-behaved MCA login get a session?)
 * and its answer. Failed checks are the run's leading findings.
 *
 * @param url the MCA group URL the checks used
 */
public record Preflight(String url, List<Check> checks) {
    /** @param requirement the requirement a failed check speaks against, or null */
    public record Check(String question, boolean passed, String answer, String requirement) {}

    /** The answers of the failed checks, in order. */
    public List<String> findings() {
        return checks == null ? List.of() : checks.stream().filter(c -> !c.passed()).map(Check::answer).toList();
    }
}
