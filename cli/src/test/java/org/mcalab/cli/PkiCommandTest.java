package org.mcalab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mcalab.fixtures.Identity;
import org.mcalab.fixtures.Manifest;
import org.mcalab.protocol.Requirement;

class PkiCommandTest {
    @TempDir
    Path base;

    record Outcome(int exitCode, List<String> out, List<String> err) {
    }

    /** Runs the CLI in-process with stdout and stderr captured (picocli writes to System.out/err lazily). */
    private static synchronized Outcome run(String... args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code;
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            code = Main.run(args);
        } finally {
            System.out.flush();
            System.err.flush();
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
        return new Outcome(code, lines(out), lines(err));
    }

    private static List<String> lines(ByteArrayOutputStream bytes) {
        String text = bytes.toString(StandardCharsets.UTF_8);
        return text.isEmpty() ? List.of() : List.of(text.split("\n"));
    }

    private List<String> listing(Path dir) throws Exception {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void initMintsTheCatalogueAndSaysSoInOneLine() throws Exception {
        Path out = Files.createDirectory(base.resolve("pki"));
        Files.writeString(out.resolve("manifest.json"), "{\"schema\": \"mcalab-pki\", \"version\": 1}");
        Files.writeString(out.resolve("stale.txt"), "replaced by --force: a directory an earlier pki init wrote");
        Outcome outcome = run("pki", "init", "--out", out.toString(), "--crl-base-url", "http://127.0.0.1:40999/crl",
                "--seed", "7", "--force");

        assertThat(outcome.err()).isEmpty();
        assertThat(outcome.exitCode()).isZero();
        assertThat(outcome.out()).hasSize(1);
        assertThat(outcome.out().get(0)).matches("minted 32 credentials, 5 CRLs into " + out + " in \\d+\\.\\d s");
        assertThat(out.resolve("stale.txt")).doesNotExist();
        assertThat(listing(base)).containsExactly("pki");

        Manifest manifest = Manifest.read(out);
        assertThat(manifest.crlBaseUrl()).isEqualTo("http://127.0.0.1:40999/crl/");
        assertThat(manifest.identities()).hasSize(32);
        assertThat(out.resolve("asa.cfg")).isRegularFile();
        assertThat(out.resolve("crl/user-ca.crl")).isRegularFile();
        // every verdict names a requirement the protocol module knows
        for (Identity identity : manifest.identities()) {
            if (!identity.shouldBeAccepted()) {
                assertThat(Requirement.fromId(identity.verdict()).id()).isEqualTo(identity.verdict());
            }
        }
    }

    private void assertRefusedWithoutTrace(Outcome outcome, String expectedMessage, List<String> before) throws Exception {
        assertThat(outcome.exitCode()).isEqualTo(2);
        assertThat(outcome.out()).isEmpty();
        assertThat(outcome.err()).isNotEmpty();
        assertThat(outcome.err().get(0)).startsWith("mcalab: ").contains(expectedMessage);
        // picocli's own parse errors add a usage hint; nothing else may follow the message
        assertThat(outcome.err().subList(1, outcome.err().size())).allSatisfy(line -> assertThat(line).startsWith("Try '"));
        assertThat(listing(base)).isEqualTo(before);
    }

    @Test
    void aNonEmptyDirectoryIsRefusedWithoutForce() throws Exception {
        Path out = Files.createDirectory(base.resolve("pki"));
        Files.writeString(out.resolve("mine.txt"), "keep");
        Outcome outcome = run("pki", "init", "--out", out.toString());
        assertRefusedWithoutTrace(outcome, "not empty (use --force to replace it)", List.of("pki"));
        assertThat(outcome.err()).hasSize(1);
        assertThat(listing(out)).containsExactly("mine.txt");
    }

    @Test
    void forceReplacesOnlyADirectoryPkiInitWrote() throws Exception {
        Path out = Files.createDirectory(base.resolve("src"));
        Files.writeString(out.resolve("Main.java"), "class Main {}");
        Outcome outcome = run("pki", "init", "--out", out.toString(), "--force");
        assertRefusedWithoutTrace(outcome, out + " was not written by 'mcalab pki init' (no manifest.json with schema "
                + "mcalab-pki): --force replaces only such a directory", List.of("src"));
        assertThat(listing(out)).containsExactly("Main.java");

        Files.writeString(out.resolve("manifest.json"), "{\"version\": 1, \"identities\": []}"); // someone else's
        assertRefusedWithoutTrace(run("pki", "init", "--out", out.toString(), "--force"), "was not written by", List.of("src"));
        assertThat(listing(out)).containsExactly("Main.java", "manifest.json");
    }

    @Test
    void anEmptyPathTheRootTheHomeAndTheCurrentDirectoryAreRefused() throws Exception {
        Path cwd = Path.of("").toAbsolutePath();
        List<String> cwdBefore = listing(cwd);
        assertRefusedWithoutTrace(run("pki", "init", "--out", "", "--force"), "--out: empty path (it would mean the "
                + "current directory)", List.of());
        assertRefusedWithoutTrace(run("pki", "init", "--out", "/", "--force"), "refusing to mint into the root directory",
                List.of());
        assertRefusedWithoutTrace(run("pki", "init", "--out", System.getProperty("user.home"), "--force"),
                "it is (or contains) the home directory", List.of());
        for (String dir : List.of(".", cwd.toString(), "..")) {
            assertRefusedWithoutTrace(run("pki", "init", "--out", dir, "--force"),
                    "it is (or contains) the current directory", List.of());
        }
        assertThat(listing(cwd)).isEqualTo(cwdBefore);
    }

    @Test
    void anUnwritableOutputIsRefused() throws Exception {
        Files.writeString(base.resolve("file"), "x");
        Outcome outcome = run("pki", "init", "--out", base.resolve("file/sub/pki").toString());
        assertRefusedWithoutTrace(outcome, "is not a directory", List.of("file"));
        assertThat(outcome.err()).hasSize(1);
    }

    @Test
    void anInvalidCrlBaseUrlIsRefusedBeforeAnythingIsWritten() throws Exception {
        for (String url : List.of("ftp://127.0.0.1/crl/", "crl/", "http://host/crl?x")) {
            Outcome outcome = run("pki", "init", "--out", base.resolve("pki").toString(), "--crl-base-url", url);
            assertRefusedWithoutTrace(outcome, "--crl-base-url", List.of());
            assertThat(outcome.err()).hasSize(1);
            assertThat(outcome.err().get(0)).contains(url);
        }
    }

    @Test
    void unknownOptionsMissingOutAndBadSeedsAreUsageErrors() throws Exception {
        assertRefusedWithoutTrace(run("pki", "init", "--out", base.resolve("pki").toString(), "--bogus"),
                "Unknown option: '--bogus'", List.of());
        assertRefusedWithoutTrace(run("pki", "init"), "Missing required option: '--out=DIR'", List.of());
        assertRefusedWithoutTrace(run("pki", "init", "--out", base.resolve("pki").toString(), "--seed", "x"),
                "--seed", List.of());
        assertRefusedWithoutTrace(run("pki"), "'pki' needs a subcommand: init", List.of());
    }

    @Test
    void helpDescribesTheOptions() {
        Outcome outcome = run("pki", "init", "--help");
        assertThat(outcome.exitCode()).isZero();
        assertThat(String.join("\n", outcome.out())).contains("--out=DIR", "--crl-base-url=URL", "--seed=N", "--force",
                "20000-32767");
    }
}
