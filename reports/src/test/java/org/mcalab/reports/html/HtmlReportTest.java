package org.mcalab.reports.html;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.mcalab.reports.ResultsJson;
import org.mcalab.reports.SampleRuns;
import org.mcalab.reports.model.Run;
import org.mcalab.reports.model.ScenarioResult;
import org.mcalab.reports.model.Status;

class HtmlReportTest {

    private static final String HTML = HtmlReport.render(SampleRuns.mixed());

    @Test
    void hostileEvidenceIsShownAsTextNeverAsMarkup() {
        assertThat(HTML).doesNotContain("<script>alert(1)</script>").doesNotContain("<script>alert(2)</script>")
                .contains("&lt;script&gt;alert(1)&lt;/script&gt;")
                .contains("&lt;!DOCTYPE config-auth [&lt;!ENTITY xxe SYSTEM \"file:///etc/passwd\"&gt;]&gt;");
        // The title of the hostile scenario holds "<script>" too.
        assertThat(HTML).contains("XXE DOCTYPE with &lt;script&gt; in group-access");
        // Our own progressive-enhancement script is the only one.
        assertThat(Pattern.compile("<script\\b").matcher(HTML).results().count()).isEqualTo(1);

        Document doc = Jsoup.parse(HTML);
        assertThat(doc.select("script")).hasSize(1);
        Element hostile = doc.getElementById("sc-" + SampleRuns.HOSTILE_SCENARIO);
        assertThat(hostile.select("pre.xml").text()).contains("<script>alert(1)</script>");
        assertThat(hostile.select("pre.trace").text()).contains("DOCTYPE is not allowed <script>alert(2)</script>");
    }

    @Test
    void controlCharactersBecomeVisibleEscapes() {
        assertThat(HTML).doesNotContain("\u0001").contains("reset the connection.\\u0001 No HTTP response");
    }

    @Test
    void sameRunGivesIdenticalBytesAlsoAfterAJsonRoundTrip() throws Exception {
        assertThat(HtmlReport.render(SampleRuns.mixed())).isEqualTo(HTML);
        Run back = ResultsJson.parse(ResultsJson.toJson(SampleRuns.mixed()));
        assertThat(HtmlReport.render(back)).isEqualTo(HTML);
    }

    @Test
    void selfContainedNothingFetched() {
        Document doc = Jsoup.parse(HTML);
        assertThat(doc.select("[src]")).isEmpty();
        assertThat(doc.select("link")).isEmpty();
        assertThat(doc.select("a[href]")).allSatisfy(a -> assertThat(a.attr("href")).startsWith("#"));
        assertThat(HTML).doesNotContain("url(").doesNotContain("@import");
    }

    @Test
    void aLoadRunIsALoadReportWithItsOwnVerdictNotAComplianceVerdict() {
        String load = HtmlReport.render(SampleRuns.loadOnly());
        assertThat(load).contains("mcalab load tunnel · load report", ">PASSED<", "a load run checks no requirement")
                .doesNotContain("compliance report", ">CONFORMANT<", "mcalab load tunnel -");
        assertThat(HTML).contains("mcalab 0.1.0 · compliance report");
    }

    @Test
    void headerShowsVerdictCountsAndRunFacts() {
        Document doc = Jsoup.parse(HTML);
        assertThat(doc.select("#verdict .word").text()).isEqualTo("NON-CONFORMANT");
        assertThat(doc.select("#verdict").hasClass("non-conformant")).isTrue();
        assertThat(doc.select("ul.counts li[data-status=pass] .n").text()).isEqualTo("2");
        assertThat(doc.select("ul.counts li[data-status=fail] .n").text()).isEqualTo("1");
        assertThat(doc.select("header .facts").text()).contains("https://127.0.0.1:8443/", "embedded mcalab reference gateway",
                "2026-03-01T10:15:30.123Z", "1 min 14 s", "openconnect 9.01-3");
        assertThat(doc.select("svg.statusbar rect")).hasSize(6);
        assertThat(doc.title()).startsWith("NON-CONFORMANT");
    }

    @Test
    void matrixDerivesRequirementStatusFromItsScenarios() {
        Document doc = Jsoup.parse(HTML);
        assertThat(doc.select("#req-MCA-LIM-5 .badge").text()).isEqualTo("FAIL");
        assertThat(doc.select("#req-MCA-FLOW-1 .badge").text()).isEqualTo("PASS");
        assertThat(doc.select("#req-MCA-FLOW-4 .badge").text()).isEqualTo("NOT COVERED");
        assertThat(doc.select("#req-MCA-LIM-6 .badge").text()).isEqualTo("KNOWN DEVIATION");
        assertThat(doc.select("#req-MCA-SES-4 .badge").text()).isEqualTo("NOT RUN");
        Element link = doc.select("#req-MCA-LIM-5 a.chip").first();
        assertThat(link.attr("href")).isEqualTo("#sc-LIM5-EC-USER-TLS");
        assertThat(doc.getElementById("sc-LIM5-EC-USER-TLS")).isNotNull();
    }

