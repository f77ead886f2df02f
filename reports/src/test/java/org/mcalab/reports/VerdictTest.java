package org.mcalab.reports;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mcalab.reports.model.RequirementInfo;
import org.mcalab.reports.model.RobustnessSection;
import org.mcalab.reports.model.Run;
import org.mcalab.reports.model.ScenarioResult;
import org.mcalab.reports.model.Status;
import org.mcalab.reports.model.Verdict;

/** The verdict never claims more than what ran (issue 12 item 5), and every output says the same. */
class VerdictTest {
    private static final List<RequirementInfo> CATALOGUE = List.of(
            new RequirementInfo("MCA-LIM-5", "RSA only", "MUST", "Limits"),
            new RequirementInfo("MCA-SES-1", "pool and policy", "MUST", "Session"),
            new RequirementInfo("MCA-FLOW-8", "tolerant init", "SHOULD", "Flow"));

    private static ScenarioResult scenario(String id, String requirement, Status status) {
        return SampleRuns.scenario(id, id, List.of(requirement), "accept", "accept", "", "", status, null, 1, null);
    }

    private static Run run(RobustnessSection robustness, ScenarioResult... scenarios) {
        Run m = SampleRuns.mixed();
        return new Run(m.tool(), m.version(), m.startedAt(), 1, m.target(), false, m.environment(), CATALOGUE,
                new ArrayList<>(List.of(scenarios)), robustness, null);
    }

    @Test
    void aMustRequirementWhoseScenariosWereSkippedLeavesTheRunIncomplete() {
        Run r = run(null, scenario("LIM5", "MCA-LIM-5", Status.PASS), scenario("SES1", "MCA-SES-1", Status.SKIPPED));

        assertThat(r.verdict()).isEqualTo(Verdict.INCOMPLETE);
        assertThat(RequirementCoverage.of(r).unverifiedMust()).extracting(row -> row.requirement().id())
                .containsExactly("MCA-SES-1");
        assertThat(ResultsJson.toJson(r)).contains("\"unverifiedMust\": [\n    \"MCA-SES-1\"\n  ]")
                .contains("\"verdict\": \"INCOMPLETE\"");
        assertThat(HtmlReportText.of(r)).contains("INCOMPLETE").contains("MUST requirements not verified: MCA-SES-1");
    }

    @Test
    void everyMustVerifiedIsConformantEvenWithAnUnverifiedShould() {
        Run r = run(null, scenario("LIM5", "MCA-LIM-5", Status.PASS), scenario("SES1", "MCA-SES-1", Status.PASS));

        assertThat(r.verdict()).isEqualTo(Verdict.CONFORMANT);
    }

    @Test
    void aBlockedScenarioVerifiesNothing() {
        Run r = run(null, scenario("LIM5-A", "MCA-LIM-5", Status.PASS), scenario("LIM5-B", "MCA-LIM-5", Status.BLOCKED),
                scenario("SES1", "MCA-SES-1", Status.PASS));

        assertThat(r.verdict()).isEqualTo(Verdict.INCOMPLETE);
        assertThat(JunitXml.render(r)).contains("type=\"blocked\"").contains("errors=\"1\"");
        assertThat(ResultsJson.toJson(r)).contains("\"status\": \"BLOCKED\"");
    }

    @Test
    void aFailedRobustnessProbeIsNonConformantAndAFailureInJunit() {
        RobustnessSection probes = new RobustnessSection(List.of(
                new RobustnessSection.Probe("slow client", "one byte per second", 1, "kept open 120 s", false)), List.of());
        Run r = run(probes, scenario("LIM5", "MCA-LIM-5", Status.PASS), scenario("SES1", "MCA-SES-1", Status.PASS));

        assertThat(r.verdict()).isEqualTo(Verdict.NON_CONFORMANT);
        assertThat(Verdict.NON_CONFORMANT.label()).isEqualTo("NON-CONFORMANT");
        String junit = JunitXml.render(r);
        assertThat(junit).contains("<testsuites name=\"mcalab 0.1.0\" tests=\"3\" failures=\"1\"")
                .contains("probe slow client: one byte per second").contains("type=\"robustness\"")
                .contains("name=\"mcalab.verdict\" value=\"NON-CONFORMANT\"");
        assertThat(HtmlReportText.of(r)).contains("NON-CONFORMANT");
    }

    /** The verdict block of report.html as text. */
    private static final class HtmlReportText {
        static String of(Run r) {
            return org.jsoup.Jsoup.parse(org.mcalab.reports.html.HtmlReport.render(r)).select("#verdict").text();
        }
    }
}
