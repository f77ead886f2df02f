package org.mcalab.gateway.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.mcalab.gateway.Gateway;
import org.mcalab.gateway.RunningGateway;
import org.mcalab.gateway.session.AuthMode;
import org.mcalab.gateway.session.Session;
import org.mcalab.gateway.session.SessionView;
import org.mcalab.gateway.trace.TraceEvent;

/**
 * The real openconnect 9.01 client against the embedded gateway: MCA with a machine certificate in TLS and a
 * user certificate in aggregate auth logs in; an EC user certificate, a user certificate from an untrusted CA and
 * a client without a second certificate fail, and the gateway's trace names the requirement.
 */
@Tag("interop")
class OpenconnectAuthTest {
    static Lab lab;
    static RunningGateway gateway;
    static String openconnect;

    @BeforeAll
    static void start() throws Exception {
        openconnect = findOpenconnect().orElse(null);
        if (openconnect == null) {
            System.err.println("!!!!!!!! OpenconnectAuthTest SKIPPED: no openconnect binary (/usr/sbin/openconnect or on PATH) !!!!!!!!");
        }
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

    static Optional<String> findOpenconnect() {
        if (Files.isExecutable(Path.of("/usr/sbin/openconnect"))) {
            return Optional.of("/usr/sbin/openconnect");
        }
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            Path p = Path.of(dir, "openconnect");
            if (!dir.isEmpty() && Files.isExecutable(p)) {
                return Optional.of(p.toString());
            }
        }
        return Optional.empty();
    }

    record Run(int exit, String stdout, String stderr) {}

    private Run run(String mcaCertificate) throws IOException, InterruptedException {
        return run("machine", mcaCertificate);
    }

    private Run run(String tlsCertificate, String mcaCertificate) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(openconnect, "--authenticate", "--non-inter",
                "--cafile", lab.file("ca-bundle.pem").toString(),
                "-c", lab.file(tlsCertificate + ".pem").toString(), "-k", lab.file(tlsCertificate + ".key").toString()));
        if (mcaCertificate != null) {
            cmd.addAll(List.of("--mca-certificate", lab.file(mcaCertificate + ".pem").toString(),
                    "--mca-key", lab.file(mcaCertificate + ".key").toString()));
        }
        cmd.add(gateway.url() + "/MCA");
        Path out = Files.createTempFile("oc-out", ".txt");
        Path err = Files.createTempFile("oc-err", ".txt");
        Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile())).start();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("openconnect did not finish within 60 s: " + Files.readString(err));
        }
        return new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
    }

    private static List<String> traceSince(long seq) {
        return gateway.trace().eventsSince(seq).stream().map(TraceEvent::message).toList();
    }

    @Test
    void mcaLoginWithMachineAndUserCertificatesPrintsACookie() throws Exception {
        long before = gateway.trace().lastSeq();
        int sessionsBefore = gateway.sessions().active().size();
        Run r = run("user");
        assertThat(r.exit()).as("openconnect stderr:\n%s\ntrace:\n%s", r.stderr(), String.join("\n", traceSince(before)))
                .isZero();
        assertThat(r.stdout()).contains("COOKIE=");
        assertThat(gateway.sessions().active()).hasSize(sessionsBefore + 1);
        Session s = gateway.sessions().active().get(gateway.sessions().active().size() - 1);
        assertThat(r.stdout()).contains(s.tokenPrefix());
        assertThat(s.login().authMode()).isEqualTo(AuthMode.MULTIPLE_CERTIFICATE);
        assertThat(s.login().username()).isEqualTo("MachineID.cisco.com");
        assertThat(s.login().clientOs()).isEqualTo("linux-64");
        assertThat(s.login().clientVersion()).startsWith("Open AnyConnect VPN Agent");
        assertThat(traceSince(before)).anyMatch(m -> m.startsWith("Saved message of len "))
                .contains("Send auth complete");

        String detail = SessionView.detail(List.of(s), java.time.Instant.now());
        assertThat(detail).contains("Session Type: AnyConnect Detailed", "Username     : MachineID.cisco.com",
                "Index        : " + s.index(), "Public IP    : 127.0.0.1", "Protocol     : AnyConnect-Parent",
                "License      : AnyConnect Premium", "Group Policy : Grouppolicy-MCA", "Tunnel Group : ANYCONNECT-MCA",
                "Login Time   : ", "Duration     : 0h:00m:", "Audt Sess ID : 7f000001", "AnyConnect-Parent:",
                "Tunnel ID    : " + s.index() + ".1", "Auth Mode    : Multiple-certificate", "Client OS    : linux-64",
                "Client Ver   : Open AnyConnect VPN Agent v9.01");
    }

    @Test
    void anEcUserCertificateIsRefusedAsNotRsa() throws Exception {
        long before = gateway.trace().lastSeq();
        Run r = run("user-ec-p256");
        // the fixture's key file as it is: openconnect (GnuTLS) loads it and the gateway, not the client, refuses
        assertThat(r.stderr()).doesNotContain("Failed to load private key");
        assertThat(r.exit()).as(r.stderr()).isNotZero();
        assertThat(r.stdout()).doesNotContain("COOKIE=");
        assertThat(traceSince(before)).as(r.stderr()).anyMatch(m -> m.startsWith("MCA-LIM-5:"));
    }

    @Test
    void aUserCertificateFromAnUntrustedCaIsRefused() throws Exception {
        long before = gateway.trace().lastSeq();
        Run r = run("user-rogue");
        assertThat(r.exit()).as(r.stderr()).isNotZero();
        assertThat(r.stdout()).doesNotContain("COOKIE=");
        assertThat(traceSince(before)).anyMatch(m -> m.startsWith("MCA-PKI-1:"));
    }

    @Test
    void theSameCertificateAsBothCertificatesIsRefusedAsOnlyOne() throws Exception {
        // openconnect --authenticate -c user.pem -k user.key --mca-certificate user.pem --mca-key user.key
        long before = gateway.trace().lastSeq();
        int sessionsBefore = gateway.sessions().active().size();
        Run r = run("user", "user");
        assertThat(r.exit()).as(r.stderr()).isNotZero();
        assertThat(r.stdout()).doesNotContain("COOKIE=");
        assertThat(r.stderr()).contains("MCA-LIM-1: only one certificate");
        assertThat(traceSince(before)).anyMatch(m -> m.startsWith("MCA-LIM-1: only one certificate"));
        assertThat(gateway.sessions().active()).hasSize(sessionsBefore);
    }

    @Test
    void twoUserCertificatesFromLinuxDoNotSkipTheMachineTrustpoint() throws Exception {
        // openconnect says device-id linux-64; the TLS certificate is still held to MachineCA
        long before = gateway.trace().lastSeq();
        Run r = run("user2", "user");
        assertThat(r.exit()).as(r.stderr()).isNotZero();
        assertThat(r.stdout()).doesNotContain("COOKIE=");
        assertThat(traceSince(before)).anyMatch(m -> m.startsWith("MCA-PKI-1: the machine certificate in the TLS "
                + "handshake must chain to a machine trustpoint (MachineCA)"));
    }

    @Test
    void aClientWithoutASecondCertificateIsRefusedNotLetInWithOne() throws Exception {
        long before = gateway.trace().lastSeq();
        Run r = run(null);
        assertThat(r.exit()).as(r.stderr()).isNotZero();
        assertThat(r.stdout()).doesNotContain("COOKIE=");
        assertThat(traceSince(before)).anyMatch(m -> m.startsWith("MCA-LIM-2:"));
    }
}
