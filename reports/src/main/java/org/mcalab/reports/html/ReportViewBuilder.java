package org.mcalab.reports.html;

import static org.mcalab.reports.XmlText.visible;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.mcalab.reports.RequirementCoverage;
import org.mcalab.reports.model.CertificateInfo;
import org.mcalab.reports.model.Evidence;
import org.mcalab.reports.model.LoadSection;
import org.mcalab.reports.model.RequirementInfo;
import org.mcalab.reports.model.RobustnessSection;
import org.mcalab.reports.model.Run;
import org.mcalab.reports.model.ScenarioResult;
import org.mcalab.reports.model.Status;
import org.mcalab.reports.model.Verdict;
import org.mcalab.reports.model.XmlExchange;
import org.mcalab.reports.html.ReportView.CertView;
import org.mcalab.reports.html.ReportView.EvidenceView;
import org.mcalab.reports.html.ReportView.ExchangeView;
import org.mcalab.reports.html.ReportView.Fact;
import org.mcalab.reports.html.ReportView.Filter;
import org.mcalab.reports.html.ReportView.Link;
import org.mcalab.reports.html.ReportView.LoadView;
import org.mcalab.reports.html.ReportView.ProbeView;
import org.mcalab.reports.html.ReportView.RequirementRow;
import org.mcalab.reports.html.ReportView.RobustnessView;
import org.mcalab.reports.html.ReportView.ScenarioView;
import org.mcalab.reports.html.ReportView.StatusCount;
import org.mcalab.reports.html.ReportView.TraceView;

/** Turns a {@link Run} into the {@link ReportView} the template prints. Pure: same run, same view. */
public final class ReportViewBuilder {

    private static final Pattern PERCENTILE = Pattern.compile("p?(\\d+(?:\\.\\d+)?)", Pattern.CASE_INSENSITIVE);

    private final Run run;
    private final RequirementCoverage coverage;
    private final Map<String, String> requirementAnchors = new HashMap<>();
    // Identity: two equal scenario records (same id, same everything) still get their own anchors.
    private final Map<ScenarioResult, String> anchorOf = new IdentityHashMap<>();

    private ReportViewBuilder(Run run) {
        this.run = run;
        this.coverage = RequirementCoverage.of(run);
    }

    public static ReportView of(Run run) {
        return new ReportViewBuilder(run).build();
    }

    private ReportView build() {
        assignAnchors();
        List<String> groups = coverage.groups();
        List<ScenarioResult> scenarios = coverage.scenarios();

        List<StatusCount> counts = new ArrayList<>();
        List<SvgChart.Segment> segments = new ArrayList<>();
        for (Status s : Status.values()) {
            long n = run.count(s);
            counts.add(new StatusCount(statusLabel(s), statusClass(s), n));
            segments.add(new SvgChart.Segment(statusLabel(s), n, "fill-" + statusClass(s)));
        }

        List<Filter> statusFilters = List.of(
                new Filter("st-all", "All", scenarios.size()),
                new Filter("st-problems", "Failed, error or blocked",
                        run.count(Status.FAIL) + run.count(Status.ERROR) + run.count(Status.BLOCKED)),
                new Filter("st-deviations", "Baseline", run.count(Status.KNOWN_DEVIATION) + run.count(Status.UNEXPECTED_PASS)),
                new Filter("st-pass", "Passed", run.count(Status.PASS)),
                new Filter("st-skipped", "Skipped", run.count(Status.SKIPPED)));
        List<Filter> groupFilters = new ArrayList<>();
        groupFilters.add(new Filter("grp-all", "All groups", scenarios.size()));
        StringBuilder groupCss = new StringBuilder();
        for (int i = 0; i < groups.size(); i++) {
            String g = groups.get(i);
            long n = scenarios.stream().filter(s -> coverage.groupOf(s).equals(g)).count();
            if (n == 0) {
                continue;
            }
            String id = "grp-" + (i + 1);
            groupFilters.add(new Filter(id, visible(g), n));
            groupCss.append('#').append(id).append(":checked~.sclist .sc:not(.g-").append(i + 1).append("){display:none}\n");
            groupCss.append('#').append(id).append(":checked~.filters label[for=").append(id).append("]{background:var(--ink);color:#fff;border-color:var(--ink)}\n");
        }

        Verdict verdict = run.verdict();
        // a load command's page checks no requirement: its verdict is the load run's own, not conformance
        boolean loadOnly = run.load() != null && run.requirements().isEmpty();
        return new ReportView(
                visible(orDash(run.tool())),
                visible(orDash(run.version())),
                visible(orDash(run.target())),
                run.embedded() ? "embedded mcalab reference gateway" : "external gateway under test",
                run.startedAt() == null ? "-" : run.startedAt().toString(),
                Fmt.millis(run.wallTimeMillis()),
                facts(run.environment()),
                loadOnly ? loadWord(verdict) : verdict.label(),
                verdict.name().toLowerCase(Locale.ROOT).replace('_', '-'),
                loadOnly ? explainLoad(verdict) : explain(verdict),
                counts,
                scenarios.size(),
                SvgChart.statusBar(segments),
                requirementRows(),
                coverageSummary(),
                statusFilters,
                groupFilters,
                groupCss.toString(),
                scenarios.stream().map(s -> scenario(s, groups.indexOf(coverage.groupOf(s)) + 1)).toList(),
                robustness(run.robustness()),
                load(run.load()),
                loadOnly ? "load report" : "compliance report",
                run.preflight() == null ? List.of() : run.preflight().findings().stream().map(f -> visible(f)).toList());
    }

