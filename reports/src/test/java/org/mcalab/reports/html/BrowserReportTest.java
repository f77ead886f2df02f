package org.mcalab.reports.html;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mcalab.reports.ReportWriter;
import org.mcalab.reports.SampleRuns;

/**
 * Opens report.html in a real browser (Debian chromium, headless) and checks what it built from the page.
 * Chromium is required: without it this test fails, unless MCALAB_SKIP_BROWSER=1 says to skip it.
 */
@Tag("interop")
class BrowserReportTest {

    private static final long TIMEOUT_SECONDS = 60;

    @Test
    void chromiumShowsVerdictCountsAndEvidence(@TempDir Path dir) throws Exception {
        Path chromium = chromium();
        Path html = ReportWriter.writeHtml(SampleRuns.mixed(), dir.resolve("report.html"));

        Document dom = Jsoup.parse(dumpDom(chromium, html, dir));

        assertThat(dom.select("#verdict .word").text()).isEqualTo("NON-CONFORMANT");
        assertThat(dom.select("ul.counts li[data-status=pass] .n").text()).isEqualTo("2");
        assertThat(dom.select("ul.counts li[data-status=fail] .n").text()).isEqualTo("1");
        assertThat(dom.select("ul.counts li[data-status=known-deviation] .n").text()).isEqualTo("1");
        assertThat(dom.select("article.sc")).hasSize(7);

        Element happy = dom.getElementById("sc-" + SampleRuns.HAPPY_SCENARIO);
        assertThat(happy).as("evidence of the happy-path scenario").isNotNull();
        List<String> bodies = happy.select("details.evidence .exchange pre.xml").eachText();
        assertThat(bodies).hasSize(4);
        assertThat(bodies.get(1)).contains("<aggauth-handle>424242</aggauth-handle>", "multiple-client-cert-request");
        assertThat(happy.select("details.evidence .signed").text()).contains(SampleRuns.SIGNED_SHA256);

        // The hostile body arrived in the browser as text: no element was made of it, no script added.
        assertThat(dom.select("script")).hasSize(1);
        assertThat(dom.select("pre.xml script, pre.trace script, group-access")).isEmpty();
        assertThat(dom.getElementById("sc-" + SampleRuns.HOSTILE_SCENARIO).select("pre.xml").text()).contains("<script>alert(1)</script>");
    }

    private static Path chromium() {
        String override = System.getenv("MCALAB_CHROMIUM");
        Path chromium = Path.of(override != null && !override.isBlank() ? override : "/usr/bin/chromium");
        if (Files.isExecutable(chromium)) {
            return chromium;
        }
        if ("1".equals(System.getenv("MCALAB_SKIP_BROWSER"))) {
            System.err.println("""
                    ************************************************************************
                    * SKIPPING the browser test: no chromium at %s
                    * (MCALAB_SKIP_BROWSER=1). report.html was NOT checked in a browser.
                    ************************************************************************""".formatted(chromium));
            Assumptions.abort("chromium missing and MCALAB_SKIP_BROWSER=1");
        }
        return fail("no chromium at " + chromium + ": install it (apt-get install chromium) "
                + "or set MCALAB_SKIP_BROWSER=1 to skip the browser test");
    }

    private static String dumpDom(Path chromium, Path html, Path dir) throws IOException, InterruptedException {
        Path profile = Files.createDirectories(dir.resolve("chromium-profile"));
        Path out = dir.resolve("dom.html");
        Path err = dir.resolve("chromium.log");
        List<String> command = new ArrayList<>(List.of(chromium.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--disable-dev-shm-usage", "--user-data-dir=" + profile, "--dump-dom",
                html.toUri().toString()));
        Process p = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        try {
            if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                fail("chromium did not finish within " + TIMEOUT_SECONDS + " s; log:\n" + tail(err));
            }
            String dom = Files.readString(out, StandardCharsets.UTF_8);
            if (p.exitValue() != 0 || dom.isBlank()) {
                fail("chromium exited " + p.exitValue() + " with " + dom.length() + " characters of DOM; log:\n" + tail(err));
            }
            return dom;
        } finally {
            // Chromium forks helpers (zygote, renderer): end them while they are still known as descendants.
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            p.waitFor(10, TimeUnit.SECONDS);
        }
    }

    private static String tail(Path log) throws IOException {
        if (!Files.exists(log)) {
            return "(no log)";
        }
        List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
    }
}
