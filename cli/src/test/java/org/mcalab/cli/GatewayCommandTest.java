package org.mcalab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mcalab.fixtures.HeldCertificate;
import org.mcalab.gateway.admin.AdminTokenFile;
import org.mcalab.gateway.config.AsaConfigParser;
import org.mcalab.gateway.pki.ValidatedCertificate.CertificateKind;
import picocli.CommandLine;

class GatewayCommandTest {
    static final String CONFIG = """
            hostname TEST-ASA
            ip local pool POOL 192.168.100.1-192.168.100.10 mask 255.255.255.0
            frobnicate the widgets
            group-policy GP internal
            group-policy GP attributes
             vpn-tunnel-protocol ssl-client
            tunnel-group MCA type remote-access
            tunnel-group MCA general-attributes
             address-pool POOL
             default-group-policy GP
            tunnel-group MCA webvpn-attributes
             authentication multiple-certificate
             group-url https://10.0.0.1/MCA enable
            """;

    @TempDir
    Path dir;

    record Outcome(int exitCode, List<String> out, List<String> err) {
        /** stderr without the config warnings printed before the gateway starts. */
        List<String> errors() {
            return err.stream().filter(l -> !l.startsWith("warning: ")).toList();
        }
    }

    static synchronized Outcome run(String... args) {
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
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
        return new Outcome(code, lines(out), lines(err));
    }

    static List<String> lines(ByteArrayOutputStream b) {
        String t = b.toString(StandardCharsets.UTF_8);
        return t.isEmpty() ? List.of() : List.of(t.split("\n"));
    }

    Path config() throws Exception {
        Path cfg = dir.resolve("asa.cfg");
        Files.writeString(cfg, CONFIG);
        HeldCertificate server = HeldCertificate.builder().subject("cn=localhost").serverAuth().build();
        Files.writeString(dir.resolve("gateway.pem"), server.certificatePem());
        Files.writeString(dir.resolve("gateway.key"), server.privateKeyPem());
        return cfg;
    }

    static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @Test
    void checkPrintsTheModelAndExitsZero() throws Exception {
        Outcome o = run("gateway", "--check", config().toString());
        assertThat(o.exitCode()).as(String.join("\n", o.err())).isZero();
        assertThat(String.join("\n", o.out())).contains("MCA");
    }

    @Test
    void checkOfABrokenConfigNamesTheLineAndExitsTwo() throws Exception {
        Path bad = dir.resolve("bad.cfg");
        Files.writeString(bad, "hostname X\nip local pool P 192.168.1.300-192.168.1.1 mask 255.255.255.0\n");
        Outcome o = run("gateway", "--check", bad.toString());
        assertThat(o.exitCode()).isEqualTo(2);
        assertThat(o.err()).singleElement().asString().contains("line 2");
    }

    @Test
    void missingFilesAreOneLineAndExitTwo() throws Exception {
        Outcome o = run("gateway", "--config", dir.resolve("nope.cfg").toString());
        assertThat(o.exitCode()).isEqualTo(2);
        assertThat(o.err()).singleElement().asString().contains("does not exist");
        Files.writeString(dir.resolve("only.cfg"), CONFIG);
        Outcome noKey = run("gateway", "--config", dir.resolve("only.cfg").toString(), "--listen", "127.0.0.1:0", "--no-admin");
        assertThat(noKey.exitCode()).isEqualTo(2);
        assertThat(noKey.errors()).singleElement().asString().contains("gateway.pem");
    }

    @Test
    void aServerKeyThatDoesNotMatchTheCertificateIsRefusedBeforeListening() throws Exception {
        Path cfg = config();
        Files.writeString(dir.resolve("gateway.key"), HeldCertificate.builder().subject("cn=localhost").build().privateKeyPem());
        Outcome o = run("gateway", "--config", cfg.toString(), "--listen", "127.0.0.1:0", "--no-admin");
        assertThat(o.exitCode()).isEqualTo(2);
        assertThat(o.out()).isEmpty();
        assertThat(o.errors()).singleElement().asString().contains("server key " + dir.resolve("gateway.key")
                + " does not match server certificate " + dir.resolve("gateway.pem"));
    }

