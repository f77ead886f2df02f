package org.mcalab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The load commands: option validation (no load leaves for a non-loopback target without --allow-remote, an
 * unreachable target is exit 2, not a hang) and short bounded runs against the embedded gateway that must write a
 * plausible load.json. No figure is asserted against a performance target.
 */
class LoadCommandTest {
    @TempDir
    Path base;

    record Outcome(int exitCode, String out, String err) {
    }

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
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
        return new Outcome(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static JsonNode json(Path file) throws Exception {
        return new ObjectMapper().readTree(file.toFile());
    }

    @Test
    void aNonLoopbackTargetIsRefusedWithoutAllowRemote() {
        for (String kind : List.of("logins", "tunnel")) {
            Outcome o = run("load", kind, "--target", "https://192.0.2.1:8443", "--pki", base.toString(),
                    "--out", base.resolve(kind).toString());
            assertThat(o.exitCode()).as(kind).isEqualTo(Main.USAGE);
            assertThat(o.err()).contains("not a loopback address").contains("--allow-remote");
            assertThat(base.resolve(kind)).doesNotExist();
        }
    }

    @Test
    @Timeout(30)
    void anUnreachableTargetIsExit2WithTheAddressNamed() throws Exception {
        int closed;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = s.getLocalPort();
        }
        for (String kind : List.of("logins", "tunnel")) {
            Outcome o = run("load", kind, "--target", "https://127.0.0.1:" + closed, "--pki", base.toString(),
                    "--out", base.resolve(kind).toString());
            assertThat(o.exitCode()).as(kind).isEqualTo(Main.USAGE);
            assertThat(o.err()).contains("127.0.0.1:" + closed).contains("unreachable");
        }
    }

