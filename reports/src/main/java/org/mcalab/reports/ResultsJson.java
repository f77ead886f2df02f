package org.mcalab.reports;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.mcalab.reports.model.Run;
import org.mcalab.reports.model.Status;

/**
 * results.json: the run as data, for CI tooling, baselines and re-rendering. The layout is
 * documented in reports/README.md; {@value #SCHEMA_VERSION} changes only when a field changes
 * meaning or disappears (new optional fields do not bump it, readers ignore fields they do not know).
 */
public final class ResultsJson {

    public static final int SCHEMA_VERSION = 1;

    /** Fields written for readers' convenience; recomputed from the scenarios, never read back. */
    private static final String[] DERIVED = {"schemaVersion", "verdict", "counts", "total", "unverifiedMust",
            "requirementStatus"};

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE);

    // "\n" whatever the platform, so the same run gives the same bytes everywhere.
    private static final ObjectWriter WRITER = MAPPER.writer(
            new DefaultPrettyPrinter(Separators.createDefaultInstance().withObjectFieldValueSpacing(Separators.Spacing.AFTER))
                    .withObjectIndenter(new DefaultIndenter("  ", "\n"))
                    .withArrayIndenter(new DefaultIndenter("  ", "\n")));

    private ResultsJson() {}

    public static String toJson(Run run) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("schemaVersion", SCHEMA_VERSION);
        root.put("verdict", run.verdict().name());
        ObjectNode counts = root.putObject("counts");
        for (Status status : Status.values()) {
            counts.put(status.name(), run.count(status));
        }
        root.put("total", run.scenarios() == null ? 0 : run.scenarios().size());
        root.setAll((ObjectNode) MAPPER.valueToTree(run));
        RequirementCoverage coverage = RequirementCoverage.of(run);
        ArrayNode unverified = root.putArray("unverifiedMust");
        coverage.unverifiedMust().forEach(r -> unverified.add(r.requirement().id()));
        ArrayNode requirements = root.putArray("requirementStatus");
        for (RequirementCoverage.Row row : coverage.rows()) {
            ObjectNode r = requirements.addObject();
            r.put("id", row.requirement().id());
            r.put("level", row.requirement().level());
            r.put("status", row.outcome().name());
            ArrayNode verifiedBy = r.putArray("verifiedBy");
            row.scenarios().stream().filter(RequirementCoverage::passed).forEach(sc -> verifiedBy.add(sc.id()));
            ObjectNode scenarios = r.putObject("scenarios");
            row.scenarios().forEach(sc -> scenarios.put(sc.id(), sc.status() == null ? "ERROR" : sc.status().name()));
        }
        try {
            return WRITER.writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a Run always serialises", e);
        }
    }


    public static Run read(Path file) throws IOException {
        return parse(Files.readString(file, StandardCharsets.UTF_8));
    }

    public static Run parse(String json) throws ResultsFormatException {
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new ResultsFormatException("results.json is not JSON: " + e.getOriginalMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new ResultsFormatException("results.json must hold one JSON object");
        }
        JsonNode version = root.get("schemaVersion");
        if (version == null || !version.canConvertToInt()) {
            throw new ResultsFormatException("results.json has no schemaVersion");
        }
        if (version.asInt() != SCHEMA_VERSION) {
            throw new ResultsFormatException("results.json has schemaVersion " + version.asInt()
                    + "; this mcalab reads schemaVersion " + SCHEMA_VERSION);
        }
        ObjectNode data = ((ObjectNode) root).deepCopy();
        data.remove(List.of(DERIVED));
        try {
            return MAPPER.treeToValue(data, Run.class);
        } catch (JsonProcessingException e) {
            throw new ResultsFormatException("results.json does not describe a run: " + e.getOriginalMessage(), e);
        }
    }
}
