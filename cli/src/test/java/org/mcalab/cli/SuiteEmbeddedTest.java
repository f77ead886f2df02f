package org.mcalab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mcalab.reports.ResultsJson;
import org.mcalab.reports.model.Run;
import org.mcalab.reports.model.ScenarioResult;
import org.mcalab.reports.model.Status;
import org.mcalab.reports.model.Verdict;
import org.mcalab.reports.model.XmlExchange;
import org.mcalab.conformance.scenario.Catalogue;
import org.mcalab.conformance.scenario.Expectation;
import org.mcalab.conformance.scenario.Scenario;

/** The whole built-in catalogue against the embedded reference gateway: every scenario gets its expected verdict. */
class SuiteEmbeddedTest {
    /** What the embedded target offers; a scenario may be skipped only for a need outside this set. */
    private static final Set<String> EMBEDDED = Set.of("clock-control", "session-db", "trustpoints", "tunnel", "dtls");

    @Tag("slow")
    @Test
    void everyScenarioGetsItsExpectedVerdictAndTheReportsAreWritten(@TempDir Path out) throws Exception {
        int exit = Main.run("suite", "--out", out.toString());

        assertThat(exit).isZero();
        assertThat(out.resolve("results.json")).isRegularFile();
        assertThat(out.resolve("junit.xml")).isRegularFile();
        assertThat(out.resolve("report.html")).isRegularFile();
        Run run = ResultsJson.read(out.resolve("results.json"));
        Map<String, Scenario> catalogue = Catalogue.builtIn().scenarios().stream()
                .collect(Collectors.toMap(Scenario::id, Function.identity()));
        assertThat(run.embedded()).isTrue();
        assertThat(run.verdict()).as("every MUST requirement verified, every probe passed").isEqualTo(Verdict.CONFORMANT);
        assertThat(run.preflight().findings()).isEmpty();
        assertThat(run.scenarios()).extracting(ScenarioResult::id).containsExactlyInAnyOrderElementsOf(catalogue.keySet());
        for (ScenarioResult r : run.scenarios()) {
            Scenario s = catalogue.get(r.id());
            if (r.status() == Status.SKIPPED) {
                assertThat(s.needs()).as(r.id() + " skipped: " + r.observedText()).isNotEmpty()
                        .anySatisfy(need -> assertThat(EMBEDDED).doesNotContain(need));
                continue;
            }
            assertThat(r.status()).as(r.id() + ": " + r.observedText()).isEqualTo(Status.PASS);
            if (s.expect().outcome() != Expectation.Outcome.EITHER) {
                assertThat(r.observed()).as(r.id()).isEqualTo(r.expected());
            }
            assertThat(r.evidence().gatewayTrace()).as(r.id() + " gateway trace").isNotEmpty();
        }
        // The embedded run adds the robustness section by default (issue: robustness section in the report).
        assertThat(run.robustness()).as("robustness section").isNotNull();
        assertThat(run.robustness().probes()).extracting(p -> p.kind())
                .contains("bad XML", "oversize", "abandoned", "bad cookie", "slow client", "liveness");
        assertThat(run.robustness().probes()).allSatisfy(p -> assertThat(p.passed()).as(p.input() + ": " + p.outcome()).isTrue());
        assertThat(run.robustness().leaks()).isEmpty();
    }

    @Test
    void evidenceCarriesTheExactSignedBytesHashCertificatesAndTls(@TempDir Path out) throws Exception {
        // One scenario verifies only some MUST requirements: the honest verdict of such a run is INCOMPLETE (exit 2).
        assertThat(Main.run("suite", "--out", out.toString(), "--scenarios", "FLOW-HAPPY-LINUX", "--no-robustness"))
                .isEqualTo(Main.USAGE);

        ScenarioResult happy = ResultsJson.read(out.resolve("results.json")).scenarios().get(0);
        XmlExchange challenge = happy.evidence().exchanges().stream()
                .filter(x -> x.signedBytesSha256() != null).findFirst().orElseThrow();
        assertThat(challenge.direction()).isEqualTo("gateway->client");
        assertThat(challenge.body()).contains("<multiple-client-cert-request>");
        String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(challenge.body().getBytes(StandardCharsets.UTF_8)));
        assertThat(challenge.signedBytesSha256()).as("the client signed the challenge byte for byte").isEqualTo(sha);
        assertThat(happy.evidence().certificates()).extracting(c -> c.role())
                .containsExactly("TLS (machine, 1M)", "XML (user, 1U)");
        assertThat(happy.evidence().tls().protocol()).startsWith("TLS");
        assertThat(happy.evidence().notes()).anyMatch(n -> n.contains("SHA512withRSA"));
    }
}