    @Test
    void aConfigThatIsNotATextFileIsOneLineAndExitTwo() throws Exception {
        Outcome zero = run("gateway", "--config", "/dev/zero", "--no-admin");
        assertThat(zero.exitCode()).isEqualTo(2);
        assertThat(zero.err()).containsExactly("mcalab: /dev/zero is not a regular file (a device, FIFO or socket)");
        Path binary = Files.write(dir.resolve("binary.cfg"), new byte[] {'!', '\n', (byte) 0xff, 0x41});
        Outcome check = run("gateway", "--check", binary.toString());
        assertThat(check.exitCode()).isEqualTo(2);
        assertThat(check.err()).containsExactly("mcalab: " + binary + " is not a text file (invalid UTF-8 at byte 2)");
    }

    @Test
    void anAddressThisHostDoesNotHaveIsNamedAsSuch() throws Exception {
        // 192.0.2.1 (TEST-NET-1) is on no interface here: the bind fails with EADDRNOTAVAIL, nothing is sent
        Outcome o = run("gateway", "--config", config().toString(), "--listen", "192.0.2.1:8443", "--no-admin");
        assertThat(o.exitCode()).isEqualTo(2);
        assertThat(o.errors()).containsExactly("mcalab: cannot bind 192.0.2.1:8443: address not available on this host");
    }

    @Test
    void aPortInUseIsOneLineAndExitTwo() throws Exception {
        Path cfg = config();
        try (ServerSocket taken = new ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            Outcome o = run("gateway", "--config", cfg.toString(), "--listen", "127.0.0.1:" + taken.getLocalPort(), "--no-admin");
            assertThat(o.exitCode()).isEqualTo(2);
            assertThat(o.errors()).singleElement().asString().contains("address already in use");
        }
    }

    @Test
    void aNonLoopbackAdminAddressIsRefused() throws Exception {
        Outcome o = run("gateway", "--config", config().toString(), "--listen", "127.0.0.1:0", "--admin", "0.0.0.0:0");
        assertThat(o.exitCode()).isEqualTo(2);
        assertThat(o.errors()).singleElement().asString().contains("loopback");
    }

    /** What --no-dtls does to a CONNECT is gateway/dtls/NoDtlsGatewayTest; here: the flag reaches the options. */
    @Test
    void noDtlsTurnsDtlsOffInTheGatewayOptions() throws Exception {
        Path cfg = config();
        GatewayCommand plain = new GatewayCommand();
        new CommandLine(plain).parseArgs("--config", cfg.toString(), "--listen", "127.0.0.1:0", "--no-admin");
        assertThat(plain.options(AsaConfigParser.parse(cfg)).build().dtls()).isTrue();

        GatewayCommand noDtls = new GatewayCommand();
        new CommandLine(noDtls).parseArgs("--config", cfg.toString(), "--listen", "127.0.0.1:0", "--no-admin", "--no-dtls");
        assertThat(noDtls.options(AsaConfigParser.parse(cfg)).build().dtls()).isFalse();
        assertThat(run("gateway", "--help").out()).anyMatch(l -> l.contains("--no-dtls"));
    }

