package org.mcalab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The README's "reference gateway" block, run as written on a fresh directory with nothing else started: its
 * commands are read from README.md, {@code /tmp/p} becomes a temporary directory and the ports 8443/8444 free
 * ones (so parallel runs never collide), {@code ./mcalab} is the CLI's entry point, and openconnect gets
 * {@code --authenticate} (a cookie, no tunnel device). The CRLs the minted certificates point at must be
 * reachable without anything the block does not start (issue 15 item 1).
 */
@Tag("interop")
class ReadmeGatewayBlockTest {
    @TempDir
    Path tmp;

    @Test
    @Timeout(value = 240, unit = TimeUnit.SECONDS)
    void theReferenceGatewayBlockWorksAsWritten() throws Exception {
        Optional<String> openconnect = executable("openconnect", "/usr/sbin/openconnect");
        Assumptions.assumeTrue(openconnect.isPresent(), "openconnect is not installed");
        List<List<String>> block = ReadmeBlock.commands(ReadmeBlock.readme(), "## The reference gateway");
        int https = freePort();
        int admin = freePort();
        List<List<String>> commands = block.stream().map(c -> c.stream().map(w -> w.replace("/tmp/p", tmp.resolve("p").toString())
                .replace("127.0.0.1:8443", "127.0.0.1:" + https).replace("127.0.0.1:8444", "127.0.0.1:" + admin)).toList()).toList();
        assertThat(commands).extracting(c -> c.get(0) + " " + c.get(1))
                .startsWith("./mcalab pki", "./mcalab gateway", "./mcalab gateway", "openconnect --cafile");

        GatewayCommandTest.Outcome mint = GatewayCommandTest.run(args(commands.get(0)));
        assertThat(mint.exitCode()).as(String.join("\n", mint.err())).isZero();

        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = new CommandLine(new Main());
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        AtomicInteger exit = new AtomicInteger(-1);
        Thread gateway = new Thread(() -> exit.set(cl.execute(args(commands.get(1)))), "readme-gateway");
        gateway.start();
        try {
            long deadline = System.currentTimeMillis() + 60_000;
            while (!out.toString().contains("listening on") && System.currentTimeMillis() < deadline && gateway.isAlive()) {
                Thread.sleep(50);
            }
            assertThat(out.toString()).as(err.toString()).isEqualTo("listening on https://127.0.0.1:" + https + "\n");
            assertThat(err.toString()).containsPattern("crl: serving \\S+/crl at http://127\\.0\\.0\\.1:\\d+/crl/");

            for (List<String> command : commands.subList(2, commands.size())) {
                if (command.get(0).equals("openconnect")) {
                    List<String> oc = new ArrayList<>(List.of(openconnect.get(), "--authenticate", "--non-inter"));
                    oc.addAll(command.subList(1, command.size()));
                    Process p = new ProcessBuilder(oc).redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile())).start();
                    String stdout = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                    String stderr = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
                    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
                    assertThat(p.exitValue()).as("openconnect:\n%s\ngateway:\n%s", stderr, err).isZero();
                    assertThat(stdout).contains("COOKIE=").contains("webvpn=");
                } else {
                    List<String> a = new ArrayList<>(List.of(args(command)));
                    if (!a.get(0).equals("pki") && !a.get(0).equals("gateway")) {
                        // show, debug, clear talk to the admin endpoint: the README relies on the default 8444
                        a.addAll(List.of("--admin", "127.0.0.1:" + admin));
                    }
                    GatewayCommandTest.Outcome o = GatewayCommandTest.run(a.toArray(String[]::new));
                    assertThat(o.exitCode()).as("%s\n%s", command, String.join("\n", o.err())).isZero();
                    if (a.get(0).equals("show") && a.get(1).equals("vpn-sessiondb")) {
                        assertThat(String.join("\n", o.out())).contains("Username     : MachineID.cisco.com",
                                "Tunnel Group : ANYCONNECT-MCA", "Auth Mode    : Multiple-certificate");
                    }
                }
            }
        } finally {
            gateway.interrupt();
            gateway.join(10_000);
        }
        assertThat(exit.get()).isZero();
    }

    @Test
    void aTakenCrlPortIsAClearErrorNamingTheWayOut() throws Exception {
        Path pki = tmp.resolve("p");
        try (ServerSocket taken = new ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            GatewayCommandTest.Outcome mint = GatewayCommandTest.run("pki", "init", "--out", pki.toString(),
                    "--crl-base-url", "http://127.0.0.1:" + taken.getLocalPort() + "/crl/");
            assertThat(mint.exitCode()).isZero();
            GatewayCommandTest.Outcome o = GatewayCommandTest.run("gateway", "--config", pki.resolve("asa.cfg").toString(),
                    "--listen", "127.0.0.1:0", "--no-admin");
            assertThat(o.exitCode()).isEqualTo(2);
            assertThat(o.errors()).singleElement().asString()
                    .contains("cannot serve the minted CRLs at http://127.0.0.1:" + taken.getLocalPort() + "/crl/",
                            "address already in use", "--no-crl-server");
        }
    }

    @Test
    void pkiInitMintsAFreeLoopbackCrlPortNotAFixedOne() throws Exception {
        GatewayCommandTest.Outcome mint = GatewayCommandTest.run("pki", "init", "--out", tmp.resolve("p").toString());
        assertThat(mint.exitCode()).isZero();
        String url = org.mcalab.fixtures.Manifest.read(tmp.resolve("p")).crlBaseUrl();
        assertThat(url).matches("http://127\\.0\\.0\\.1:\\d+/crl/");
        int port = java.net.URI.create(url).getPort();
        assertThat(port).isBetween(20000, 32767);
    }

    private static String[] args(List<String> command) {
        assertThat(command.get(0)).isEqualTo("./mcalab");
        return command.subList(1, command.size()).toArray(String[]::new);
    }

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    static Optional<String> executable(String name, String usual) {
        if (Files.isExecutable(Path.of(usual))) {
            return Optional.of(usual);
        }
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, name))) {
                return Optional.of(Path.of(dir, name).toString());
            }
        }
        return Optional.empty();
    }
}
