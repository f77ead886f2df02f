package org.mcalab.reports;

import static org.mcalab.reports.XmlText.escape;
import static org.mcalab.reports.XmlText.escapeAttribute;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.mcalab.reports.model.Evidence;
import org.mcalab.reports.model.Preflight;
import org.mcalab.reports.model.RobustnessSection;
import org.mcalab.reports.model.Run;
import org.mcalab.reports.model.ScenarioResult;
import org.mcalab.reports.model.Status;
import org.mcalab.reports.model.TraceLine;

/**
 * junit.xml in the layout CI servers read (Jenkins, GitLab, GitHub test reporters): one testsuite per
 * requirement group, one testcase per scenario. FAIL becomes a failure, ERROR and BLOCKED an error, KNOWN_DEVIATION
 * and SKIPPED become skipped (a known deviation must not turn CI red; its reason is the message). The preflight
 * checks lead as the suite "Preflight" (a failed check is an error) and the robustness probes close as the suite
 * "Robustness probes" (a failed probe is a failure), so the file never says less than the verdict.
 */
final class JunitXml {

    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private JunitXml() {}


    static String render(Run run) {
        RequirementCoverage coverage = RequirementCoverage.of(run);
        Map<String, List<ScenarioResult>> suites = new LinkedHashMap<>();
        coverage.groups().forEach(g -> suites.put(g, new ArrayList<>()));
        for (ScenarioResult s : coverage.scenarios()) {
            suites.computeIfAbsent(coverage.groupOf(s), g -> new ArrayList<>()).add(s);
        }
        suites.values().removeIf(List::isEmpty);

        StringBuilder body = new StringBuilder(4096);
        Tally total = new Tally();
        Set<String> usedNames = new HashSet<>();
        int suiteId = 0;
        if (run.preflight() != null && run.preflight().checks() != null) {
            // The gateway-wide findings come first, as in the terminal and the report.
            StringBuilder cases = new StringBuilder();
            Tally tally = new Tally();
            for (Preflight.Check c : run.preflight().checks()) {
                tally.add(c.passed() ? null : "error");
                cases.append("    <testcase name=\"").append(escapeAttribute(uniqueName("preflight: " + nz(c.question()), usedNames)))
                        .append("\" classname=\"mcalab.preflight\" time=\"0.000\"");
                cases.append(c.passed() ? "/>\n" : ">\n      <error message=\"" + escapeAttribute(nz(c.answer()))
                        + "\" type=\"preflight\">" + escape(nz(c.answer())) + "</error>\n    </testcase>\n");
            }
            suite(body, run, suiteId++, "Preflight", tally, 0, cases);
            total.add(tally);
        }
        for (Map.Entry<String, List<ScenarioResult>> suite : suites.entrySet()) {
            List<ScenarioResult> cases = suite.getValue();
            long time = cases.stream().mapToLong(ScenarioResult::durationMillis).sum();
            Tally tally = new Tally();
            StringBuilder testcases = new StringBuilder();
            for (ScenarioResult s : cases) {
                tally.add(kind(s.status()));
                testcase(testcases, s, className(suite.getKey()), uniqueName(caseName(s), usedNames));
            }
            suite(body, run, suiteId++, suite.getKey(), tally, time, testcases);
            total.add(tally);
        }
        if (run.robustness() != null && run.robustness().probes() != null) {
            StringBuilder cases = new StringBuilder();
            Tally tally = new Tally();
            for (RobustnessSection.Probe p : run.robustness().probes()) {
                if (p == null) {
                    continue;
                }
                tally.add(p.passed() ? null : "failure");
                cases.append("    <testcase name=\"").append(escapeAttribute(uniqueName("probe " + nz(p.kind()) + ": "
                                + nz(p.input()), usedNames))).append("\" classname=\"mcalab.robustness_probes\" time=\"0.000\"");
                cases.append(p.passed() ? "/>\n" : ">\n      <failure message=\"" + escapeAttribute(nz(p.outcome()))
                        + "\" type=\"robustness\">" + escape(nz(p.outcome())) + "</failure>\n    </testcase>\n");
            }
            suite(body, run, suiteId, "Robustness probes", tally, 0, cases);
            total.add(tally);
        }
        StringBuilder out = new StringBuilder(body.length() + 256);
        out.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        out.append("<testsuites name=\"").append(escapeAttribute(nz(run.tool()) + " " + nz(run.version())).strip())
                .append('"').append(total)
                .append(" time=\"").append(seconds(run.wallTimeMillis())).append("\">\n");
        out.append(body);
        out.append("</testsuites>\n");
        return out.toString();
    }

