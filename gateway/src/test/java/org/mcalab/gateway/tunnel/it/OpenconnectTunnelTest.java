package org.mcalab.gateway.tunnel.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.mcalab.gateway.Gateway;
import org.mcalab.gateway.RunningGateway;
import org.mcalab.gateway.it.Lab;
import org.mcalab.gateway.session.Counters;
import org.mcalab.gateway.session.Session;
import org.mcalab.gateway.session.SessionView;
import org.mcalab.gateway.session.TunnelRow;

/**
 * The real openconnect 9.01 client brings up a CSTP tunnel after the MCA login and passes traffic: with
 * {@code --script-tun} the probe script (src/test/resources/tunnel/probe.py) is the tun device, pings and
 * UDP-echoes hosts of the split-include network through it and checks every reply. The session database then
 * shows the session (Multiple-certificate, SSL-Tunnel row) with exactly the packets the probe sent and got,
 * and SIGTERM makes openconnect send its BYE, which logs the session off.
 */
@Tag("interop")
class OpenconnectTunnelTest {
    static Lab lab;
    static RunningGateway gateway;
    static String openconnect;
    static String python;

    @BeforeAll
    static void start() throws Exception {
        openconnect = executable("openconnect", "/usr/sbin/openconnect").orElse(null);
        python = executable("python3", "/usr/bin/python3").orElse(null);
        if (openconnect == null || python == null) {
            System.err.println("!!!!!!!! OpenconnectTunnelTest SKIPPED: openconnect or python3 is not installed !!!!!!!!");
        }
        Assumptions.assumeTrue(openconnect != null && python != null, "openconnect and python3 are needed");
        lab = Lab.shared();
        gateway = Gateway.start(lab.options().build());
    }

    @AfterAll
    static void stop() {
        if (gateway != null) {
            gateway.close();
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

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void openconnectPassesTrafficThroughTheTunnelAndTheSessionDbCountsIt() throws Exception {
        Path work = Files.createTempDirectory("oc-tunnel");
        Path probe = work.resolve("probe.py");
        try (var in = OpenconnectTunnelTest.class.getResourceAsStream("/tunnel/probe.py")) {
            Files.copy(in, probe);
        }
        Path result = work.resolve("result.json");
        Path log = work.resolve("openconnect.log");
        List<String> command = new ArrayList<>(List.of(openconnect, "--non-inter", "--no-dtls"));
        command.addAll(lab.openconnectMcaArguments());
        command.addAll(List.of("--script-tun", "--script", python + " " + probe, gateway.url() + "/MCA"));
        ProcessBuilder pb = new ProcessBuilder(command)
                .redirectErrorStream(true).redirectOutput(log.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
        pb.environment().put("PROBE_RESULT", result.toString());
        Process oc = pb.start();
        try {
            while (!Files.exists(result)) {
                assertThat(oc.isAlive()).as("openconnect exited early:\n%s", read(log)).isTrue();
                Thread.sleep(50);
            }
            JsonNode r = new ObjectMapper().readTree(result.toFile());
            assertThat(r.get("errors").toString()).as("probe errors; openconnect said:\n%s", read(log)).isEqualTo("[]");
            assertThat(r.get("ok").asBoolean()).isTrue();
            assertThat(r.get("address").asText()).startsWith("192.168.100.");
            assertThat(r.get("netmask").asText()).isEqualTo("255.255.255.0");
            assertThat(r.get("routes").toString()).isEqualTo("[\"192.168.1.0/255.255.255.0\"]");

            Session s = gateway.sessions().active().stream()
                    .filter(x -> x.assignedIp().map(a -> a.getHostAddress().equals(r.get("address").asText())).orElse(false))
                    .findFirst().orElseThrow(() -> new AssertionError("no active session holds " + r.get("address")));
            assertThat(s.tunnels()).hasSize(1);
            TunnelRow row = s.tunnels().get(0);
            assertThat(row.kind()).isEqualTo(TunnelRow.Kind.SSL);
            assertThat(row.encapsulation()).startsWith("TLSv1.");
            Counters.Snapshot c = row.counters().snapshot();
            // 6 echoes answered + 10 to discard: the probe's own counts, packet for packet and byte for byte
            assertThat(c.pktsRx()).isEqualTo(r.get("sent_packets").asLong()).isEqualTo(16);
            assertThat(c.bytesRx()).isEqualTo(r.get("sent_bytes").asLong());
            assertThat(c.pktsTx()).isEqualTo(r.get("received_packets").asLong()).isEqualTo(6);
            assertThat(c.bytesTx()).isEqualTo(r.get("received_bytes").asLong());
            assertThat(c.pktsRxDrop()).isZero();
            assertThat(c.pktsTxDrop()).isZero();

            String detail = SessionView.detail(List.of(s), Instant.now());
            assertThat(detail).contains("Username     : MachineID.cisco.com", "Assigned IP  : " + r.get("address").asText(),
                    "Protocol     : AnyConnect-Parent SSL-Tunnel", "SSL-Tunnel:", "Tunnel ID    : " + s.index() + ".2",
                    "Auth Mode    : Multiple-certificate", "Encapsulation: TLSv1.",
                    "Bytes Tx     : " + c.bytesTx(), "Pkts Rx      : 16");
        } finally {
            Files.writeString(Path.of(result + ".done"), "");
            oc.destroy(); // SIGTERM: openconnect sends the 0xB0 BYE ("Aborted by caller")
            if (!oc.waitFor(15, TimeUnit.SECONDS)) {
                oc.destroyForcibly();
            }
        }
        assertThat(oc.exitValue()).as(read(log)).isZero();
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (!gateway.sessions().active().isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(gateway.sessions().active()).as("BYE logged the session off").isEmpty();
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            return "(" + e + ")";
        }
    }
}