    private static String loadWord(Verdict verdict) {
        return switch (verdict) {
            case CONFORMANT -> "PASSED";
            case NON_CONFORMANT -> "FAILED";
            case INCOMPLETE -> "INCOMPLETE";
        };
    }

    private static String explainLoad(Verdict verdict) {
        return switch (verdict) {
            case CONFORMANT -> "The load run met its own verdict (see Load below); a load run checks no requirement.";
            case NON_CONFORMANT -> "The load run did not meet its verdict: see Load below.";
            case INCOMPLETE -> "The load run ended in an error before it could give a verdict.";
        };
    }

    private void assignAnchors() {
        Set<String> used = new HashSet<>();
        for (RequirementCoverage.Row row : coverage.rows()) {
            requirementAnchors.put(row.requirement().id(), unique("req-" + slug(row.requirement().id()), used));
        }
        for (ScenarioResult s : coverage.scenarios()) {
            String anchor = unique("sc-" + slug(orDash(s.id())), used);
            anchorOf.put(s, anchor);
        }
    }

    private String explain(Verdict verdict) {
        long fail = run.count(Status.FAIL);
        long error = run.count(Status.ERROR);
        long blocked = run.count(Status.BLOCKED);
        List<String> unverified = coverage.unverifiedMust().stream().map(r -> r.requirement().id()).toList();
        return switch (verdict) {
            case CONFORMANT -> "Every MUST requirement was verified by a scenario that ran and passed"
                    + (run.robustness() != null ? ", and every robustness probe passed." : ".");
            case NON_CONFORMANT -> (fail > 0 ? plural(fail, "scenario") + " failed: the gateway does not meet the requirements "
                    + (fail == 1 ? "it covers" : "they cover") : "A robustness probe failed")
                    + (error + blocked > 0 ? "; " + plural(error + blocked, "more") + " ended in an error or blocked." : ".");
            case INCOMPLETE -> "Nothing failed, but the run could not verify everything"
                    + (error + blocked > 0 ? " (" + plural(error, "error") + ", " + blocked + " blocked)" : "")
                    + (unverified.isEmpty() ? "." : ". MUST requirements not verified: " + String.join(", ", unverified) + ".");
        };
    }

    private String coverageSummary() {
        long total = coverage.rows().stream().filter(RequirementCoverage.Row::catalogued).count();
        long covered = coverage.rows().stream()
                .filter(r -> r.catalogued() && r.outcome() != RequirementCoverage.Outcome.NOT_COVERED).count();
        long passing = coverage.rows().stream()
                .filter(r -> r.catalogued() && r.outcome() == RequirementCoverage.Outcome.PASS).count();
        long ran = coverage.rows().stream().filter(r -> r.catalogued() && r.scenarios().stream()
                .anyMatch(sc -> sc.status() != Status.SKIPPED && sc.status() != Status.BLOCKED)).count();
        return covered + " of " + total + " requirements have a scenario in this run; " + ran + " had one that ran; "
                + passing + " verified (a scenario ran and passed, none failed, erred or was blocked).";
    }

    private List<RequirementRow> requirementRows() {
        List<RequirementRow> rows = new ArrayList<>();
        String lastGroup = null;
        for (RequirementCoverage.Row row : coverage.rows()) {
            RequirementInfo r = row.requirement();
            String group = orDash(r.group());
            List<Link> links = row.scenarios().stream()
                    .map(s -> new Link(visible(orDash(s.id())), "#" + anchorOf.get(s), statusClass(s.status()),
                            statusLabel(s.status()) + ": " + visible(orDash(s.title()))))
                    .toList();
            rows.add(new RequirementRow(visible(r.id()), requirementAnchors.get(r.id()), visible(orEmpty(r.level())),
                    visible(orEmpty(r.text())), visible(group), group.equals(lastGroup) ? null : visible(group),
                    row.catalogued(), links, outcomeLabel(row.outcome()),
                    row.outcome().name().toLowerCase(Locale.ROOT).replace('_', '-')));
            lastGroup = group;
        }
        return rows;
    }