    /** Tests, failures, errors and skipped of one suite or of all. */
    private static final class Tally {
        long tests;
        long failures;
        long errors;
        long skipped;

        void add(String kind) {
            tests++;
            if ("failure".equals(kind)) {
                failures++;
            } else if ("error".equals(kind)) {
                errors++;
            } else if ("skipped".equals(kind)) {
                skipped++;
            }
        }

        void add(Tally t) {
            tests += t.tests;
            failures += t.failures;
            errors += t.errors;
            skipped += t.skipped;
        }

        @Override
        public String toString() {
            return " tests=\"" + tests + "\" failures=\"" + failures + "\" errors=\"" + errors + "\" skipped=\"" + skipped + '"';
        }
    }

    /** How a status counts in JUnit terms: BLOCKED is an error so CI notices the requirement went unverified. */
    private static String kind(Status status) {
        return switch (status == null ? Status.ERROR : status) {
            case FAIL -> "failure";
            case ERROR, BLOCKED -> "error";
            case SKIPPED, KNOWN_DEVIATION -> "skipped";
            case PASS, UNEXPECTED_PASS -> null;
        };
    }

    private static void suite(StringBuilder out, Run run, int id, String name, Tally tally, long millis, StringBuilder cases) {
        out.append("  <testsuite id=\"").append(id).append("\" name=\"").append(escapeAttribute(name)).append('"')
                .append(" package=\"mcalab\"").append(tally)
                .append(" time=\"").append(seconds(millis)).append('"');
        if (run.startedAt() != null) {
            out.append(" timestamp=\"").append(TIMESTAMP.format(run.startedAt().truncatedTo(ChronoUnit.SECONDS))).append('"');
        }
        out.append(" hostname=\"").append(escapeAttribute(hostname(run))).append("\">\n");
        properties(out, run);
        out.append(cases);
        out.append("  </testsuite>\n");
    }

    /** "[MCA-LIM-5] LIM5-EC-USER-TLS: EC P-256 key in the user certificate is refused". */
    static String caseName(ScenarioResult s) {
        List<String> ids = RequirementCoverage.requirementIds(s);
        String prefix = ids.isEmpty() ? "" : "[" + String.join(", ", ids) + "] ";
        String title = s.title() == null || s.title().isBlank() ? "" : ": " + s.title().strip();
        return prefix + nz(s.id()) + title;
    }

    /** "Certificate validation" -> "mcalab.certificate_validation" (a Java-like class name CI tools split on dots). */
    static String className(String group) {
        String name = group.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_").replaceAll("^_+|_+$", "");
        return "mcalab." + (name.isEmpty() ? "other" : name);
    }

    private static String uniqueName(String name, Set<String> used) {
        String candidate = name;
        for (int n = 2; !used.add(candidate); n++) {
            candidate = name + " #" + n;
        }
        return candidate;
    }

