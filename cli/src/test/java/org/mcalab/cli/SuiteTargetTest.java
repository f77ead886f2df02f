package org.mcalab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mcalab.reports.ResultsJson;
import org.mcalab.reports.model.Run;
import org.mcalab.reports.model.ScenarioResult;
import org.mcalab.reports.model.Status;

/**
 * {@code suite --target} pointed at the reference gateway as at any foreign one: it is addressed only through the
 * command line, as openconnect is (issue 12).
 */
class SuiteTargetTest {
    private static EmbeddedGateway gateway;

    @BeforeAll
    static void start() {
        gateway = EmbeddedGateway.start(Set.of());
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    static Run suite(Path out, String path, String... more) throws Exception {
        List<String> args = new ArrayList<>(List.of("suite", "--target", gateway.url() + path, "--pki",
                gateway.pkiDir().toString(), "--out", out.toString(), "--no-robustness"));
        args.addAll(List.of(more));
        Main.run(args.toArray(String[]::new));
        return ResultsJson.read(out.resolve("results.json"));
    }

    static Map<String, ScenarioResult> byId(Run run) {
        return run.scenarios().stream().collect(Collectors.toMap(ScenarioResult::id, r -> r));
    }

    @Test
    void groupsNotGivenOnTheCommandLineAreSkippedWithTheOptionToGive(@TempDir Path out) throws Exception {
        Map<String, ScenarioResult> r = byId(suite(out, "/MCA", "--scenarios", "MCA-LIM-2,FLOW1-GROUP-SELECT,FLOW-HAPPY-LINUX"));

        assertThat(r.get("FLOW-HAPPY-LINUX").status()).as("the --target path is the MCA group").isEqualTo(Status.PASS);
        assertThat(r.get("LIM2-SINGLE-CERT-ON-CERT-GROUP").status()).isEqualTo(Status.SKIPPED);
        assertThat(r.get("LIM2-SINGLE-CERT-ON-CERT-GROUP").observedText()).contains("--cert-group-url");
        assertThat(r.get("LIM2-PASSWORD-ON-AAA-GROUP").observedText()).contains("--password-group-url");
        assertThat(r.get("FLOW1-GROUP-SELECT").status()).isEqualTo(Status.SKIPPED);
        assertThat(r.get("FLOW1-GROUP-SELECT").observedText()).contains("--authgroup");
        assertThat(r.get("LIM2-PASSWORD-ON-MCA-GROUP").status()).isEqualTo(Status.PASS);
    }

    @Test
    void givenGroupUrlsAndAuthgroupAreUsed(@TempDir Path out) throws Exception {
        Map<String, ScenarioResult> r = byId(suite(out, "/MCA", "--scenarios", "MCA-LIM-2,FLOW1-GROUP-SELECT",
                "--authgroup", "ANYCONNECT-MCA", "--cert-group-url", gateway.url() + "/CERT", "--password-group-url", "/AAA"));

        assertThat(r.values()).allSatisfy(s -> assertThat(s.status()).as(s.id() + ": " + s.observedText()).isEqualTo(Status.PASS));
        assertThat(r.get("FLOW1-GROUP-SELECT").evidence().exchanges().get(0).path()).isEqualTo("/");
        assertThat(r.get("FLOW1-GROUP-SELECT").evidence().exchanges().get(0).body())
                .contains("<group-select>ANYCONNECT-MCA</group-select>");
        assertThat(r.get("LIM2-SINGLE-CERT-ON-CERT-GROUP").evidence().exchanges().get(0).path()).isEqualTo("/CERT");
    }
}
