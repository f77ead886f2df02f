package org.mcalab.reports;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.mcalab.reports.model.RequirementInfo;
import org.mcalab.reports.model.RobustnessSection;
import org.mcalab.reports.model.Run;
import org.mcalab.reports.model.ScenarioResult;
import org.mcalab.reports.model.Status;
import org.mcalab.reports.model.Verdict;

/**
 * Which scenarios cover which requirement, and what that says about the requirement. Shared by the
 * JUnit writer (for the suite a scenario belongs to) and the HTML matrix, so both group alike.
 */
public final class RequirementCoverage {

    /**
     * What the matrix says about one requirement, from the statuses of the scenarios covering it. Only PASS means
     * verified: at least one covering scenario ran and passed, and none failed, erred, was blocked or deviates.
     */
    public enum Outcome {
        PASS, FAIL, ERROR, BLOCKED, KNOWN_DEVIATION, NOT_RUN, NOT_COVERED;

        /** Worst first: a single failing scenario decides the requirement. */
        static Outcome of(List<ScenarioResult> covering) {
            if (covering.isEmpty()) {
                return NOT_COVERED;
            }
            for (Status worst : List.of(Status.FAIL, Status.ERROR, Status.BLOCKED, Status.KNOWN_DEVIATION)) {
                if (covering.stream().anyMatch(s -> s.status() == worst)) {
                    return valueOf(worst.name());
                }
            }
            if (covering.stream().noneMatch(RequirementCoverage::passed)) {
                return NOT_RUN;
            }
            return PASS;
        }
    }

    /** One matrix row. {@code catalogued} is false for ids a scenario cites that the run's catalogue lacks. */
    public record Row(RequirementInfo requirement, boolean catalogued, List<ScenarioResult> scenarios, Outcome outcome) {}

    private final Map<String, RequirementInfo> byId = new LinkedHashMap<>();
    private final List<Row> rows;
    private final List<ScenarioResult> scenarios;
    private final Run run;

    private RequirementCoverage(Run run) {
        this.run = run;
        List<RequirementInfo> catalogue = Objects.requireNonNullElse(run.requirements(), List.of());
        for (RequirementInfo r : catalogue) {
            if (r != null && r.id() != null) {
                byId.putIfAbsent(r.id(), r);
            }
        }
        scenarios = sortedScenarios(run);
        Map<String, List<ScenarioResult>> covering = new LinkedHashMap<>();
        byId.keySet().forEach(id -> covering.put(id, new ArrayList<>()));
        Map<String, RequirementInfo> uncatalogued = new LinkedHashMap<>();
        for (ScenarioResult s : scenarios) {
            for (String id : requirementIds(s)) {
                if (!byId.containsKey(id) && !uncatalogued.containsKey(id)) {
                    uncatalogued.put(id, new RequirementInfo(id, "(not in the run's requirement catalogue)", "", groupOfId(id)));
                }
                covering.computeIfAbsent(id, k -> new ArrayList<>()).add(s);
            }
        }
        List<Row> all = new ArrayList<>();
        byId.values().forEach(r -> all.add(new Row(r, true, List.copyOf(covering.get(r.id())), Outcome.of(covering.get(r.id())))));
        uncatalogued.values().stream()
                .sorted(Comparator.comparing(RequirementInfo::id))
                .forEach(r -> all.add(new Row(r, false, List.copyOf(covering.get(r.id())), Outcome.of(covering.get(r.id())))));
        rows = List.copyOf(all);
    }

    public static RequirementCoverage of(Run run) {
        return new RequirementCoverage(run);
    }

    /** Ran and passed (an unexpected pass passed too). */
    public static boolean passed(ScenarioResult s) {
        return s.status() == Status.PASS || s.status() == Status.UNEXPECTED_PASS;
    }

    /** Catalogued MUST requirements that no scenario verified, in catalogue order. */
    public List<Row> unverifiedMust() {
        return rows.stream().filter(r -> r.catalogued() && "MUST".equalsIgnoreCase(r.requirement().level())
                && r.outcome() != Outcome.PASS).toList();
    }

