package org.mcalab.gateway.tunnel.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Timeout;
import org.mcalab.gateway.Gateway;
import org.mcalab.gateway.RunningGateway;
import org.mcalab.gateway.it.Lab;
import org.mcalab.gateway.session.Counters;
import org.mcalab.gateway.session.Session;
import org.mcalab.gateway.session.TunnelRow;
import org.mcalab.gateway.tunnel.CstpTunnelService;
import org.mcalab.gateway.tunnel.Ticker;
import org.mcalab.gateway.tunnel.TunInsideNetwork;

/**
 * The real openconnect with a real tun device, through the gateway's TUN inside network, to a real kernel behind
 * it (root only; skipped elsewhere). Two network namespaces made by the test: "inside" holds the gateway's TUN
 * device with the seed's inside address 192.168.1.1/24 (and runs the iperf3 server); "client" gets openconnect's
 * tun device, moved there by the connect script (src/test/resources/tunnel/netns-tun.sh), with the split-include
 * route. openconnect itself and the gateway talk over loopback. Then a bounded ping and a 3-second iperf3 each way
 * cross the tunnel, over CSTP and over DTLS, and the session database counts what crossed.
 */
@Tag("interop")
class OpenconnectTunInsideTest {
    static final String INSIDE_HOST = "192.168.1.1";
    static final long PID = ProcessHandle.current().pid();
    static final String INSIDE_NS = "mcain" + PID;
    static final String CLIENT_NS = "mcacl" + PID;
    static Lab lab;
    static TunInsideNetwork inside;
    static RunningGateway gateway;
    static String openconnect;
    static Path work;

    @BeforeAll
    static void start() throws Exception {
        openconnect = OpenconnectTunnelTest.executable("openconnect", "/usr/sbin/openconnect").orElse(null);
        List<String> missing = new ArrayList<>();
        if (!"root".equals(System.getProperty("user.name"))) {
            missing.add("root");
        }
        if (!Files.exists(Path.of("/dev/net/tun"))) {
            missing.add("/dev/net/tun");
        }
        if (openconnect == null) {
            missing.add("openconnect");
        }
        for (String tool : List.of("ip", "ping", "iperf3")) {
            if (OpenconnectTunnelTest.executable(tool, "/usr/bin/" + tool).isEmpty()) {
                missing.add(tool);
            }
        }
        if (!missing.isEmpty()) {
            System.err.println("!!!!!!!! OpenconnectTunInsideTest SKIPPED: missing " + missing + " !!!!!!!!");
        }
        Assumptions.assumeTrue(missing.isEmpty(), "needs " + missing);
        for (String ns : List.of(INSIDE_NS, CLIENT_NS)) {
            run(10, "ip", "netns", "add", ns);
            run(10, "ip", "-n", ns, "link", "set", "lo", "up");
        }
        lab = Lab.shared();
        inside = TunInsideNetwork.open("mcagw%d", TunInsideNetwork.setupFor(lab.config(), Optional.of(INSIDE_NS), 1400));
        gateway = Gateway.start(lab.options()
                .tunnelService(CstpTunnelService.forConfig(lab.config(), inside, Clock.systemUTC(), Ticker.SYSTEM))
                .build());
        work = Files.createTempDirectory("oc-tun");
        Path script = work.resolve("netns-tun.sh");
        try (var in = OpenconnectTunInsideTest.class.getResourceAsStream("/tunnel/netns-tun.sh")) {
            Files.copy(in, script);
        }
        script.toFile().setExecutable(true);
    }

