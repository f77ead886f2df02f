package org.mcalab.conformance.suite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mcalab.reports.model.Status;

class BaselineTest {
    @Test
    void listedFailuresBecomeKnownDeviationsAndListedPassesUnexpectedPasses(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("baseline.yaml");
        Files.writeString(file, """
                - id: LIM5-EC-USER
                  reason: vendor accepts P-256 by design (ticket 42)
                - id: PKI3-USER-REVOKED
                  reason: CRL fetching disabled in the lab
                """);
        Baseline b = Baseline.read(file);
        assertThat(b.apply("LIM5-EC-USER", Status.FAIL)).isEqualTo(Status.KNOWN_DEVIATION);
        assertThat(b.apply("PKI3-USER-REVOKED", Status.PASS)).isEqualTo(Status.UNEXPECTED_PASS);
        assertThat(b.apply("LIM5-EC-USER", Status.SKIPPED)).isEqualTo(Status.SKIPPED);
        assertThat(b.apply("LIM5-EC-USER", Status.ERROR)).isEqualTo(Status.ERROR);
        assertThat(b.apply("OTHER", Status.FAIL)).as("regressions still fail").isEqualTo(Status.FAIL);
        assertThat(b.reason("LIM5-EC-USER")).contains("vendor accepts P-256 by design (ticket 42)");
        assertThat(b.unknownIds(List.of("LIM5-EC-USER"))).containsExactly("PKI3-USER-REVOKED");
    }

    @Test
    void aMissingOrMalformedFileIsAnErrorNamingIt(@TempDir Path dir) throws IOException {
        assertThatThrownBy(() -> Baseline.read(dir.resolve("nope.yaml"))).isInstanceOf(IOException.class)
                .hasMessageContaining("nope.yaml");
        Path bad = dir.resolve("bad.yaml");
        Files.writeString(bad, "- reason: no id\n");
        assertThatThrownBy(() -> Baseline.read(bad)).hasMessageContaining("needs an id");
        Files.writeString(bad, "id: not-a-list\n");
        assertThatThrownBy(() -> Baseline.read(bad)).hasMessageContaining("YAML list");
    }
}
