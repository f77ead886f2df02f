package org.mcalab.reports.html;

import java.util.List;

/**
 * Everything the HTML template prints, already worded, ordered and cleaned of characters HTML cannot
 * show ({@link org.mcalab.reports.XmlText#visible}). Public only because jte's generated template
 * classes live in another package; build one with {@link ReportViewBuilder#of}.
 *
 * @param statusBarSvg and the chart fields are SVG written by {@link SvgChart}, which escapes its own text
 * @param groupFilterCss CSS rules for the group filter, made only from generated ids (g-1, g-2...)
 * @param findings       the preflight's findings about the gateway (what it does not do), shown first
 */
public record ReportView(
        String tool,
        String version,
        String target,
        String gatewayMode,
        String startedAt,
        String wallTime,
        List<Fact> environment,
        String verdict,
        String verdictClass,
        String verdictExplanation,
        List<StatusCount> counts,
        int total,
        String statusBarSvg,
        List<RequirementRow> requirements,
        String coverageSummary,
        List<Filter> statusFilters,
        List<Filter> groupFilters,
        String groupFilterCss,
        List<ScenarioView> scenarios,
        RobustnessView robustness,
        LoadView load,
        String kind,
        List<String> findings) {

    /** "mcalab 0.1.0", or just the tool when the run names no version. */
    public String toolAndVersion() {
        return "-".equals(version) ? tool : tool + " " + version;
    }

    public record Fact(String name, String value) {}

    public record StatusCount(String label, String cssClass, long count) {}

    /** A link with the status colour of what it points to. */
    public record Link(String label, String href, String cssClass, String title) {}

    /** @param groupHeader the group name when this row starts a new group, else null */
    public record RequirementRow(String id, String anchor, String level, String text, String group, String groupHeader,
                                 boolean catalogued, List<Link> scenarios, String outcome, String outcomeClass) {}

    /** A CSS-only filter choice: a radio input with this id and a label. */
    public record Filter(String inputId, String label, long count) {}

    public record ScenarioView(String id, String anchor, String title, List<Link> requirements, String level,
                               String profile, String tags, String status, String statusClass, String groupClass,
                               String expected, String expectedText, String observed, String observedText,
                               String baselineReason, String duration, EvidenceView evidence, String step) {}

    /** @param summary e.g. "3 XML exchanges · 2 certificates · 27 trace lines" */
    public record EvidenceView(String summary, List<ExchangeView> exchanges, List<CertView> certificates,
                               String tlsProtocol, String tlsCipher, List<Fact> timings, List<String> notes,
                               List<TraceView> trace) {
        public boolean empty() {
            return exchanges.isEmpty() && certificates.isEmpty() && tlsProtocol == null && timings.isEmpty()
                    && notes.isEmpty() && trace.isEmpty();
        }
    }

    /** @param body the message indented for reading (the signed bytes are the original, see signedSha256) */
    public record ExchangeView(String direction, String request, String httpStatus, String body, String signedSha256) {}

    public record CertView(String role, String subject, String issuer, String serial, String key, String signatureAlgorithm,
                           String eku, String notBefore, String notAfter, String sha256Fingerprint) {}

    public record TraceView(String time, String category, String message) {}

    public record RobustnessView(List<ProbeView> probes, long passed, List<String> leaks) {}

    public record ProbeView(String kind, String input, int attempts, String outcome, boolean passed) {}

    public record LoadView(String kind, String command, List<Fact> summary, List<String> seriesSvgs,
                           List<Fact> percentiles, String percentilesSvg) {}
}
