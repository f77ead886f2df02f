package org.mcalab.reports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mcalab.reports.model.Run;
import org.mcalab.reports.model.Status;
import org.mcalab.reports.model.Verdict;

class ResultsJsonTest {

    @Test
    void roundTripKeepsEveryField(@TempDir Path dir) throws Exception {
        Run run = SampleRuns.mixed();
        Path file = ReportWriter.writeJson(run, dir.resolve("results.json"));

        Run back = ResultsJson.read(file);

        // double[] points make record equality useless for the load section: compare the serialised form,
        // and the parts that are plain records directly.
        assertThat(ResultsJson.toJson(back)).isEqualTo(ResultsJson.toJson(run));
        assertThat(back.scenarios()).isEqualTo(run.scenarios());
        assertThat(back.requirements()).isEqualTo(run.requirements());
        assertThat(back.robustness()).isEqualTo(run.robustness());
        assertThat(back.startedAt()).isEqualTo(run.startedAt());
        assertThat(back.environment()).containsExactlyEntriesOf(run.environment());
        assertThat(back.load().series().get("logins_per_s").get(5)).containsExactly(5.0, 400 + (5 * 37 % 29));
        assertThat(back.verdict()).isEqualTo(Verdict.NON_CONFORMANT);
    }

    @Test
    void headerFieldsComeFirstWithVerdictAndCounts() throws Exception {
        JsonNode root = new ObjectMapper().readTree(ResultsJson.toJson(SampleRuns.mixed()));

        List<String> fields = new ArrayList<>();
        root.fieldNames().forEachRemaining(fields::add);
        assertThat(fields).startsWith("schemaVersion", "verdict", "counts", "total", "tool", "version", "startedAt");
        assertThat(root.get("schemaVersion").asInt()).isEqualTo(1);
        assertThat(root.get("verdict").asText()).isEqualTo("NON_CONFORMANT");
        assertThat(root.get("total").asInt()).isEqualTo(7);
        List<String> statuses = new ArrayList<>();
        root.get("counts").fieldNames().forEachRemaining(statuses::add);
        assertThat(statuses).containsExactly("PASS", "FAIL", "KNOWN_DEVIATION", "UNEXPECTED_PASS", "ERROR", "SKIPPED",
                "BLOCKED");
        assertThat(root.get("counts").get("PASS").asInt()).isEqualTo(2);
        assertThat(root.get("counts").get("FAIL").asInt()).isEqualTo(1);
        assertThat(root.get("startedAt").asText()).isEqualTo("2026-03-01T10:15:30.123Z");
        assertThat(root.get("scenarios").get(0).get("status").asText()).isEqualTo(Status.FAIL.name());
    }

    @Test
    void outputIsStableAndEndsWithNewline() {
        String a = ResultsJson.toJson(SampleRuns.mixed());
        String b = ResultsJson.toJson(SampleRuns.mixed());
        assertThat(a).isEqualTo(b).endsWith("}\n").doesNotContain("\r");
    }

    @Test
    void derivedFieldsAreRecomputedNotTrusted() throws Exception {
        String json = ResultsJson.toJson(SampleRuns.mixed()).replace("\"verdict\": \"NON_CONFORMANT\"", "\"verdict\": \"CONFORMANT\"");
        assertThat(json).contains("\"verdict\": \"CONFORMANT\"");
        assertThat(ResultsJson.parse(json).verdict()).isEqualTo(Verdict.NON_CONFORMANT);
    }

    @Test
    void unknownFieldsOfTheSameSchemaAreIgnored() throws Exception {
        String json = ResultsJson.toJson(SampleRuns.conformant()).replaceFirst("\\{", "{\n  \"addedLater\": {\"x\": 1},");
        assertThat(ResultsJson.parse(json).scenarios()).hasSize(2);
    }

    @Test
    void refusesOtherSchemaVersionsAndNonRuns() {
        String newer = ResultsJson.toJson(SampleRuns.conformant()).replace("\"schemaVersion\": 1", "\"schemaVersion\": 2");
        assertThatThrownBy(() -> ResultsJson.parse(newer)).isInstanceOf(ResultsFormatException.class).hasMessageContaining("schemaVersion 2");
        assertThatThrownBy(() -> ResultsJson.parse("{\"tool\":\"x\"}")).isInstanceOf(ResultsFormatException.class).hasMessageContaining("no schemaVersion");
        assertThatThrownBy(() -> ResultsJson.parse("[1,2]")).isInstanceOf(ResultsFormatException.class);
        assertThatThrownBy(() -> ResultsJson.parse("not json")).isInstanceOf(ResultsFormatException.class);
    }

    @Test
    void nullOptionalSectionsAreWrittenAsNull() throws Exception {
        JsonNode root = new ObjectMapper().readTree(ResultsJson.toJson(SampleRuns.conformant()));
        assertThat(root.get("robustness").isNull()).isTrue();
        assertThat(root.get("load").isNull()).isTrue();
        assertThat(ResultsJson.parse(ResultsJson.toJson(SampleRuns.conformant())).load()).isNull();
    }
}
