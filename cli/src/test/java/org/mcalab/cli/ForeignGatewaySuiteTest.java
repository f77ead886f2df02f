package org.mcalab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mcalab.fixtures.Manifest;
import org.mcalab.reports.RequirementCoverage;
import org.mcalab.reports.RequirementCoverage.Outcome;
import org.mcalab.reports.ResultsJson;
import org.mcalab.reports.model.RobustnessSection;
import org.mcalab.reports.model.Run;
import org.mcalab.reports.model.ScenarioResult;
import org.mcalab.reports.model.Verdict;
import org.mcalab.conformance.scenario.Catalogue;
import org.mcalab.client.GatewayTrust;
import org.mcalab.conformance.scenario.Scenario;
import org.mcalab.conformance.robustness.RobustnessProbes;
import org.mcalab.lab.Target;

/**
 * {@code mcalab suite --target} against two gateways nobody on the project wrote as a reference (issue 12, item 6):
 * a deliberately sloppy MCA gateway and ocserv from apt, which has no MCA. The suite must say what is true of them:
 * no false pass, no false failure ({@link ForeignTruth}), the sloppy gateway's happy path passes and each of its
 * defects fails under its requirement id, ocserv is reported as not implementing MCA. What the gateways really do
 * is first shown with the real client, openconnect 9.01.
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

    // What the gateways really do, shown with the real client (openconnect 9.01): the ground of the truth tables.

    @Test
    void openconnectLogsInToTheSloppyGatewayAlsoWithWhatItMustRefuse(@TempDir Path work) throws Exception {
        Assumptions.assumeTrue(SloppyGateway.available() && Executables.onPath("openconnect"), "python3, openssl, openconnect");
        try (SloppyGateway gateway = SloppyGateway.start(pki, work)) {
            String url = gateway.url().toString();
            assertThat(openconnect(List.of(), url, "machine", "user")).contains("COOKIE=");
            // an untrusted machine certificate in TLS and an EC user key in XML: both accepted
            assertThat(openconnect(List.of(), url, "machine-rogue", "user-ec-p256")).contains("COOKIE=");
            // the challenge starts with a newline and has no aggauth-handle; openconnect does not mind
            assertThat(gateway.log()).contains("init (TLS certificate presented): constant challenge",
                    "auth-reply accepted: session issued").doesNotContain("auth-reply refused");
        }
    }

    @Test
    void ocservLetsAnMcaClientInWithoutAskingForTheSecondCertificate(@TempDir Path work) throws Exception {
        Assumptions.assumeTrue(OcservNamespace.available() && Executables.onPath("openconnect"), "root, ocserv, ip, openconnect");
        try (OcservNamespace ocserv = OcservNamespace.start(pki, work)) {
            String out = openconnect(ocserv.command(List.of()), ocserv.url(), "machine", "user-ec-p256");
            assertThat(out).contains("COOKIE=").doesNotContainIgnoringCase("multiple-certificate")
                    .doesNotContainIgnoringCase("multicert");
        }
    }

    /** openconnect --authenticate with a TLS (machine) and an MCA (user) certificate; its whole output. */
    private static String openconnect(List<String> prefix, String url, String tls, String mca) throws Exception {
        List<String> command = new ArrayList<>(prefix);
        command.addAll(List.of("openconnect", "--authenticate", "--non-inter", "-v", "--cafile",
                pki.resolve("ca-bundle.pem").toString(), "-c", pki.resolve(tls + ".pem").toString(), "-k",
                pki.resolve(tls + ".key").toString(), "--mca-certificate", pki.resolve(mca + ".pem").toString(),
                "--mca-key", pki.resolve(mca + ".key").toString(), url));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectInput(ProcessBuilder.Redirect.PIPE).start();
        p.getOutputStream().close();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor();
        }
        return new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }

    // The suite's verdicts on them.

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
        truth.print("sloppy gateway, --match " + (refusalMode ? "refusal" : "requirement"), run);

        assertThat(truth.ids()).containsExactlyInAnyOrderElementsOf(catalogueIds());
        assertThat(truth.falseVerdicts(run)).as("statuses the sloppy gateway's behaviour does not allow\n" + terminal).isEmpty();
        assertThat(gatewayLog).as("the gateway really issued sessions").contains("auth-reply accepted: session issued");
        assertThat(run.verdict()).isEqualTo(Verdict.NON_CONFORMANT);
        assertThat(exit).isEqualTo(Main.FAILED);
        // each defect under its requirement id; the missing aggauth-handle is one finding of the run, under MCA-FLOW-1
        assertThat(outcomes(run)).containsEntry("MCA-LIM-5", Outcome.FAIL) // EC, Ed25519, DSA user keys
                .containsEntry("MCA-LIM-1", Outcome.FAIL) // no TLS client certificate needed
                .containsEntry("MCA-PKI-1", Outcome.FAIL) // nor checked
                .containsEntry("MCA-PKI-4", Outcome.FAIL) // one constant challenge for every session
                .containsEntry("MCA-ROB-4", Outcome.FAIL) // so a replayed reply logs in again
                .containsEntry("MCA-ROB-1", Outcome.FAIL) // no XML limits
                .containsEntry("MCA-FLOW-1", Outcome.FAIL); // no aggauth-handle
        assertThat(terminal).contains("FINDING: MCA-FLOW-1: the auth-request has no aggauth-handle")
                .doesNotContain("does not implement MCA");
        assertThat(run.scenarios()).filteredOn(r -> r.observedText().contains("aggauth-handle"))
                .extracting(ScenarioResult::id).containsOnly("FLOW1-CHALLENGE-SHAPE");
    }

    @Test
    void robustnessProbesAbuseTheTargetsOwnPath(@TempDir Path work) throws Exception {
        Assumptions.assumeTrue(SloppyGateway.available(), "python3 and openssl are needed");
        RobustnessSection section;
        try (SloppyGateway gateway = SloppyGateway.start(pki, work)) {
            Manifest manifest = Manifest.read(pki);
            URI base = URI.create("https://" + gateway.url().getRawAuthority());
            Target target = Target.foreign(base, GatewayTrust.caBundle(manifest.caBundle()), manifest, List.of());
            section = RobustnessProbes.run(target, gateway.url().getPath(),
                    new RobustnessProbes.Options(1, Duration.ofSeconds(3), Duration.ofSeconds(3), 20));
        }
        // it serves its MCA group at / only: probes sent elsewhere would all meet 404
        assertThat(section.probes()).allSatisfy(p -> assertThat(p.outcome()).doesNotContain("HTTP 404"));
        assertThat(section.probes()).filteredOn(p -> p.kind().equals("liveness") || p.kind().equals("flood"))
                .hasSize(2).allSatisfy(p -> assertThat(p.passed()).as(p.outcome()).isTrue());
        // a client sending one byte per second is never timed out (a true failure)
        assertThat(section.probes()).filteredOn(p -> p.input().equals("one byte per second"))
                .singleElement().satisfies(p -> assertThat(p.passed()).isFalse());
    }

    @Test
    void badXmlProbesJudgeARefusalWithoutAnIdOnlyUnderMatchRefusal(@TempDir Path work) throws Exception {
        Assumptions.assumeTrue(SloppyGateway.available(), "python3 and openssl are needed");
        RobustnessSection strict;
        RobustnessSection lenient;
        try (SloppyGateway gateway = SloppyGateway.start(pki, work)) {
            Manifest manifest = Manifest.read(pki);
            URI base = URI.create("https://" + gateway.url().getRawAuthority());
            Target target = Target.foreign(base, GatewayTrust.caBundle(manifest.caBundle()), manifest, List.of());
            RobustnessProbes.Options quick = new RobustnessProbes.Options(1, Duration.ofSeconds(3), Duration.ofSeconds(3), 20);
            strict = RobustnessProbes.run(target, gateway.url().getPath(), quick);
            lenient = RobustnessProbes.run(target, gateway.url().getPath(), quick.withAnyRefusal(true));
        }
        // it answers malformed XML with HTTP 400 and a config-auth error citing no id: a clean refusal, not MCA-ROB-1
        assertThat(badXml(strict, "malformed XML").passed()).isFalse();
        assertThat(badXml(lenient, "malformed XML").passed()).as(badXml(lenient, "malformed XML").outcome()).isTrue();
        // it has no size limit: a 64 KiB init gets the MCA request, which is acceptance in either mode
        assertThat(badXml(strict, "body over 64 KiB").passed()).isFalse();
        assertThat(badXml(lenient, "body over 64 KiB").passed()).as(badXml(lenient, "body over 64 KiB").outcome()).isFalse();
    }

    /** The flood probe can fail: a gateway whose one pending table fills up and refuses everybody fails it. */
    @Test
    void aGatewayThatAFloodLocksEveryoneOutFailsTheFloodProbe(@TempDir Path work) throws Exception {
        Assumptions.assumeTrue(SloppyGateway.available(), "python3 and openssl are needed");
        RobustnessSection section;
        try (SloppyGateway gateway = SloppyGateway.start(pki, work, List.of("--pending-cap", "15"))) {
            Manifest manifest = Manifest.read(pki);
            URI base = URI.create("https://" + gateway.url().getRawAuthority());
            Target target = Target.foreign(base, GatewayTrust.caBundle(manifest.caBundle()), manifest, List.of());
            section = RobustnessProbes.run(target, gateway.url().getPath(),
                    new RobustnessProbes.Options(1, Duration.ofSeconds(3), Duration.ofSeconds(3), 20));
        }
        assertThat(section.probes()).filteredOn(p -> p.kind().equals("flood")).singleElement()
                .satisfies(p -> assertThat(p.passed()).as(p.outcome()).isFalse());
    }

    private static RobustnessSection.Probe badXml(RobustnessSection section, String input) {
        return section.probes().stream().filter(p -> p.kind().equals("bad XML") && p.input().equals(input))
                .findFirst().orElseThrow(() -> new AssertionError("no bad-XML probe '" + input + "' in " + section.probes()));
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
        Run run = ResultsJson.read(out.resolve("results.json"));
        ForeignTruth truth = ForeignTruth.ocserv();
        truth.print("ocserv", run);

        assertThat(text).as(text).contains("does not implement MCA");

        assertThat(truth.ids()).containsExactlyInAnyOrderElementsOf(catalogueIds());
        assertThat(truth.falseVerdicts(run)).as("statuses ocserv's behaviour does not allow\n" + text).isEmpty();
        assertThat(run.preflight().findings()).anySatisfy(f -> assertThat(f).contains("does not implement MCA"));
        assertThat(run.verdict()).isNotEqualTo(Verdict.CONFORMANT);
        assertThat(exit).isNotZero();
    }

    private static Map<String, Outcome> outcomes(Run run) {
        return RequirementCoverage.of(run).rows().stream()
                .collect(Collectors.toMap(r -> r.requirement().id(), RequirementCoverage.Row::outcome));
    }

    private static List<String> catalogueIds() {
        return Catalogue.builtIn().scenarios().stream().map(Scenario::id).toList();
    }
}