    private ScenarioView scenario(ScenarioResult s, int groupIndex) {
        List<Link> reqs = RequirementCoverage.requirementIds(s).stream()
                .map(id -> new Link(visible(id), "#" + requirementAnchors.get(id), "", ""))
                .toList();
        Status status = s.status() == null ? Status.ERROR : s.status();
        return new ScenarioView(
                visible(orDash(s.id())),
                anchorOf.get(s),
                visible(orEmpty(s.title())),
                reqs,
                visible(orDash(s.level())),
                visible(orDash(s.profile())),
                visible(String.join(", ", Objects.requireNonNullElse(s.tags(), List.of()))),
                statusLabel(status),
                statusClass(status),
                "g-" + groupIndex,
                visible(orEmpty(s.expected())),
                visible(orEmpty(s.expectedText())),
                visible(orEmpty(s.observed())),
                visible(orEmpty(s.observedText())),
                s.baselineReason() == null || s.baselineReason().isBlank() ? null : visible(s.baselineReason()),
                Fmt.millis(s.durationMillis()),
                evidence(s.evidence()),
                s.step() == null || s.step().isBlank() ? null : visible(s.step()));
    }

    private static EvidenceView evidence(Evidence e) {
        Evidence ev = e == null ? Evidence.empty() : e;
        List<ExchangeView> exchanges = list(ev.exchanges()).stream().filter(Objects::nonNull).map(ReportViewBuilder::exchange).toList();
        List<CertView> certs = list(ev.certificates()).stream().filter(Objects::nonNull).map(ReportViewBuilder::certificate).toList();
        List<TraceView> trace = list(ev.gatewayTrace()).stream().filter(Objects::nonNull)
                .map(t -> new TraceView(visible(orEmpty(t.time())), visible(orEmpty(t.category())), visible(orEmpty(t.message()))))
                .toList();
        List<Fact> timings = new ArrayList<>();
        if (ev.timingsMillis() != null) {
            ev.timingsMillis().forEach((k, v) -> timings.add(new Fact(visible(k), v == null ? "-" : Fmt.millis(v))));
        }
        List<String> notes = list(ev.notes()).stream().filter(Objects::nonNull).map(n -> visible(n)).toList();
        String tlsProtocol = ev.tls() == null ? null : visible(orDash(ev.tls().protocol()));
        String tlsCipher = ev.tls() == null ? null : visible(orDash(ev.tls().cipherSuite()));

        List<String> parts = new ArrayList<>();
        if (!exchanges.isEmpty()) {
            parts.add(plural(exchanges.size(), "XML exchange"));
        }
        if (!certs.isEmpty()) {
            parts.add(plural(certs.size(), "certificate"));
        }
        if (tlsProtocol != null) {
            parts.add(tlsProtocol);
        }
        if (!trace.isEmpty()) {
            parts.add(plural(trace.size(), "trace line"));
        }
        if (!notes.isEmpty()) {
            parts.add(plural(notes.size(), "note"));
        }
        return new EvidenceView(parts.isEmpty() ? "none recorded" : String.join(" \u00b7 ", parts),
                exchanges, certs, tlsProtocol, tlsCipher, timings, notes, trace);
    }

    private static ExchangeView exchange(XmlExchange x) {
        String request = (orEmpty(x.method()) + " " + orEmpty(x.path())).strip();
        String status = x.httpStatus() > 0 ? "HTTP " + x.httpStatus() : "";
        return new ExchangeView(visible(orDash(x.direction()).replace("->", "\u2192")), visible(request), status,
                visible(XmlIndenter.indent(x.body())),
                x.signedBytesSha256() == null || x.signedBytesSha256().isBlank() ? null : visible(x.signedBytesSha256()));
    }

    private static CertView certificate(CertificateInfo c) {
        String type = orEmpty(c.keyType());
        // "EC P-256" already says its size; "RSA" does not.
        boolean sized = c.keyBits() > 0 && !type.contains(String.valueOf(c.keyBits()));
        String key = type + (sized ? " " + c.keyBits() : "");
        return new CertView(visible(orDash(c.role())), visible(orDash(c.subject())), visible(orDash(c.issuer())),
                visible(orDash(c.serial())), visible(key.isBlank() ? "-" : key.strip()), visible(orDash(c.signatureAlgorithm())),
                visible(c.eku() == null || c.eku().isEmpty() ? "(none)" : String.join(", ", c.eku())),
                visible(orDash(c.notBefore())), visible(orDash(c.notAfter())), visible(orDash(c.sha256Fingerprint())));
    }

