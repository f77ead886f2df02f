package org.mcalab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mcalab.reports.ResultsJson;
import org.mcalab.reports.model.Run;
import org.mcalab.reports.model.Verdict;
import org.mcalab.simulator.scenario.Catalogue;
import org.mcalab.simulator.scenario.Scenario;

/**
 * {@code mcalab suite --target} against two gateways nobody on the project wrote as a reference (issue 12, item 6):
 * a deliberately sloppy MCA gateway and ocserv from apt, which has no MCA. The suite must say what is true of them:
 * no false pass, no false failure ({@link ForeignTruth}), the sloppy gateway's happy path passes and each of its
 * defects fails under its requirement id, ocserv is reported as not implementing MCA.
 */
@Tag("interop")
class ForeignGatewaySuiteTest {
    @TempDir
    static Path shared;
    static Path pki;

    @BeforeAll
    static void mintPki() {
        pki = shared.resolve("pki");
        assertThat(Main.run("pki", "init", "--out", pki.toString())).isZero();
    }

    @Test
    void sloppyGatewayRequirementMatch(@TempDir Path work) throws Exception {
        sloppyGateway(work, false);
    }

    @Test
    void sloppyGatewayRefusalMatch(@TempDir Path work) throws Exception {
        sloppyGateway(work, true);
    }

    private void sloppyGateway(Path work, boolean refusalMode) throws Exception {
        Assumptions.assumeTrue(SloppyGateway.available(), "python3 and openssl are needed");
        Path out = work.resolve("out");
        int exit;
        String terminal;
        String gatewayLog;
        try (SloppyGateway gateway = SloppyGateway.start(pki, work)) {
            List<String> args = new ArrayList<>(List.of("suite", "--target", gateway.url().toString(), "--pki",
                    pki.toString(), "--out", out.toString()));
            if (refusalMode) {
                args.addAll(List.of("--match", "refusal"));
            }
            ByteArrayOutputStream captured = new ByteArrayOutputStream();
            PrintStream saved = System.out;
            System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
            try {
                exit = Main.run(args.toArray(String[]::new));
            } finally {
                System.setOut(saved);
            }
            terminal = captured.toString(StandardCharsets.UTF_8);
            gatewayLog = gateway.log();
        }
        Run run = ResultsJson.read(out.resolve("results.json"));
        ForeignTruth truth = ForeignTruth.sloppy(refusalMode);
        System.out.printf("sloppy gateway, --match %s: %d false passes, %d false failures, wall time %d ms%n",
                refusalMode ? "refusal" : "requirement", truth.falsePasses(run), truth.falseFailures(run), run.wallTimeMillis());

        assertThat(truth.ids()).containsExactlyInAnyOrderElementsOf(catalogueIds());
        assertThat(gatewayLog).as("the gateway really issued sessions").contains("auth-reply accepted: session issued");
        assertThat(truth.falseVerdicts(run)).as("statuses the sloppy gateway's behaviour does not allow\n" + terminal).isEmpty();
        assertThat(run.verdict()).isEqualTo(Verdict.NON_CONFORMANT);
        assertThat(exit).isEqualTo(Main.FAILED);
        // the missing aggauth-handle is one gateway-wide finding under its own requirement
        assertThat(terminal).contains("MCA-FLOW-1").contains("aggauth-handle");
        assertThat(terminal).doesNotContain("does not implement MCA");
    }

    @Test
    void ocservIsReportedAsNotImplementingMca(@TempDir Path work) throws Exception {
        Assumptions.assumeTrue(OcservNamespace.available(), "root, ocserv and ip are needed");
        Path out = work.resolve("out");
        Path terminal = work.resolve("suite.txt");
        int exit;
        try (OcservNamespace ocserv = OcservNamespace.start(pki, work)) {
            // the suite runs inside ocserv's namespace: its tunnel packets end in ocserv's tun device there
            List<String> suite = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), Main.class.getName(), "suite",
                    "--target", ocserv.url(), "--cert-group-url", ocserv.url(), "--pki", pki.toString(),
                    "--out", out.toString(), "--match", "refusal");
            Process p = new ProcessBuilder(ocserv.command(suite)).redirectErrorStream(true).redirectOutput(terminal.toFile()).start();
            if (!p.waitFor(5, TimeUnit.MINUTES)) {
                p.destroyForcibly().waitFor();
            }
            exit = p.exitValue();
        }
        String text = Files.readString(terminal);
        assertThat(text).as(text).contains("does not implement MCA");
        Run run = ResultsJson.read(out.resolve("results.json"));
        ForeignTruth truth = ForeignTruth.ocserv();
        System.out.printf("ocserv: %d false passes, %d false failures, wall time %d ms%n",
                truth.falsePasses(run), truth.falseFailures(run), run.wallTimeMillis());

        assertThat(truth.ids()).containsExactlyInAnyOrderElementsOf(catalogueIds());
        assertThat(truth.falseVerdicts(run)).as("statuses ocserv's behaviour does not allow\n" + text).isEmpty();
        assertThat(run.verdict()).isNotEqualTo(Verdict.CONFORMANT);
        assertThat(exit).isNotZero();
    }

    private static List<String> catalogueIds() {
        return Catalogue.builtIn().scenarios().stream().map(Scenario::id).toList();
    }
}
