package org.mcalab.gateway.dtls.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.mcalab.gateway.Gateway;
import org.mcalab.gateway.RunningGateway;
import org.mcalab.gateway.TlsEngine;
import org.mcalab.gateway.dtls.DtlsEndpoint;
import org.mcalab.gateway.dtls.DtlsService;
import org.mcalab.gateway.dtls.PskExporter;
import org.mcalab.gateway.it.Lab;
import org.mcalab.gateway.session.Counters;
import org.mcalab.gateway.session.Session;
import org.mcalab.gateway.session.SessionView;
import org.mcalab.gateway.session.TunnelRow;
import org.mcalab.gateway.trace.Trace;
import org.mcalab.gateway.tunnel.CstpTunnelService;

/**
 * The real openconnect 9.01 client, WITHOUT {@code --no-dtls}, against the gateway (MCA login, CONNECT, DTLS): the
 * tunnel probe's packets cross UDP (DTLS counters equal the probe's own counts, the SSL-Tunnel row carries none), and
 * with UDP blackholed openconnect gives up DTLS after its 12 s handshake timeout and the same probe passes over CSTP
 * (requirement MCA-SES-4).
 */
@Tag("interop")
class OpenconnectDtlsTest {
    static Lab lab;
    static String openconnect;
    static String python;
    RunningGateway gateway;

    @BeforeAll
    static void tools() {
        openconnect = executable("/usr/sbin/openconnect");
        python = executable("/usr/bin/python3");
        if (openconnect == null || python == null) {
            System.err.println("!!!!!!!! OpenconnectDtlsTest SKIPPED: openconnect or python3 is not installed !!!!!!!!");
        }
        Assumptions.assumeTrue(openconnect != null && python != null, "openconnect and python3 are needed");
        lab = Lab.shared();
    }

    @AfterEach
    void stop() {
        if (gateway != null) {
            gateway.close();
        }
    }

    private CstpTunnelService start(DtlsEndpoint endpoint) throws Exception {
        return start(endpoint, TlsEngine.preferred());
    }

