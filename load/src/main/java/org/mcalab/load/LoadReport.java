package org.mcalab.load;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mcalab.reports.ReportWriter;
import org.mcalab.reports.model.Evidence;
import org.mcalab.reports.model.LoadSection;
import org.mcalab.reports.model.Run;
import org.mcalab.reports.model.ScenarioResult;
import org.mcalab.reports.model.Status;

/**
 * What a load run measured, from mcalab's own counters: written as {@code load.json} and rendered as the load
 * section of {@code report.html}.
 *
 * @param kind       "logins" or "tunnel"
 * @param command    the command line, as typed
 * @param passed     mcalab's verdict: every login (or every tunnel) succeeded and something was measured
 * @param tlsEngine  "openssl" (netty-tcnative BoringSSL) or "jdk"
 * @param summary    named figures (logins_per_s, goodput_mbit_s, packets_per_s, gateway_cpu_percent...)
 * @param latencyPercentilesMillis login latency or echo RTT: "p50" -> ms
 * @param series     per-second time series: name -> [second, value]
 * @param links      other artefacts, relative to the output directory (gatling -> the Gatling HTML report)
 */
public record LoadReport(String kind, String command, Instant startedAt, double wallSeconds, String target,
                         boolean embedded, boolean passed, String verdictText, String tlsEngine,
                         Map<String, Double> summary, Map<String, Double> latencyPercentilesMillis,
                         Map<String, List<double[]>> series, List<String> notes, Map<String, String> links) {

    public static final String JSON_FILE = "load.json";

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    /** This report with one more note (e.g. where the gateway ran, which only the command knows). */
    public LoadReport withNote(String note) {
        List<String> more = new ArrayList<>(notes);
        more.add(note);
        return new LoadReport(kind, command, startedAt, wallSeconds, target, embedded, passed, verdictText, tlsEngine,
                summary, latencyPercentilesMillis, series, more, links);
    }

    public LoadSection section() {
        return new LoadSection(kind, command, summary, series, latencyPercentilesMillis);
    }

    /** Writes load.json and report.html (the HTML report's load section; one pseudo-scenario carries the verdict). */
    public Path write(Path dir) throws IOException {
        Files.createDirectories(dir);
        Path json = dir.resolve(JSON_FILE);
        Path tmp = dir.resolve("." + JSON_FILE + ".tmp");
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("kind", kind);
        doc.put("command", command);
        doc.put("startedAt", startedAt.toString());
        doc.put("wallSeconds", wallSeconds);
        doc.put("target", target);
        doc.put("embedded", embedded);
        doc.put("passed", passed);
        doc.put("verdict", verdictText);
        doc.put("tlsEngine", tlsEngine);
        doc.put("summary", summary);
        doc.put("latencyPercentilesMillis", latencyPercentilesMillis);
        doc.put("series", series);
        doc.put("notes", notes);
        doc.put("links", links);
        JSON.writeValue(tmp.toFile(), doc);
        Files.move(tmp, json, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        ReportWriter.writeHtml(run(), dir.resolve(ReportWriter.HTML_FILE));
        return json;
    }

    Run run() {
        Map<String, String> environment = new LinkedHashMap<>();
        environment.put("java", System.getProperty("java.version"));
        environment.put("cpus", Integer.toString(Runtime.getRuntime().availableProcessors()));
        environment.put("tls engine", tlsEngine);
        links.forEach((k, v) -> environment.put(k + " report", v));
        ScenarioResult verdict = new ScenarioResult("load-" + kind, "Load: " + kind, List.of(), "INFO", null,
                List.of("load"), "no failure", passed ? "no failure" : "failures", "every " + unit() + " succeeds",
                verdictText, passed ? Status.PASS : Status.FAIL, null, Math.round(wallSeconds * 1000),
                new Evidence(List.of(), List.of(), null, List.of(), Map.of(), notes));
        return new Run("mcalab load " + kind, null, startedAt, Math.round(wallSeconds * 1000), target, embedded, environment,
                List.of(), List.of(verdict), null, section());
    }

    private String unit() {
        return kind.equals("logins") ? "login" : "tunnel";
    }
}
