package org.mcalab.reports.model;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One conformance run: what was tested, against what, and what came out. The reports module only
 * renders this; it knows nothing of the code that produced it.
 *
 * @param target      URL of the gateway under test
 * @param embedded    true when the run used mcalab's embedded reference gateway
 * @param environment free facts worth printing (java version, openconnect version, host)
 * @param robustness  optional robustness section (null when not run)
 * @param load        optional load section (null when not run)
 */
public record Run(
        String tool,
        String version,
        Instant startedAt,
        long wallTimeMillis,
        String target,
        boolean embedded,
        Map<String, String> environment,
        List<RequirementInfo> requirements,
        List<ScenarioResult> scenarios,
        RobustnessSection robustness,
        LoadSection load) {

    /** Conformant when no scenario regressed (FAIL or ERROR); known deviations do not fail a run. */
    public Verdict verdict() {
        boolean error = scenarios.stream().anyMatch(s -> s.status() == Status.ERROR);
        boolean fail = scenarios.stream().anyMatch(s -> s.status() == Status.FAIL);
        if (fail) {
            return Verdict.NON_CONFORMANT;
        }
        return error ? Verdict.INCOMPLETE : Verdict.CONFORMANT;
    }

    public long count(Status status) {
        return scenarios.stream().filter(s -> s.status() == status).count();
    }
}