    private CstpTunnelService start(DtlsEndpoint endpoint, TlsEngine engine) throws Exception {
        CstpTunnelService tunnels = CstpTunnelService.forConfig(lab.config(), Clock.systemUTC())
                .dtls(endpoint);
        gateway = Gateway.start(lab.options().tunnelService(tunnels).tlsEngine(engine).build());
        return tunnels;
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void probeTrafficCrossesUdpOnceDtlsIsEstablished() throws Exception {
        probeOverDtls(TlsEngine.preferred());
    }

    /** PSK-NEGOTIATE needs JDK 25's keying-material exporter and the JDK engine for CSTP (README, DTLS). */
    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void pskNegotiateOnJdk25WithTheJdkEngine() throws Exception {
        Assumptions.assumeTrue(PskExporter.available(), "PSK-NEGOTIATE needs JDK 25 (this is " + Runtime.version() + ")");
        probeOverDtls(TlsEngine.JDK);
    }

    private void probeOverDtls(TlsEngine engine) throws Exception {
        CstpTunnelService tunnels = start(DtlsEndpoint.sameAsHttps(Trace.NONE), engine);
        // only SunJSSE on JDK 25 exports the CSTP session's keying material: PSK-NEGOTIATE; else legacy resumption
        String suite = PskExporter.available() && engine == TlsEngine.JDK ? "PSK-AES256-GCM-SHA384" : "AES256-GCM-SHA384";
        Run run = run(() -> {
            DtlsService dtls = tunnels.dtls().service().orElseThrow();
            assertThat(dtls.server().port()).as("UDP on the HTTPS port number").isEqualTo(gateway.port());
            Session s = sessionOf(runResult);
            TunnelRow ssl = row(s, TunnelRow.Kind.SSL).orElseThrow();
            TunnelRow dtlsRow = row(s, TunnelRow.Kind.DTLS).orElseThrow(() -> new AssertionError("no DTLS-Tunnel row"));
            assertThat(dtlsRow.encapsulation()).isEqualTo("DTLSv1.2");
            assertThat(dtlsRow.ciphersuite()).isEqualTo(suite);
            assertThat(dtlsRow.encryption()).isEqualTo("AES-GCM-256");
            assertThat(dtlsRow.dstPort()).isEqualTo(gateway.port());

            Counters.Snapshot d = awaitCounters(dtlsRow, runResult.get("sent_packets").asLong());
            assertThat(d.pktsRx()).isEqualTo(runResult.get("sent_packets").asLong()).isEqualTo(16);
            assertThat(d.bytesRx()).isEqualTo(runResult.get("sent_bytes").asLong());
            assertThat(d.pktsTx()).isEqualTo(runResult.get("received_packets").asLong()).isEqualTo(6);
            assertThat(d.bytesTx()).isEqualTo(runResult.get("received_bytes").asLong());
            Counters.Snapshot c = ssl.counters().snapshot();
            assertThat(c.pktsRx()).as("no data on CSTP").isZero();
            assertThat(c.pktsTx()).as("no data on CSTP").isZero();
            assertThat(dtls.server().stats().handshakes()).isEqualTo(1);

            String detail = SessionView.detail(List.of(s), Instant.now());
            assertThat(detail).contains("DTLS-Tunnel:", "DTLSv1.2", dtlsRow.ciphersuite(), "UDP Src Port");
        });
        assertThat(run.log).contains("Established DTLS connection");
        // MTU probes are DPD requests echoed byte for byte; a wrong echo makes openconnect settle on 576 (docs/protocol.md §10.6)
        assertThat(runResult.get("mtu").asInt()).isGreaterThan(576);
        System.out.println("openconnect (DTLS):\n" + run.log + "tunnel MTU " + runResult.get("mtu"));
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void withUdpBlackholedTheTunnelFallsBackToCstp() throws Exception {
        CstpTunnelService tunnels = start(DtlsEndpoint.sameAsHttps(Trace.NONE).dropAllDatagrams(true));
        Run run = run(() -> {
            DtlsService dtls = tunnels.dtls().service().orElseThrow();
            assertThat(dtls.server().stats().filtered()).as("openconnect tried DTLS").isPositive();
            assertThat(dtls.server().stats().handshakes()).isZero();
            Session s = sessionOf(runResult);
            assertThat(row(s, TunnelRow.Kind.DTLS)).isEmpty();
            TunnelRow ssl = row(s, TunnelRow.Kind.SSL).orElseThrow();
            Counters.Snapshot c = awaitCounters(ssl, runResult.get("sent_packets").asLong());
            assertThat(c.pktsRx()).isEqualTo(runResult.get("sent_packets").asLong()).isEqualTo(16);
            assertThat(c.pktsTx()).isEqualTo(runResult.get("received_packets").asLong()).isEqualTo(6);
        });
        assertThat(run.log).doesNotContain("Established DTLS connection");
        // after its 12 s of DTLS attempts openconnect configures the tunnel on CSTP alone
        assertThat(run.log).contains("DTLS handshake failed", "with SSL connected and DTLS in progress");
    }

    // ---------------------------------------------------------------------------------------------

    private JsonNode runResult;

    private record Run(String log) {
    }

    /** Runs openconnect with the tunnel probe; {@code checks} runs while the tunnel is still up. */
    private Run run(ThrowingRunnable checks) throws Exception {
        Path work = Files.createTempDirectory("oc-dtls");
        Path probe = work.resolve("probe.py");
        try (var in = OpenconnectDtlsTest.class.getResourceAsStream("/tunnel/probe.py")) {
            Files.copy(in, probe);
        }
        Path result = work.resolve("result.json");
        Path log = work.resolve("openconnect.log");
        List<String> command = new ArrayList<>(List.of(openconnect, "--non-inter"));
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
            runResult = new ObjectMapper().readTree(result.toFile());
            assertThat(runResult.get("errors").toString()).as("probe errors; openconnect said:\n%s", read(log))
                    .isEqualTo("[]");
            assertThat(runResult.get("ok").asBoolean()).isTrue();
            checks.run();
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "\nopenconnect said:\n" + read(log), e);
        } finally {
            Files.writeString(Path.of(result + ".done"), "");
            oc.destroy(); // SIGTERM: BYE on CSTP
            if (!oc.waitFor(15, TimeUnit.SECONDS)) {
                oc.destroyForcibly();
            }
        }
        return new Run(read(log));
    }

    @FunctionalInterface
    private interface ThrowingRunnable {
        void run() throws Exception;
    }

    private Session sessionOf(JsonNode r) {
        return gateway.sessions().active().stream()
                .filter(x -> x.assignedIp().map(a -> a.getHostAddress().equals(r.get("address").asText())).orElse(false))
                .findFirst().orElseThrow(() -> new AssertionError("no active session holds " + r.get("address")));
    }

    private static Optional<TunnelRow> row(Session s, TunnelRow.Kind kind) {
        return s.tunnels().stream().filter(t -> t.kind() == kind).findFirst();
    }

    /** The probe's last packets (to the discard port) may still be in flight when it reports. */
    private static Counters.Snapshot awaitCounters(TunnelRow row, long packets) throws InterruptedException {
        Supplier<Counters.Snapshot> now = () -> row.counters().snapshot();
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (now.get().pktsRx() < packets && System.nanoTime() < end) {
            Thread.sleep(20);
        }
        return now.get();
    }

    private static String executable(String path) {
        return Files.isExecutable(Path.of(path)) ? path : null;
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            return "(" + e + ")";
        }
    }
}
