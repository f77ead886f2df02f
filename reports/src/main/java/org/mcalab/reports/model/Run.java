package org.mcalab.reports.model;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.mcalab.reports.RequirementCoverage;

/**
 * One conformance run: what was tested, against what, and what came out. The reports module only
 * renders this; it knows nothing of the code that produced it.
 *
 * @param target      URL of the gateway under test
 * @param embedded    true when the run used mcalab's embedded reference gateway
 * @param environment free facts worth printing (java version, openconnect version, host)
 * @param robustness  optional robustness section (null when not run)
 * @param load        optional load section (null when not run)
 * @param preflight   what the suite learnt about the gateway before the scenarios (null when not run)
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
        LoadSection load,
        Preflight preflight) {

    public Run(String tool, String version, Instant startedAt, long wallTimeMillis, String target, boolean embedded,
               Map<String, String> environment, List<RequirementInfo> requirements, List<ScenarioResult> scenarios,
               RobustnessSection robustness, LoadSection load) {
        this(tool, version, startedAt, wallTimeMillis, target, embedded, environment, requirements, scenarios, robustness,
                load, null);
    }

    /** The same run with a robustness section. */
    public Run withRobustness(RobustnessSection section) {
        return new Run(tool, version, startedAt, wallTimeMillis, target, embedded, environment, requirements, scenarios,
                section, load, preflight);
    }

    /** The rules are in {@link Verdict}; the requirement side is {@link RequirementCoverage#verdict()}. */
    public Verdict verdict() {
        return RequirementCoverage.of(this).verdict();
    }

    public long count(Status status) {
        return scenarios == null ? 0 : scenarios.stream().filter(s -> s != null && s.status() == status).count();
    }
}