    @Test
    void aTargetWithoutItsPkiIsExit2() throws Exception {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Outcome o = run("load", "logins", "--target", "https://127.0.0.1:" + s.getLocalPort());
            assertThat(o.exitCode()).isEqualTo(Main.USAGE);
            assertThat(o.err()).contains("--pki");
        }
    }

    @Test
    void badValuesAreUsageErrors() {
        assertThat(run("load", "logins", "--users", "0").exitCode()).isEqualTo(Main.USAGE);
        assertThat(run("load", "logins", "--rate", "-1").exitCode()).isEqualTo(Main.USAGE);
        assertThat(run("load", "logins", "--duration", "0s").exitCode()).isEqualTo(Main.USAGE);
        assertThat(run("load", "logins", "--duration", "soon").exitCode()).isEqualTo(Main.USAGE);
        assertThat(run("load", "logins", "--tls", "gnutls").exitCode()).isEqualTo(Main.USAGE);
        assertThat(run("load", "logins", "--gateway-tls", "gnutls").exitCode()).isEqualTo(Main.USAGE);
        assertThat(run("load", "logins", "--concurrency", "0").exitCode()).isEqualTo(Main.USAGE);
        assertThat(run("load", "logins", "--warmup", "11m").exitCode()).isEqualTo(Main.USAGE);
        assertThat(run("load", "tunnel", "--size", "20").exitCode()).isEqualTo(Main.USAGE);
        assertThat(run("load", "tunnel", "--service", "chargen").exitCode()).isEqualTo(Main.USAGE);
        assertThat(run("load", "tunnel", "--gateway-tls", "gnutls").exitCode()).isEqualTo(Main.USAGE);
        assertThat(run("load", "tunnel", "--gateway-tls", "jdk", "--target", "https://127.0.0.1:1").exitCode())
                .isEqualTo(Main.USAGE);
        Outcome mode = run("load", "tunnel", "--mode", "ipsec");
        assertThat(mode.exitCode()).isEqualTo(Main.USAGE);
        assertThat(mode.err()).contains("cstp or dtls");
        assertThat(run("load").exitCode()).isEqualTo(Main.USAGE);
    }

    @Tag("slow")
    @Test
    @Timeout(600)
    void twentyMcaLoginsAgainstTheEmbeddedGatewayWriteLoadJsonAndReports() throws Exception {
        Path out = base.resolve("logins");
        Outcome o = run("load", "logins", "--users", "20", "--rate", "20", "--duration", "60s", "--out", out.toString());
        assertThat(o.exitCode()).as(o.out() + o.err()).isEqualTo(Main.OK);
        JsonNode load = json(out.resolve("load.json"));
        assertThat(load.get("kind").asText()).isEqualTo("logins");
        assertThat(load.get("passed").asBoolean()).isTrue();
        assertThat(load.get("embedded").asBoolean()).isTrue();
        JsonNode summary = load.get("summary");
        assertThat(summary.get("logins_ok").asDouble()).isEqualTo(20);
        assertThat(summary.get("logins_failed").asDouble()).isZero();
        assertThat(summary.get("logins_per_s").asDouble()).isPositive();
        assertThat(summary.get("gateway_cpu_percent").asDouble()).isPositive();
        JsonNode p = load.get("latencyPercentilesMillis");
        assertThat(p.get("p50").asDouble()).isPositive().isLessThanOrEqualTo(p.get("p99").asDouble());
        assertThat(load.get("series").get("logins_per_s").size()).isPositive();
        String gatling = load.get("links").get("gatling").asText();
        assertThat(out.resolve(gatling)).isRegularFile();
        assertThat(Files.readString(out.resolve("report.html"))).contains("logins_per_s").contains("<svg");
        assertThat(o.out()).contains("20 logins succeeded, 0 failed");
    }

    @Tag("slow")
    @Test
    @Timeout(600)
    void aClosedModelRunOnTheJdkGatewayEngineAccountsForEveryUserAndSplitsTheCpu() throws Exception {
        Path out = base.resolve("logins-closed");
        Outcome o = run("load", "logins", "--concurrency", "4", "--warmup", "2s", "--duration", "4s", "--identities", "8",
                "--gateway-tls", "jdk", "--out", out.toString());
        assertThat(o.exitCode()).as(o.out() + o.err()).isEqualTo(Main.OK);
        JsonNode load = json(out.resolve("load.json"));
        JsonNode summary = load.get("summary");
        assertThat(summary.get("concurrency").asDouble()).isEqualTo(4);
        assertThat(summary.has("offered_rate_per_s")).isFalse();
        double ok = summary.get("logins_ok").asDouble();
        assertThat(ok).isPositive();
        assertThat(summary.get("logins_failed").asDouble()).isZero();
        // users Gatling stopped at the end of --duration are unfinished, not lost
        assertThat(summary.get("users_started").asDouble())
                .isEqualTo(ok + summary.get("unfinished_at_end").asDouble());
        assertThat(summary.get("client_cpu_ms_per_login").asDouble()).isPositive();
        assertThat(summary.get("gateway_cpu_ms_per_login").asDouble()).isPositive();
        assertThat(load.get("notes").toString()).contains("embedded gateway TLS engine: jdk", "closed model: 4 logins",
                "warm-up: 2 s of the same load");
    }

    @Tag("slow")
    @Test
    @Timeout(300)
    void twoSecondsOfTunnelTrafficToTheDiscardHostWriteLoadJson() throws Exception {
        Path out = base.resolve("tunnel");
        Outcome o = run("load", "tunnel", "--tunnels", "2", "--duration", "2s", "--out", out.toString());
        assertThat(o.exitCode()).as(o.out() + o.err()).isEqualTo(Main.OK);
        JsonNode load = json(out.resolve("load.json"));
        assertThat(load.get("kind").asText()).isEqualTo("tunnel");
        JsonNode s = load.get("summary");
        assertThat(s.get("tunnels_up").asDouble()).isEqualTo(2);
        assertThat(s.get("sent_packets").asDouble()).isPositive();
        // what the gateway's discard host took is counted by the gateway itself, never more than was sent
        assertThat(s.get("discarded_packets").asDouble()).isPositive().isLessThanOrEqualTo(s.get("sent_packets").asDouble());
        assertThat(s.get("goodput_mbit_s").asDouble()).isPositive();
        assertThat(s.get("packets_per_s").asDouble()).isPositive();
        // without a packet budget the traffic runs its whole --duration; no upper bound, which would time the machine
        assertThat(s.get("traffic_seconds").asDouble()).isGreaterThanOrEqualTo(2.0);
        assertThat(load.get("series").get("sent_mbit_s").size()).isPositive();
        assertThat(out.resolve("report.html")).isRegularFile();
        assertThat(load.get("command").asText()).startsWith("mcalab load tunnel --tunnels 2");
    }

    @Tag("slow")
    @Test
    @Timeout(300)
    void aPacketBoundIsSentExactlyAndEveryPacketReachesTheDiscardHost() throws Exception {
        // 1000 = 90 full records of 11 frames and one of 10: whole-record batches and the partial last one
        Path out = base.resolve("bounded");
        Outcome o = run("load", "tunnel", "--size", "1400", "--packets", "1000", "--duration", "20s", "--gateway-tls", "jdk",
                "--out", out.toString());
        assertThat(o.exitCode()).as(o.out() + o.err()).isEqualTo(Main.OK);
        assertThat(json(out.resolve("load.json")).get("notes").toString()).contains("load gateway TLS engine: jdk");
        JsonNode s = json(out.resolve("load.json")).get("summary");
        assertThat(s.get("sent_packets").asDouble()).isEqualTo(1000);
        assertThat(s.get("discarded_packets").asDouble()).isEqualTo(1000);
        assertThat(s.get("gateway_dropped").asDouble()).isZero();
    }

    @Tag("slow")
    @Test
    @Timeout(300)
    void twoSecondsOfDtlsTrafficReachTheDiscardHost() throws Exception {
        Path out = base.resolve("dtls");
        Outcome o = run("load", "tunnel", "--mode", "dtls", "--duration", "2s", "--out", out.toString());
        assertThat(o.exitCode()).as(o.out() + o.err()).isEqualTo(Main.OK);
        JsonNode load = json(out.resolve("load.json"));
        JsonNode s = load.get("summary");
        assertThat(s.get("tunnels_up").asDouble()).isEqualTo(1);
        assertThat(s.get("sent_packets").asDouble()).isPositive();
        // counted by the gateway's inside network: the packets went through its DTLS path
        assertThat(s.get("discarded_packets").asDouble()).isPositive().isLessThanOrEqualTo(s.get("sent_packets").asDouble());
        assertThat(load.get("notes").toString()).contains("data on DTLS");
        // the gateway's DTLS threads (dtls-udp, dtls-peer-N) are counted as its CPU, not only its mcalab-* threads
        assertThat(s.get("gateway_cpu_percent").asDouble()).isPositive();
    }

    @Tag("slow")
    @Test
    @Timeout(300)
    void echoTrafficIsCountedBackWithRoundTripTimes() throws Exception {
        Path out = base.resolve("echo");
        Outcome o = run("load", "tunnel", "--service", "echo", "--packets", "2000", "--duration", "5s", "--out", out.toString());
        assertThat(o.exitCode()).as(o.out() + o.err()).isEqualTo(Main.OK);
        JsonNode load = json(out.resolve("load.json"));
        JsonNode s = load.get("summary");
        assertThat(s.get("sent_packets").asDouble()).isLessThanOrEqualTo(2000);
        assertThat(s.get("echo_packets").asDouble() + s.get("drops").asDouble()).isEqualTo(s.get("sent_packets").asDouble());
        assertThat(load.get("latencyPercentilesMillis").get("p50").asDouble()).isPositive();
    }

    @Tag("slow")
    @Test
    @Timeout(300)
    void idleTunnelsStayUpAndReportTheirHeap() throws Exception {
        Path out = base.resolve("idle");
        // one setup at a time: a resumed TLS session would show the gateway the first tunnel's certificate, and the
        // fourth login of "the same user" would log off the oldest (vpn-simultaneous-logins 3)
        Outcome o = run("load", "tunnel", "--tunnels", "5", "--idle", "--duration", "2s", "--setup-concurrency", "1",
                "--out", out.toString());
        assertThat(o.exitCode()).as(o.out() + o.err()).isEqualTo(Main.OK);
        JsonNode s = json(out.resolve("load.json")).get("summary");
        assertThat(s.get("tunnels_up").asDouble()).isEqualTo(5);
        assertThat(s.get("tunnels_alive_at_end").asDouble()).isEqualTo(5);
        assertThat(s.has("heap_per_tunnel_kb")).isTrue();
        assertThat(s.get("closed_by_gateway").asDouble()).isZero();
        assertThat(s.has("sent_packets")).isFalse();
    }

    @Tag("slow")
    @Test
    @Timeout(300)
    void idleTunnelsAgainstAForkedGatewayAreHeldThroughDpdAndTheChildIsGoneAfterwards() throws Exception {
        Path out = base.resolve("forked");
        // 15 s: past the idle gateway's 10 s DPD interval, so each tunnel is asked at least once
        Outcome o = run("load", "tunnel", "--tunnels", "20", "--idle", "--duration", "15s", "--gateway", "fork",
                "--out", out.toString());
        assertThat(o.exitCode()).as(o.out() + o.err()).isEqualTo(Main.OK);
        JsonNode load = json(out.resolve("load.json"));
        JsonNode s = load.get("summary");
        assertThat(s.get("tunnels_up").asDouble()).isEqualTo(20);
        assertThat(s.get("tunnels_dropped").asDouble()).isZero();
        assertThat(s.get("gateway_tunnels_held").asDouble()).isEqualTo(20);
        assertThat(s.get("gateway_sessions").asDouble()).isEqualTo(20);
        assertThat(s.get("dpd_answered").asDouble()).isGreaterThanOrEqualTo(20);
        assertThat(s.get("dpd_per_tunnel_held").asDouble()).isPositive();
        assertThat(s.get("heap_after_mb").asDouble()).isGreaterThan(s.get("heap_before_mb").asDouble());
        assertThat(s.has("heap_per_tunnel_kb")).isTrue();
        assertThat(s.has("client_heap_per_tunnel_kb")).isTrue();
        assertThat(s.has("gateway_cpu_percent")).isTrue();
        assertThat(Files.readString(out.resolve("report.html"))).contains("heap_per_tunnel_kb");
        Matcher pid = Pattern.compile("separate process \\(pid (\\d+)\\)").matcher(load.get("notes").toString());
        assertThat(pid.find()).as(load.get("notes").toString()).isTrue();
        assertThat(ProcessHandle.of(Long.parseLong(pid.group(1))).filter(ProcessHandle::isAlive)).isEmpty();
    }

    @Test
    void forkingNeedsNoTargetAndKnowsItsModes() throws Exception {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Outcome both = run("load", "tunnel", "--gateway", "fork", "--target", "https://127.0.0.1:" + s.getLocalPort(),
                    "--pki", base.toString());
            assertThat(both.exitCode()).isEqualTo(Main.USAGE);
            assertThat(both.err()).contains("choose one");
        }
        Outcome bad = run("load", "tunnel", "--gateway", "vm");
        assertThat(bad.exitCode()).isEqualTo(Main.USAGE);
        assertThat(bad.err()).contains("in-process or fork");
    }
}
