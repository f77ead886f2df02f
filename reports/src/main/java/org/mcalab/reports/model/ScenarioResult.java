package org.mcalab.reports.model;

import java.util.List;

/**
 * @param expected     "accept" or "reject MCA-LIM-5" (machine-friendly)
 * @param observed     "accept" or "reject MCA-LIM-5" or "reject (no requirement cited)" or "error: ..."
 * @param expectedText the expectation in plain words
 * @param observedText what happened in plain words (e.g. the gateway's error text)
 * @param baselineReason reason from the baseline file when status is KNOWN_DEVIATION/UNEXPECTED_PASS
 * @param step         the step under test (tls, init, auth-reply, connect): a refusal counts only once it is reached;
 *                     null for results that are no conformance scenario (a load verdict)
 */
public record ScenarioResult(
        String id,
        String title,
        List<String> requirements,
        String level,
        String profile,
        List<String> tags,
        String expected,
        String observed,
        String expectedText,
        String observedText,
        Status status,
        String baselineReason,
        long durationMillis,
        Evidence evidence,
        String step) {

    public ScenarioResult(String id, String title, List<String> requirements, String level, String profile,
                          List<String> tags, String expected, String observed, String expectedText, String observedText,
                          Status status, String baselineReason, long durationMillis, Evidence evidence) {
        this(id, title, requirements, level, profile, tags, expected, observed, expectedText, observedText, status,
                baselineReason, durationMillis, evidence, null);
    }
}
