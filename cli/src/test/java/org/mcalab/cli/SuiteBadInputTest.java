package org.mcalab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Harness and environment errors end with exit 2 and one line on stderr, before any scenario runs. */
class SuiteBadInputTest {
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private PrintStream savedErr;
    private PrintStream savedOut;

    @BeforeEach
    void capture() {
        savedErr = System.err;
        savedOut = System.out;
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restore() {
        System.setErr(savedErr);
        System.setOut(savedOut);
    }

    private String stderr() {
        return err.toString(StandardCharsets.UTF_8);
    }

    /** A PKI directory with a manifest but no credentials: enough to get as far as the reachability check. */
    private static Path emptyPki(Path dir) throws IOException {
        Files.writeString(dir.resolve("manifest.json"),
                "{\"version\":1,\"crlBaseUrl\":\"http://127.0.0.1:9/crl/\",\"p12Password\":\"x\",\"identities\":[]}");
        return dir;
    }

    private static int closedPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @Test
    void anUnreachableTargetIsExit2WithOneLine(@TempDir Path pki, @TempDir Path reports) throws IOException {
        int exit = Main.run("suite", "--target", "https://127.0.0.1:" + closedPort(), "--pki", emptyPki(pki).toString(),
                "--insecure", "--out", reports.toString());

        assertThat(exit).isEqualTo(Main.USAGE);
        assertThat(stderr().lines().toList()).singleElement().asString()
                .startsWith("mcalab: target unreachable: https://127.0.0.1:");
        assertThat(reports.resolve("results.json")).doesNotExist();
    }

    @Test
    void anUnknownScenarioIdIsExit2NamingIt(@TempDir Path reports) {
        int exit = Main.run("suite", "--scenarios", "LIM5-EC-USER,NO-SUCH-SCENARIO", "--out", reports.toString());

        assertThat(exit).isEqualTo(Main.USAGE);
        assertThat(stderr().lines().toList()).singleElement().asString().contains("NO-SUCH-SCENARIO");
        assertThat(stderr()).doesNotContain("LIM5-EC-USER");
    }

    @Test
    void aTargetWithoutItsPkiIsExit2() {
        int exit = Main.run("suite", "--target", "https://127.0.0.1:1");

        assertThat(exit).isEqualTo(Main.USAGE);
        assertThat(stderr().lines().toList()).singleElement().asString().contains("--pki");
    }

    @Test
    void laxIsForTheEmbeddedGatewayOnly(@TempDir Path pki) throws IOException {
        int exit = Main.run("suite", "--target", "https://127.0.0.1:1", "--pki", emptyPki(pki).toString(), "--lax", "MCA-LIM-5");

        assertThat(exit).isEqualTo(Main.USAGE);
        assertThat(stderr()).contains("--lax");
    }

    @Test
    void laxNamesOnlyRequirementsTheGatewayHasChecksFor() {
        int exit = Main.run("suite", "--lax", "MCA-LIM-5,MCA-PKI-7");

        assertThat(exit).isEqualTo(Main.USAGE);
        assertThat(stderr()).contains("--lax: the gateway has no check of its own for MCA-PKI-7")
                .contains("MCA-LIM-5");
    }

    @Test
    void listShowsTheSelectionWithoutRunningIt() {
        int exit = Main.run("suite", "--list", "--scenarios", "MCA-LIM-5");

        assertThat(exit).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8).lines()).isNotEmpty()
                .allSatisfy(l -> assertThat(l).startsWith("LIM5-"));
    }
}