    /** What the kinds do to a login is gateway/auth/McaVerifierTest; here: the option reaches the policy. */
    @Test
    void tlsCertificateKindsReachTheMcaPolicy() throws Exception {
        Path cfg = config();
        GatewayCommand plain = new GatewayCommand();
        new CommandLine(plain).parseArgs("--config", cfg.toString(), "--listen", "127.0.0.1:0", "--no-admin");
        assertThat(plain.options(AsaConfigParser.parse(cfg)).build().mcaPolicy().tlsKinds())
                .containsExactly(CertificateKind.MACHINE);

        GatewayCommand both = new GatewayCommand();
        new CommandLine(both).parseArgs("--config", cfg.toString(), "--listen", "127.0.0.1:0", "--no-admin",
                "--tls-certificate", "machine,user");
        assertThat(both.options(AsaConfigParser.parse(cfg)).build().mcaPolicy().tlsKinds())
                .containsExactlyInAnyOrder(CertificateKind.MACHINE, CertificateKind.USER);

        Outcome bad = run("gateway", "--config", cfg.toString(), "--listen", "127.0.0.1:0", "--no-admin",
                "--tls-certificate", "laptop");
        assertThat(bad.exitCode()).isEqualTo(Main.USAGE);
        assertThat(String.join("\n", bad.err())).contains("--tls-certificate: 'laptop' is not machine or user");
    }

    @Test
    void runsUntilStoppedPrintsOneListeningLineAndServesTheShowCommands() throws Exception {
        Path cfg = config();
        int adminPort = freePort();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = new CommandLine(new Main());
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        AtomicInteger exit = new AtomicInteger(-1);
        Thread t = new Thread(() -> exit.set(cl.execute("gateway", "--config", cfg.toString(), "--listen", "127.0.0.1:0",
                "--admin", "127.0.0.1:" + adminPort)));
        t.start();
        long deadline = System.currentTimeMillis() + 20_000;
        while (!out.toString().contains("listening on") && System.currentTimeMillis() < deadline && t.isAlive()) {
            Thread.sleep(50);
        }
        try {
            assertThat(out.toString()).as(err.toString()).matches("listening on https://127\\.0\\.0\\.1:\\d+\\n");
            assertThat(err.toString()).contains("warning: line 3");

            Outcome sessions = run("show", "vpn-sessiondb", "detail", "anyconnect", "--admin", "127.0.0.1:" + adminPort);
            assertThat(sessions.exitCode()).isZero();
            assertThat(sessions.out()).contains("Session Type: AnyConnect Detailed");
            Outcome json = run("show", "vpn-sessiondb", "--json", "--admin", "127.0.0.1:" + adminPort);
            assertThat(String.join("\n", json.out())).contains("\"sessions\"");
            Outcome debug = run("debug", "aggregate-auth", "xml", "--admin", "127.0.0.1:" + adminPort);
            assertThat(debug.exitCode()).isZero();
            assertThat(String.join("\n", debug.out())).contains("aggregate-auth xml");
            Outcome crypto = run("show", "crypto", "ca", "certificate", "--admin", "127.0.0.1:" + adminPort);
            assertThat(crypto.exitCode()).isZero();

            Outcome clear = run("clear", "aaa", "local", "user", "lockout", "all", "--admin", "127.0.0.1:" + adminPort);
            assertThat(clear.exitCode()).as(String.join("\n", clear.err())).isZero();
            assertThat(String.join("\n", clear.out())).contains("\"unlocked\" : [ ]");
            assertThat(run("clear", "aaa", "local", "user", "lockout", "bob", "--admin", "127.0.0.1:" + adminPort).exitCode())
                    .isEqualTo(2);

            // the token the show commands found without a flag: a 0600 file keyed by the admin port
            Path tokenFile = AdminTokenFile.defaultFor(adminPort);
            assertThat(err.toString()).contains("token in " + tokenFile + " (0600)");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(tokenFile))).isEqualTo("rw-------");
            Path elsewhere = Files.createTempFile("no-token", ".token");
            Outcome noToken = run("debug", "crypto", "ca", "--admin", "127.0.0.1:" + adminPort, "--admin-token-file",
                    elsewhere.toString());
            assertThat(noToken.exitCode()).isEqualTo(2);
            assertThat(noToken.err()).anyMatch(l -> l.contains("wants its token and there is none in " + elsewhere));
            Files.delete(elsewhere);
        } finally {
            t.interrupt();
            t.join(10_000);
        }
        assertThat(exit.get()).isZero();
        assertThat(AdminTokenFile.defaultFor(adminPort)).as("removed at exit").doesNotExist();
    }
}
