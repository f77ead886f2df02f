package org.mcalab.conformance.suite;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.mcalab.reports.model.Status;

/**
 * Known deviations of a gateway: a YAML list of {@code {id, reason}}. A listed scenario that fails is a
 * KNOWN_DEVIATION (does not fail the run); one that passes is an UNEXPECTED_PASS (flagged so the baseline
 * gets cleaned). Only regressions fail the run.
 */
public final class Baseline {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private final Map<String, String> reasons;

    private Baseline(Map<String, String> reasons) {
        this.reasons = Map.copyOf(reasons);
    }

    public static Baseline empty() {
        return new Baseline(Map.of());
    }

    private record Entry(String id, String reason) {}

    public static Baseline read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException("baseline file " + file + " does not exist");
        }
        Entry[] entries;
        try {
            entries = YAML.readValue(Files.readString(file), Entry[].class);
        } catch (IOException e) {
            throw new IOException("cannot read baseline " + file + " (expected a YAML list of {id, reason}): "
                    + e.getMessage().lines().findFirst().orElse(""), e);
        }
        Map<String, String> reasons = new LinkedHashMap<>();
        for (Entry e : entries == null ? new Entry[0] : entries) {
            if (e == null || e.id() == null || e.id().isBlank()) {
                throw new IOException("baseline " + file + ": every entry needs an id");
            }
            reasons.put(e.id().trim(), e.reason() == null ? "" : e.reason().trim());
        }
        return new Baseline(reasons);
    }

    public static Baseline of(Map<String, String> reasons) {
        return new Baseline(reasons);
    }

    public Optional<String> reason(String scenarioId) {
        return Optional.ofNullable(reasons.get(scenarioId));
    }

    /** Ids listed in the baseline that are not in the given list (stale entries worth a warning). */
    public List<String> unknownIds(List<String> scenarioIds) {
        return reasons.keySet().stream().filter(id -> !scenarioIds.contains(id)).toList();
    }

    /** The status after the baseline: FAIL->KNOWN_DEVIATION and PASS->UNEXPECTED_PASS for listed ids. */
    public Status apply(String scenarioId, Status raw) {
        if (!reasons.containsKey(scenarioId)) {
            return raw;
        }
        return switch (raw) {
            case FAIL -> Status.KNOWN_DEVIATION;
            case PASS -> Status.UNEXPECTED_PASS;
            default -> raw;
        };
    }
}
