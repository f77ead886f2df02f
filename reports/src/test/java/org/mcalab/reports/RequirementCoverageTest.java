package org.mcalab.reports;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.mcalab.reports.RequirementCoverage.Outcome;
import org.mcalab.reports.model.Evidence;
import org.mcalab.reports.model.ScenarioResult;
import org.mcalab.reports.model.Status;

class RequirementCoverageTest {

    private static ScenarioResult s(String id, Status status, String... reqs) {
        return SampleRuns.scenario(id, id, List.of(reqs), "accept", "accept", "", "", status, null, 1, Evidence.empty());
    }

    private static Outcome outcome(RequirementCoverage c, String id) {
        return c.rows().stream().filter(r -> r.requirement().id().equals(id)).findFirst().orElseThrow().outcome();
    }

    @Test
    void worstScenarioDecidesTheRequirement() {
        RequirementCoverage c = RequirementCoverage.of(SampleRuns.withScenarios(List.of(
                s("A", Status.PASS, "MCA-LIM-5"), s("B", Status.FAIL, "MCA-LIM-5"),
                s("C", Status.PASS, "MCA-LIM-6"), s("D", Status.UNEXPECTED_PASS, "MCA-LIM-6"),
                s("E", Status.ERROR, "MCA-FLOW-1"), s("F", Status.KNOWN_DEVIATION, "MCA-FLOW-1"),
                s("G", Status.KNOWN_DEVIATION, "MCA-FLOW-2"), s("H", Status.PASS, "MCA-FLOW-2"),
                s("I", Status.SKIPPED, "MCA-SES-4"),
                s("J", Status.SKIPPED, "MCA-PKI-3"), s("K", Status.PASS, "MCA-PKI-3"))));

        assertThat(outcome(c, "MCA-LIM-5")).isEqualTo(Outcome.FAIL);
        assertThat(outcome(c, "MCA-LIM-6")).isEqualTo(Outcome.PASS);
        assertThat(outcome(c, "MCA-FLOW-1")).isEqualTo(Outcome.ERROR);
        assertThat(outcome(c, "MCA-FLOW-2")).isEqualTo(Outcome.KNOWN_DEVIATION);
        assertThat(outcome(c, "MCA-SES-4")).isEqualTo(Outcome.NOT_RUN);
        assertThat(outcome(c, "MCA-PKI-3")).isEqualTo(Outcome.PASS);
        assertThat(outcome(c, "MCA-FLOW-4")).isEqualTo(Outcome.NOT_COVERED);
    }

    @Test
    void idsMissingFromTheCatalogueGetARowAndTheirFamilysGroup() {
        RequirementCoverage c = RequirementCoverage.of(SampleRuns.withScenarios(List.of(
                s("Z", Status.PASS, "MCA-LIM-9"), s("Y", Status.FAIL, "MCA-NEW-1"), s("X", Status.PASS))));

        RequirementCoverage.Row last = c.rows().get(c.rows().size() - 1);
        assertThat(last.requirement().id()).isEqualTo("MCA-NEW-1");
        assertThat(last.catalogued()).isFalse();
        assertThat(c.groupOf(c.scenarios().get(2))).isEqualTo("Limits");   // Z cites MCA-LIM-9
        assertThat(c.groupOf(c.scenarios().get(1))).isEqualTo("New");      // Y cites MCA-NEW-1
        assertThat(c.groupOf(c.scenarios().get(0))).isEqualTo("Other");    // X cites nothing
        assertThat(c.scenarios()).extracting(ScenarioResult::id).containsExactly("X", "Y", "Z");
        assertThat(c.groups()).endsWith("New", "Other");
    }
}
