package org.mcalab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.mcalab.reports.ResultsJson;
import org.mcalab.reports.model.Run;

/** {@code mcalab soak}: a short soak passes, prints its figures and writes a report with a robustness section. */
class SoakCommandTest {
    @Tag("slow")
    @Test
    @Timeout(240)
    void shortSoakPassesPrintsFiguresAndWritesTheRobustnessSection(@TempDir Path out) throws Exception {
        PrintStream saved = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        int exit;
        try {
            System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
            exit = Main.run("soak", "--duration", "12s", "--rate", "5", "--out", out.toString());
        } finally {
            System.setOut(saved);
        }
        String printed = captured.toString(StandardCharsets.UTF_8);
        assertThat(exit).as(printed).isZero();
        assertThat(printed).contains("logins", "tunnels", "bad inputs", "sessions lost 0", "heap after GC",
                "leaks         none", "Soak passed");

        Run run = ResultsJson.read(out.resolve("results.json"));
        assertThat(run.robustness()).isNotNull();
        assertThat(run.robustness().leaks()).containsExactly("none");
        assertThat(run.robustness().probes()).isNotEmpty().allMatch(p -> p.passed());
        String html = Files.readString(out.resolve("report.html"));
        assertThat(html).contains("replayed auth-reply");
        // what the report must never carry
        String all = html + Files.readString(out.resolve("results.json")) + Files.readString(out.resolve("junit.xml"));
        assertThat(all).doesNotContain("PRIVATE KEY").doesNotContain("mcalab-alice");
    }

    @Test
    void durationsAreBoundedAndParsed() {
        assertThat(new SoakCommand.DurationText().convert("10m")).isEqualTo(Duration.ofMinutes(10));
        assertThat(new SoakCommand.DurationText().convert("90s")).isEqualTo(Duration.ofSeconds(90));
        assertThat(new SoakCommand.DurationText().convert("PT1M")).isEqualTo(Duration.ofMinutes(1));
        assertThat(Main.run("soak", "--duration", "2h")).isEqualTo(Main.USAGE);
        assertThat(Main.run("soak", "--rate", "0")).isEqualTo(Main.USAGE);
        assertThat(Main.run("soak", "--duration", "ten")).isEqualTo(Main.USAGE);
    }
}