    private static void testcase(StringBuilder out, ScenarioResult s, String className, String name) {
        out.append("    <testcase name=\"").append(escapeAttribute(name)).append("\" classname=\"")
                .append(escapeAttribute(className)).append("\" time=\"").append(seconds(s.durationMillis())).append('"');
        Status status = s.status() == null ? Status.ERROR : s.status();
        String body = details(s);
        switch (status) {
            case PASS -> out.append("/>\n");
            case UNEXPECTED_PASS -> out.append(">\n      <system-out>")
                    .append(escape("Unexpected pass: listed in the baseline (" + nz(s.baselineReason())
                            + ") but passed; remove it from the baseline.\n" + body))
                    .append("</system-out>\n    </testcase>\n");
            case FAIL -> out.append(">\n      <failure message=\"")
                    .append(escapeAttribute("expected " + nz(s.expected()) + ", observed " + nz(s.observed())))
                    .append("\" type=\"").append(escapeAttribute(failureType(s))).append("\">")
                    .append(escape(body)).append("</failure>\n    </testcase>\n");
            case ERROR -> out.append(">\n      <error message=\"")
                    .append(escapeAttribute(firstNonBlank(s.observedText(), s.observed(), "error")))
                    .append("\" type=\"error\">").append(escape(body)).append("</error>\n    </testcase>\n");
            case KNOWN_DEVIATION -> out.append(">\n      <skipped message=\"")
                    .append(escapeAttribute("known deviation: " + firstNonBlank(s.baselineReason(), "no reason given")))
                    .append("\">").append(escape(body)).append("</skipped>\n    </testcase>\n");
            case BLOCKED -> out.append(">\n      <error message=\"")
                    .append(escapeAttribute("BLOCKED: " + firstNonBlank(s.observedText(), s.observed(), "blocked")))
                    .append("\" type=\"blocked\">").append(escape(body)).append("</error>\n    </testcase>\n");
            case SKIPPED -> out.append(">\n      <skipped message=\"")
                    .append(escapeAttribute(firstNonBlank(s.observedText(), s.observed(), "skipped")))
                    .append("\"/>\n    </testcase>\n");
        }
    }

    /** The failing requirement when the observation cites one, so CI groups failures by requirement. */
    private static String failureType(ScenarioResult s) {
        List<String> ids = RequirementCoverage.requirementIds(s);
        return ids.isEmpty() ? "mcalab.failure" : ids.get(0);
    }

    /** Plain-words expectation and observation, notes and the gateway trace: what a CI reader needs to triage. */
    private static String details(ScenarioResult s) {
        StringBuilder b = new StringBuilder();
        b.append("Expected: ").append(firstNonBlank(s.expectedText(), s.expected(), "-"));
        if (s.expected() != null && !s.expected().equals(s.expectedText())) {
            b.append(" [").append(s.expected()).append(']');
        }
        b.append("\nObserved: ").append(firstNonBlank(s.observedText(), s.observed(), "-"));
        if (s.observed() != null && !s.observed().equals(s.observedText())) {
            b.append(" [").append(s.observed()).append(']');
        }
        b.append('\n');
        if (s.step() != null) {
            b.append("Step under test: ").append(s.step()).append('\n');
        }
        Evidence e = s.evidence();
        if (e != null) {
            for (String note : Objects.requireNonNullElse(e.notes(), List.<String>of())) {
                b.append("Note: ").append(note).append('\n');
            }
            List<TraceLine> trace = Objects.requireNonNullElse(e.gatewayTrace(), List.of());
            if (!trace.isEmpty()) {
                b.append("Gateway trace:\n");
                for (TraceLine t : trace) {
                    b.append("  ").append(nz(t.time())).append(' ').append(nz(t.category())).append(": ")
                            .append(nz(t.message())).append('\n');
                }
            }
        }
        return b.toString();
    }

    private static void properties(StringBuilder out, Run run) {
        Map<String, String> props = new LinkedHashMap<>();
        props.put("mcalab.tool", nz(run.tool()));
        props.put("mcalab.version", nz(run.version()));
        props.put("mcalab.target", nz(run.target()));
        props.put("mcalab.embedded", String.valueOf(run.embedded()));
        props.put("mcalab.verdict", run.verdict().label());
        if (run.environment() != null) {
            run.environment().forEach((k, v) -> props.put("env." + k, nz(v)));
        }
        out.append("    <properties>\n");
        props.forEach((k, v) -> out.append("      <property name=\"").append(escapeAttribute(k))
                .append("\" value=\"").append(escapeAttribute(v)).append("\"/>\n"));
        out.append("    </properties>\n");
    }

    private static String hostname(Run run) {
        if (run.environment() != null && run.environment().get("host") != null) {
            return run.environment().get("host");
        }
        return "localhost";
    }

    static String seconds(long millis) {
        return String.format(Locale.ROOT, "%.3f", millis / 1000.0);
    }

    private static String firstNonBlank(String... values) {
        for (String v : values) {
            if (v != null && !v.isBlank()) {
                return v;
            }
        }
        return "";
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