    @Test
    void scenariosAreOrderedByIdAndCarryFilterClasses() {
        Document doc = Jsoup.parse(HTML);
        List<String> ids = doc.select("article.sc").eachAttr("id");
        assertThat(ids).containsExactly("sc-FLOW1-INIT-ADVERTISES", "sc-FLOW6-HAPPY-PATH", "sc-LIM5-EC-USER-TLS",
                "sc-LIM6-SHA1-CHOSEN", "sc-PKI3-REVOKED-USER", "sc-ROB1-XXE-SCRIPT", "sc-SES4-DTLS-FALLBACK");
        assertThat(doc.getElementById("sc-LIM5-EC-USER-TLS").classNames()).contains("sc", "fail", "g-2");
        assertThat(doc.select("input.flt[type=radio][checked]").eachAttr("id")).containsExactly("st-all", "grp-all");
        assertThat(HTML).contains("#grp-2:checked~.sclist .sc:not(.g-2){display:none}");
    }

    @Test
    void evidenceShowsExchangesCertificatesTlsAndTrace() {
        Element sc = Jsoup.parse(HTML).getElementById("sc-" + SampleRuns.HAPPY_SCENARIO);
        assertThat(sc.select("details.evidence summary").text()).contains("4 XML exchanges", "2 certificates", "TLSv1.3", "13 trace lines");
        assertThat(sc.select(".signed").text()).contains(SampleRuns.SIGNED_SHA256);
        // Indented for display: the opaque element sits one level under config-auth.
        assertThat(sc.select("pre.xml").get(1).wholeText()).contains("\n  <opaque is-for=\"sg\">\n    <tunnel-group>LAB</tunnel-group>");
        assertThat(sc.select("table.certs").text()).contains("TLS (machine, 1M)", "CN=alice,OU=Eng,O=mcalab", "RSA 2048",
                "SHA256withRSA", "clientAuth, emailProtection", "2027-01-01T00:00:00Z", "D0:4F:22:8B");
        assertThat(sc.select("table.kv").text()).contains("TLS_AES_256_GCM_SHA384", "auth-reply 302 ms");
        assertThat(sc.select("pre.trace").text()).contains("10:15:31.124 aggregate-auth ssl [424242] Signature verify success");
    }

    @Test
    void baselineReasonAndExpectedVersusObservedAreInPlainWords() {
        Document doc = Jsoup.parse(HTML);
        assertThat(doc.select("#sc-LIM6-SHA1-CHOSEN .baseline").text()).contains("tracked as VPN-1432");
        assertThat(doc.select("#sc-LIM5-EC-USER-TLS table.eo").text())
                .contains("Expected The gateway refuses the login with MCA-LIM-5", "reject MCA-LIM-5",
                        "Observed The gateway accepted the login and returned a session token. accept");
    }

    @Test
    void aScenarioShowsItsStepUnderTestSoABlockedCardSaysWhereItStopped() {
        ScenarioResult blocked = new ScenarioResult("PKI3-REVOKED-USER", "revoked user certificate", List.of("MCA-PKI-3"),
                "MUST", "linux", List.of("pki"), "reject MCA-PKI-3", "reject (no requirement cited)",
                "The gateway refuses the auth-reply", "HTTP 404 before the challenge", Status.BLOCKED, null, 12, null,
                "auth-reply");
        Document doc = Jsoup.parse(HtmlReport.render(SampleRuns.withScenarios(List.of(blocked))));
        assertThat(doc.select("#sc-PKI3-REVOKED-USER .sc-meta").text()).contains("Step under test auth-reply");
        // results without a step (a load verdict) show no empty field
        assertThat(Jsoup.parse(HTML).select(".sc-meta").text()).doesNotContain("Step under test");
    }

    @Test
    void optionalSectionsAppearOnlyWhenPresent() {
        Document mixed = Jsoup.parse(HTML);
        assertThat(mixed.select("#robustness table.probes tbody tr")).hasSize(4);
        assertThat(mixed.select("#robustness .leaks").text()).contains("none");
        assertThat(mixed.select("#load svg.chart")).hasSize(3);
        assertThat(mixed.select("#load table.kv").text()).contains("logins_total 12\u2009360", "latency p99.9 41.7 ms");

        Document conformant = Jsoup.parse(HtmlReport.render(SampleRuns.conformant()));
        assertThat(conformant.getElementById("robustness")).isNull();
        assertThat(conformant.getElementById("load")).isNull();
        assertThat(conformant.select("#verdict .word").text()).isEqualTo("CONFORMANT");
        assertThat(conformant.select("header .facts").text()).contains("external gateway under test");
    }

    @Test
    void incompleteWhenOnlyErrors() {
        ScenarioResult err = SampleRuns.mixed().scenarios().stream().filter(s -> s.status() == Status.ERROR).findFirst().orElseThrow();
        Document doc = Jsoup.parse(HtmlReport.render(SampleRuns.withScenarios(List.of(err))));
        assertThat(doc.select("#verdict .word").text()).isEqualTo("INCOMPLETE");
        assertThat(doc.select("#verdict .why").text()).contains("1 error").contains("MUST requirements not verified");
    }

    @Test
    void survivesAnAlmostEmptyRun() {
        Run bare = new Run(null, null, null, 0, null, false, null, null, List.of(
                new ScenarioResult("X", null, null, null, null, null, null, null, null, null, null, null, 0, null)), null, null);
        Document doc = Jsoup.parse(HtmlReport.render(bare));
        assertThat(doc.select("article.sc")).hasSize(1);
        assertThat(doc.select("article.sc .badge").text()).isEqualTo("ERROR");
        Matcher m = Pattern.compile("Summary: (\\d+) scenarios").matcher(doc.text());
        assertThat(m.find()).isTrue();
        assertThat(m.group(1)).isEqualTo("1");
    }
}