    /** The run's verdict (rules in {@link Verdict}). */
    public Verdict verdict() {
        boolean probeFailed = run.robustness() != null && (Objects.requireNonNullElse(run.robustness().probes(),
                List.<RobustnessSection.Probe>of()).stream().anyMatch(p -> p != null && !p.passed())
                || Objects.requireNonNullElse(run.robustness().leaks(), List.<String>of()).stream()
                        .anyMatch(l -> l != null && !l.isBlank() && !l.equalsIgnoreCase("none")));
        if (scenarios.stream().anyMatch(s -> s.status() == Status.FAIL) || probeFailed) {
            return Verdict.NON_CONFORMANT;
        }
        boolean unfinished = scenarios.stream().anyMatch(s -> s.status() == null || s.status() == Status.ERROR
                || s.status() == Status.BLOCKED);
        return unfinished || !unverifiedMust().isEmpty() ? Verdict.INCOMPLETE : Verdict.CONFORMANT;
    }

    /** Catalogue order first, then ids only scenarios cite (sorted). */
    public List<Row> rows() {
        return rows;
    }

    /** The run's scenarios in report order: by id, then title (stable for equal ids). */
    public List<ScenarioResult> scenarios() {
        return scenarios;
    }

    /** Groups in the order the catalogue first names them, then any others found on scenarios. */
    public List<String> groups() {
        List<String> groups = new ArrayList<>();
        rows.forEach(r -> addOnce(groups, r.requirement().group()));
        scenarios.forEach(s -> addOnce(groups, groupOf(s)));
        return groups;
    }

    /** The group of a scenario: that of its first requirement; "Other" when it cites none. */
    public String groupOf(ScenarioResult s) {
        List<String> ids = requirementIds(s);
        return ids.isEmpty() ? "Other" : groupOfId(ids.get(0));
    }

    private String groupOfId(String id) {
        RequirementInfo known = byId.get(id);
        if (known != null && known.group() != null && !known.group().isBlank()) {
            return known.group();
        }
        // An id missing from the catalogue joins the group of its catalogued siblings (MCA-LIM-9 -> Limits).
        String family = family(id);
        for (RequirementInfo r : byId.values()) {
            if (family.equals(family(r.id())) && r.group() != null && !r.group().isBlank()) {
                return r.group();
            }
        }
        return family.isEmpty() ? "Other" : family.substring(0, 1) + family.substring(1).toLowerCase(Locale.ROOT);
    }

    /** "MCA-LIM-5" -> "LIM"; anything else -> the id up to its last dash. */
    private static String family(String id) {
        String[] parts = id.split("-");
        if (parts.length == 3) {
            return parts[1];
        }
        int dash = id.lastIndexOf('-');
        return dash > 0 ? id.substring(0, dash) : id;
    }

    /** The ids a scenario cites, stripped, without blanks or repeats. */
    public static List<String> requirementIds(ScenarioResult s) {
        List<String> ids = new ArrayList<>();
        if (s.requirements() != null) {
            for (String id : s.requirements()) {
                if (id != null && !id.isBlank() && !ids.contains(id.strip())) {
                    ids.add(id.strip());
                }
            }
        }
        return ids;
    }

    static List<ScenarioResult> sortedScenarios(Run run) {
        List<ScenarioResult> list = new ArrayList<>(Objects.requireNonNullElse(run.scenarios(), List.of()));
        list.removeIf(Objects::isNull);
        list.sort(Comparator.comparing((ScenarioResult s) -> Objects.requireNonNullElse(s.id(), ""))
                .thenComparing(s -> Objects.requireNonNullElse(s.title(), "")));
        return List.copyOf(list);
    }

    private static void addOnce(List<String> list, String value) {
        if (value != null && !value.isBlank() && !list.contains(value)) {
            list.add(value);
        }
    }
}