    @AfterAll
    static void stop() throws Exception {
        if (gateway != null) {
            gateway.close();
        }
        if (inside != null) {
            inside.close();
        }
        if (openconnect != null && "root".equals(System.getProperty("user.name"))) {
            for (String ns : List.of(INSIDE_NS, CLIENT_NS)) {
                new ProcessBuilder("ip", "netns", "del", ns).start().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"cstp", "dtls"})
    @Timeout(value = 90, unit = TimeUnit.SECONDS)
    void pingAndIperf3CrossTheGatewayIntoTheInsideNamespace(String mode) throws Exception {
        Path ready = work.resolve("ready-" + mode);
        Path log = work.resolve("openconnect-" + mode + ".log");
        List<String> command = new ArrayList<>(List.of(openconnect, "--non-inter"));
        command.addAll(lab.openconnectMcaArguments());
        command.addAll(List.of("--interface", "mcaoc" + mode, "--script", work.resolve("netns-tun.sh").toString()));
        if (mode.equals("cstp")) {
            command.add("--no-dtls");
        }
        command.add(gateway.url() + "/MCA");
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
        pb.environment().put("CLIENT_NS", CLIENT_NS);
        pb.environment().put("READY_FILE", ready.toString());
        Process oc = pb.start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (!Files.exists(ready) || mode.equals("dtls") && !Files.readString(log).contains("Established DTLS")) {
                assertThat(oc.isAlive()).as("openconnect exited early:\n%s", Files.readString(log)).isTrue();
                assertThat(System.nanoTime()).as("tunnel not up in 30 s:\n%s", Files.readString(log)).isLessThan(deadline);
                Thread.sleep(50);
            }
            String address = Files.readString(ready).trim();
            assertThat(address).startsWith("192.168.100.");

            String ping = run(20, "ip", "netns", "exec", CLIENT_NS, "ping", "-c", "3", "-i", "0.2", "-W", "2", INSIDE_HOST);
            assertThat(ping).contains("3 packets transmitted, 3 received");

            double up = iperf3(false);
            double down = iperf3(true);
            System.err.printf("OpenconnectTunInsideTest %s: iperf3 -t 3 up %.0f Mbit/s, down %.0f Mbit/s%n", mode, up / 1e6, down / 1e6);
            assertThat(up).as("bits/s client -> inside").isPositive();
            assertThat(down).as("bits/s inside -> client").isPositive();

            Session s = gateway.sessions().active().stream()
                    .filter(x -> x.assignedIp().map(a -> a.getHostAddress().equals(address)).orElse(false))
                    .findFirst().orElseThrow(() -> new AssertionError("no active session holds " + address));
            TunnelRow.Kind carrier = mode.equals("dtls") ? TunnelRow.Kind.DTLS : TunnelRow.Kind.SSL;
            Counters.Snapshot c = s.tunnels().stream().filter(t -> t.kind() == carrier).findFirst()
                    .orElseThrow(() -> new AssertionError("no " + carrier + " tunnel row: " + s.tunnels()))
                    .counters().snapshot();
            // iperf3 moved at least a megabyte each way over this carrier: the counters saw it
            assertThat(c.bytesRx()).isGreaterThan(1_000_000);
            assertThat(c.bytesTx()).isGreaterThan(1_000_000);
        } finally {
            oc.destroy(); // SIGTERM: BYE, the session ends, the tun device goes with the process
            if (!oc.waitFor(15, TimeUnit.SECONDS)) {
                oc.destroyForcibly();
            }
        }
    }

    /** One bounded iperf3 run between the namespaces; bits per second the receiver counted. */
    private static double iperf3(boolean reverse) throws Exception {
        Process server = new ProcessBuilder("ip", "netns", "exec", INSIDE_NS, "iperf3", "-s", "-1", "-B", INSIDE_HOST)
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (!run(5, "ip", "netns", "exec", INSIDE_NS, "ss", "-ltn").contains(INSIDE_HOST + ":5201")) {
                assertThat(System.nanoTime()).as("iperf3 server did not listen").isLessThan(deadline);
                Thread.sleep(50);
            }
            List<String> client = new ArrayList<>(List.of("ip", "netns", "exec", CLIENT_NS, "iperf3", "-c", INSIDE_HOST,
                    "-t", "3", "-J"));
            if (reverse) {
                client.add("-R");
            }
            JsonNode result = new ObjectMapper().readTree(run(30, client.toArray(String[]::new)));
            return result.path("end").path("sum_received").path("bits_per_second").asDouble();
        } finally {
            server.destroy();
            server.waitFor(5, TimeUnit.SECONDS);
        }
    }

    private static String run(int seconds, String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(seconds, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError(String.join(" ", command) + ": still running after " + seconds + " s");
        }
        String said = new String(out, StandardCharsets.UTF_8);
        assertThat(p.exitValue()).as("%s:%n%s", String.join(" ", command), said).isZero();
        return said;
    }
}
