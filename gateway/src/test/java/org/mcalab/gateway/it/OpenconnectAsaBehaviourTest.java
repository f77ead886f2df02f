package org.mcalab.gateway.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.mcalab.gateway.Gateway;
import org.mcalab.gateway.RunningGateway;
import org.mcalab.gateway.session.Session;
import org.mcalab.gateway.session.SessionDb;
import org.mcalab.gateway.trace.TraceEvent;

/**
 * What openconnect 9.01 relies on an ASA for, beyond the MCA exchange itself (README, "The reference gateway"):
 * the group chooser on the bare URL, a refusal that stays the client's last word instead of "Unexpected 404",
 * and vpn-simultaneous-logins at login.
 */
@Tag("interop")
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class OpenconnectAsaBehaviourTest {
    static Lab lab;
    static RunningGateway gateway;
    static String openconnect;

    @BeforeAll
    static void start() throws Exception {
        openconnect = OpenconnectAuthTest.findOpenconnect().orElse(null);
        Assumptions.assumeTrue(openconnect != null, "openconnect is not installed");
        lab = Lab.shared();
        gateway = Gateway.start(lab.options().build());
    }

    @AfterAll
    static void stop() {
        if (gateway != null) {
            gateway.close();
        }
    }

    record Run(int exit, String stdout, String stderr) {
        String token() {
            return stdout.lines().filter(l -> l.startsWith("COOKIE=")).findFirst()
                    .map(l -> l.substring(l.indexOf("webvpn=") + "webvpn=".length()).replace("'", ""))
                    .orElseThrow(() -> new AssertionError("no cookie:\n" + stderr));
        }
    }

    /** {@code openconnect --authenticate --non-inter ARGS URL}. */
    static Run authenticate(String openconnect, List<String> args, String url) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(openconnect, "--authenticate", "--non-inter"));
        cmd.addAll(args);
        cmd.add(url);
        Path out = Files.createTempFile("oc-out", ".txt");
        Path err = Files.createTempFile("oc-err", ".txt");
        try {
            Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile())).start();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("openconnect did not finish within 60 s: " + Files.readString(err));
            }
            return new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    private static List<String> traceSince(long seq) {
        return gateway.trace().eventsSince(seq).stream().map(TraceEvent::message).toList();
    }

    @Test
    void onTheBareUrlAuthgroupPicksTheGroupFromTheListAndMcaLogsIn() throws Exception {
        long before = gateway.trace().lastSeq();
        Run r = authenticate(openconnect, withAuthgroup("ANYCONNECT-MCA"), gateway.url() + "/");
        assertThat(r.exit()).as("openconnect stderr:\n%s\ntrace:\n%s", r.stderr(), String.join("\n", traceSince(before)))
                .isZero();
        assertThat(traceSince(before)).anyMatch(m -> m.contains("sending the group list"))
                .anyMatch(m -> m.equals("Found TG ANYCONNECT-MCA by group-select ANYCONNECT-MCA"));
        Session s = sessionOf(r);
        assertThat(s.login().tunnelGroup()).isEqualTo("ANYCONNECT-MCA");
    }

    @Test
    void anUnknownAuthgroupIsNotLetIn() throws Exception {
        Run r = authenticate(openconnect, withAuthgroup("NO-SUCH-GROUP"), gateway.url() + "/");
        assertThat(r.exit()).as(r.stderr()).isNotZero();
        assertThat(r.stdout()).doesNotContain("COOKIE=");
    }

    @Test
    void afterARefusedReplyTheRequirementIdIsTheLastWordNotA404() throws Exception {
        List<String> ec = List.of("--cafile", lab.file("ca-bundle.pem").toString(),
                "-c", lab.file("machine.pem").toString(), "-k", lab.file("machine.key").toString(),
                "--mca-certificate", lab.file("user-ec-p256.pem").toString(), "--mca-key", lab.file("user-ec-p256.key").toString());
        Run r = authenticate(openconnect, ec, gateway.url() + "/MCA");
        assertThat(r.exit()).isNotZero();
        assertThat(r.stderr()).contains("GET " + gateway.url() + "/MCA").doesNotContain("Unexpected 404");
        List<String> afterGet = r.stderr().lines().dropWhile(l -> !l.startsWith("GET ")).toList();
        assertThat(afterGet).as(r.stderr()).anyMatch(l -> l.startsWith("MCA-LIM-5: user certificate has an EC key"));
    }

    @Test
    void aFourthLoginOfOneUserLogsOffTheOldestSoThreeAreListed() throws Exception {
        List<Session> mine = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            Run r = authenticate(openconnect, lab.openconnectMcaArguments(), gateway.url() + "/MCA");
            assertThat(r.exit()).as(r.stderr()).isZero();
            mine.add(sessionOf(r));
        }
        String user = mine.get(0).login().username();
        assertThat(gateway.sessions().active()).filteredOn(s -> s.login().username().equals(user))
                .extracting(Session::index).as("vpn-simultaneous-logins 3 (the default)")
                .containsExactly(mine.get(1).index(), mine.get(2).index(), mine.get(3).index());
        assertThat(mine.get(0).active()).isFalse();
        assertThat(mine.get(0).endReason()).contains(SessionDb.MAX_LOGINS_EXCEEDED);
    }

    private static List<String> withAuthgroup(String group) {
        List<String> args = new ArrayList<>(lab.openconnectMcaArguments());
        args.addAll(List.of("--authgroup", group));
        return args;
    }

    /** The session the run's cookie belongs to (it may since have been logged off). */
    private static Session sessionOf(Run r) {
        String prefix = r.token().substring(0, 6);
        return gateway.sessions().active().stream().filter(s -> s.tokenPrefix().equals(prefix)).findFirst()
                .orElseThrow(() -> new AssertionError("no active session for the cookie " + prefix + "...:\n" + r.stderr()));
    }
}
