package org.mcalab.reports;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.mcalab.reports.html.HtmlReport;
import org.mcalab.reports.model.Run;

/**
 * Writes a run's three reports: results.json (data), junit.xml (for CI) and report.html (for people).
 * Each file is written to a temporary sibling and then moved into place, so a reader never sees half a report.
 */
public final class ReportWriter {

    public static final String JSON_FILE = "results.json";
    public static final String JUNIT_FILE = "junit.xml";
    public static final String HTML_FILE = "report.html";

    private ReportWriter() {}

    /** Writes results.json, junit.xml and report.html into {@code outDir}, creating it when missing. */
    public static ReportFiles write(Run run, Path outDir) throws IOException {
        Files.createDirectories(outDir);
        return new ReportFiles(
                writeJson(run, outDir.resolve(JSON_FILE)),
                writeJunit(run, outDir.resolve(JUNIT_FILE)),
                writeHtml(run, outDir.resolve(HTML_FILE)));
    }

    public static Path writeJson(Run run, Path file) throws IOException {
        return replace(file, ResultsJson.toJson(run));
    }

    public static Path writeJunit(Run run, Path file) throws IOException {
        return replace(file, JunitXml.render(run));
    }

    public static Path writeHtml(Run run, Path file) throws IOException {
        return replace(file, HtmlReport.render(run));
    }

    private static Path replace(Path file, String content) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        if (dir != null) {
            Files.createDirectories(dir);
        }
        // Not createTempFile: its owner-only permissions would stick to the report after the move.
        Path tmp = file.resolveSibling("." + file.getFileName() + ".tmp");
        try {
            Files.writeString(tmp, content, StandardCharsets.UTF_8);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
        return file;
    }
}
