package org.mcalab.cli;

import org.mcalab.lab.EmbeddedGateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mcalab.gateway.GatewayChecks;
import org.mcalab.reports.ResultsJson;
import org.mcalab.reports.model.Run;
import org.mcalab.reports.model.ScenarioResult;
import org.mcalab.reports.model.Status;

/**
 * {@code suite --target} pointed at the reference gateway as at any foreign one: it is addressed only through the
 * command line, as openconnect is (issue 12).
 */
@Tag("slow")
class SuiteTargetTest {
    private static EmbeddedGateway gateway;

    @BeforeAll
    static void start() {
        gateway = EmbeddedGateway.start(EmbeddedGateway.Setup.suite(GatewayChecks.all()));
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    static Run suite(Path out, String path, String... more) throws Exception {
        exit(out, path, more);
        return ResultsJson.read(out.resolve("results.json"));
    }

    static int exit(Path out, String path, String... more) {
        List<String> args = new ArrayList<>(List.of("suite", "--target", gateway.url() + path, "--pki",
                gateway.pkiDir().toString(), "--out", out.toString(), "--no-robustness"));
        args.addAll(List.of(more));
        return Main.run(args.toArray(String[]::new));
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

    @Test
    void aUrlThatServesNoAggregateAuthBlocksEverythingAndSaysSoFirst(@TempDir Path out) throws Exception {
        int exit = exit(out, "/NOT-A-GROUP", "--scenarios", "FLOW-HAPPY-WINDOWS,LIM5-EC-USER,LIM1-NO-TLS-CERT,ROB1-XXE",
                "--match", "refusal");

        assertThat(exit).as("INCOMPLETE").isEqualTo(Main.USAGE);
        Run run = ResultsJson.read(out.resolve("results.json"));
        assertThat(run.preflight().findings()).anyMatch(f -> f.contains("answered HTTP 404") && f.contains("--target"));
        assertThat(run.scenarios()).allSatisfy(r -> assertThat(r.status()).as(r.id() + ": " + r.observedText())
                .isEqualTo(Status.BLOCKED));
        assertThat(run.verdict().label()).isEqualTo("INCOMPLETE");
        assertThat(byId(run).get("LIM5-EC-USER").step()).as("the step under test is in results.json").isEqualTo("auth-reply");
        assertThat(byId(run).get("LIM5-EC-USER").observed()).isEqualTo("blocked at preflight");
        String junit = Files.readString(out.resolve("junit.xml"));
        assertThat(junit).contains("failures=\"0\"").contains("type=\"blocked\"").contains("type=\"preflight\"");
        assertThat(Files.readString(out.resolve("report.html"))).contains("What the gateway does not do");
    }

    @Test
    void aGroupThatNeverAsksForTheSecondCertificateIsNoMcaAndItsRefusalsProveNothing(@TempDir Path out) throws Exception {
        int exit = exit(out, "/CERT", "--scenarios", "FLOW-HAPPY-WINDOWS,LIM1-NO-TLS-CERT,LIM5-EC-USER,FLOW1-CHALLENGE-SHAPE,"
                + "LIM2-SINGLE-CERT-ON-MCA-GROUP", "--match", "refusal");

        Run run = ResultsJson.read(out.resolve("results.json"));
        Map<String, ScenarioResult> r = byId(run);
        assertThat(run.preflight().findings()).anyMatch(f -> f.startsWith("this gateway never asked for a second certificate: "
                + "it does not implement MCA on " + gateway.url() + "/CERT"));
        assertThat(r.values()).filteredOn(sc -> !sc.id().startsWith("LIM2-"))
                .as("no MCA exchange can reach its step: none is run, none passes or fails")
                .allSatisfy(sc -> assertThat(sc.status()).as(sc.id()).isEqualTo(Status.BLOCKED));
        assertThat(r.get("LIM2-SINGLE-CERT-ON-MCA-GROUP").status()).as("one certificate let into the 'MCA' URL")
                .isEqualTo(Status.FAIL);
        assertThat(r.get("FLOW-HAPPY-WINDOWS").observedText()).startsWith("preflight: this gateway never asked for a second");
        assertThat(exit).as("NON-CONFORMANT").isEqualTo(Main.FAILED);
    }

    @Test
    void reportsHoldNoFullTokenNorPasswordAndTheSuiteLogsItsSessionsOut(@TempDir Path out) throws Exception {
        Run run = suite(out, "/MCA", "--scenarios", "FLOW-HAPPY-LINUX,LIM2-PASSWORD-ON-AAA-GROUP,FLOW7-CONNECT-MADE-UP-TOKEN",
                "--password-group-url", "/AAA");

        assertThat(run.scenarios()).allSatisfy(s -> assertThat(s.status()).as(s.id()).isEqualTo(Status.PASS));
        for (String file : List.of("results.json", "junit.xml", "report.html")) {
            String text = Files.readString(out.resolve(file));
            assertThat(text).as(file).doesNotContain("mcalab-alice");
            assertThat(Pattern.compile("session-token(>|&gt;)[^<&…]{9,}").matcher(text).find()).as(file + " token").isFalse();
            assertThat(Pattern.compile("webvpn=[^…\\s\"<&]{9,}").matcher(text).find()).as(file + " cookie").isFalse();
        }
        assertThat(run.environment().get("sessions logged out")).contains(" of 3 logged out");
        assertThat(gateway.sessions().orElseThrow().held().sessions()).as("sessions left on the gateway").isZero();
    }

    @Test
    void aServerCertificateTheGivenPkiDoesNotTrustIsAnEnvironmentError(@TempDir Path pki, @TempDir Path out) throws Exception {
        try (var files = Files.list(gateway.pkiDir())) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                Files.copy(f, pki.resolve(f.getFileName()));
            }
        }
        Files.copy(gateway.pkiDir().resolve("rogue-ca.pem"), pki.resolve("ca-bundle.pem"), StandardCopyOption.REPLACE_EXISTING);
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream saved = System.err;
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        int exit;
        try {
            exit = Main.run("suite", "--target", gateway.url() + "/MCA", "--pki", pki.toString(), "--out", out.toString(),
                    "--no-robustness", "--scenarios", "FLOW-HAPPY-LINUX");
        } finally {
            System.setErr(saved);
        }

        assertThat(exit).isEqualTo(Main.USAGE);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("is not trusted by the CA bundle of --pki")
                .contains("--insecure").doesNotContain("Exception");
    }
}