    private static RobustnessView robustness(RobustnessSection r) {
        if (r == null) {
            return null;
        }
        List<ProbeView> probes = list(r.probes()).stream().filter(Objects::nonNull)
                .map(p -> new ProbeView(visible(orDash(p.kind())), visible(orDash(p.input())), p.attempts(),
                        visible(orDash(p.outcome())), p.passed()))
                .toList();
        List<String> leaks = list(r.leaks()).stream().filter(l -> l != null && !l.isBlank() && !l.strip().equalsIgnoreCase("none"))
                .map(l -> visible(l)).toList();
        return new RobustnessView(probes, probes.stream().filter(ProbeView::passed).count(), leaks);
    }

    private static LoadView load(LoadSection l) {
        if (l == null) {
            return null;
        }
        List<Fact> summary = new ArrayList<>();
        if (l.summary() != null) {
            l.summary().forEach((k, v) -> summary.add(new Fact(visible(k), v == null ? "-" : Fmt.number(v))));
        }
        List<String> charts = new ArrayList<>();
        if (l.series() != null) {
            l.series().forEach((name, points) ->
                    charts.add(SvgChart.lineChart(visible(name), unitOf(name), list(points))));
        }
        List<Map.Entry<String, Double>> pct = new ArrayList<>();
        if (l.latencyPercentilesMillis() != null) {
            l.latencyPercentilesMillis().forEach((k, v) -> pct.add(Map.entry(k, v == null ? Double.NaN : v)));
        }
        // p50 < p90 < p99 < p99.9 by the number, not by the string.
        pct.sort(Comparator.comparingDouble((Map.Entry<String, Double> e) -> percentileRank(e.getKey())).thenComparing(Map.Entry::getKey));
        List<Fact> percentiles = pct.stream().map(e -> new Fact(visible(e.getKey()), Fmt.number(e.getValue()) + " ms")).toList();
        String pctSvg = pct.isEmpty() ? null : SvgChart.barChart("Login latency percentiles", "ms",
                pct.stream().map(e -> new SvgChart.Bar(visible(e.getKey()), e.getValue())).toList());
        return new LoadView(visible(orDash(l.kind())), visible(orEmpty(l.command())), summary, charts, percentiles, pctSvg);
    }

    /** A unit for the y axis from the series name: "logins_per_s" -> "logins/s", "goodput_mbit_s" -> "Mbit/s". */
    static String unitOf(String series) {
        String n = series == null ? "" : series.toLowerCase(Locale.ROOT);
        if (n.contains("mbit")) {
            return "Mbit/s";
        }
        if (n.contains("login")) {
            return "logins/s";
        }
        if (n.endsWith("_ms") || n.contains("latency")) {
            return "ms";
        }
        if (n.contains("per_s") || n.endsWith("/s")) {
            return "per second";
        }
        return "";
    }

    private static double percentileRank(String key) {
        Matcher m = PERCENTILE.matcher(key == null ? "" : key.strip());
        return m.matches() ? Double.parseDouble(m.group(1)) : Double.MAX_VALUE;
    }

    private static List<Fact> facts(Map<String, String> map) {
        List<Fact> facts = new ArrayList<>();
        if (map != null) {
            map.forEach((k, v) -> facts.add(new Fact(visible(k), visible(orDash(v)))));
        }
        return facts;
    }

    static String statusLabel(Status s) {
        return switch (s == null ? Status.ERROR : s) {
            case PASS -> "PASS";
            case FAIL -> "FAIL";
            case KNOWN_DEVIATION -> "KNOWN DEVIATION";
            case UNEXPECTED_PASS -> "UNEXPECTED PASS";
            case ERROR -> "ERROR";
            case SKIPPED -> "SKIPPED";
            case BLOCKED -> "BLOCKED";
        };
    }

    static String statusClass(Status s) {
        return (s == null ? Status.ERROR : s).name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    private static String outcomeLabel(RequirementCoverage.Outcome o) {
        return switch (o) {
            case PASS -> "PASS";
            case FAIL -> "FAIL";
            case ERROR -> "ERROR";
            case BLOCKED -> "BLOCKED";
            case KNOWN_DEVIATION -> "KNOWN DEVIATION";
            case NOT_RUN -> "NOT RUN";
            case NOT_COVERED -> "NOT COVERED";
        };
    }

    /** Ids become fragment identifiers: letters, digits, '-', '_' and '.' survive, the rest turns into '_'. */
    static String slug(String id) {
        return id.replaceAll("[^A-Za-z0-9_.-]", "_");
    }

    private static String unique(String anchor, Set<String> used) {
        String candidate = anchor;
        for (int n = 2; !used.add(candidate); n++) {
            candidate = anchor + "-" + n;
        }
        return candidate;
    }

    private static String plural(long n, String noun) {
        return n + " " + noun + (n == 1 || noun.equals("more") ? "" : "s");
    }

    private static <T> List<T> list(List<T> l) {
        return l == null ? List.of() : l;
    }

    private static String orDash(String s) {
        return s == null || s.isBlank() ? "-" : s;
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }
}
