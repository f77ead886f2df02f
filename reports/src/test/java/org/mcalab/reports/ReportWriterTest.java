package org.mcalab.reports;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportWriterTest {

    @Test
    void writesTheThreeFilesIntoANewFolder(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("nested/out");
        ReportFiles files = ReportWriter.write(SampleRuns.mixed(), out);

        assertThat(files.json()).isEqualTo(out.resolve("results.json")).isRegularFile();
        assertThat(files.junit()).isEqualTo(out.resolve("junit.xml")).isRegularFile();
        assertThat(files.html()).isEqualTo(out.resolve("report.html")).isRegularFile();
        assertThat(Files.list(out)).hasSize(3);   // no temporary files left behind
        assertThat(Files.readString(files.html())).startsWith("<!DOCTYPE html>");
        // Reports are for sharing: the mode of any new file (umask), not the owner-only mode of a temp file.
        Path plain = Files.writeString(dir.resolve("plain.txt"), "x");
        assertThat(Files.getPosixFilePermissions(files.html())).isEqualTo(Files.getPosixFilePermissions(plain));
    }

    @Test
    void overwritesAnEarlierReport(@TempDir Path dir) throws Exception {
        ReportWriter.write(SampleRuns.mixed(), dir);
        ReportWriter.write(SampleRuns.conformant(), dir);
        assertThat(ResultsJson.read(dir.resolve("results.json")).scenarios()).hasSize(2);
    }
}
