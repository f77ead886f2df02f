package org.mcalab.lab;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.mcalab.gateway.TlsEngine;
import org.junit.jupiter.api.Timeout;

/**
 * The forked load gateway answers over its admin endpoint (heap, inside counters, sessions, trace) and never outlives
 * the process that started it.
 */
@Tag("slow")
class ForkedGatewayTest {
    @Test
    @Timeout(180)
    void itAnswersOverItsAdminEndpointAndStopsOnClose() {
        ForkedGateway gateway = ForkedGateway.start(false, Duration.ofMinutes(3), TlsEngine.preferred());
        ProcessHandle child;
        try {
            child = ProcessHandle.of(gateway.pid()).orElseThrow();
            assertThat(gateway.url().getHost()).isEqualTo("127.0.0.1");
            assertThat(gateway.pki().dir()).isDirectory();
            assertThat(gateway.heapAfterGc()).isPresent();
            GatewayUnderTest.Sessions sessions = gateway.sessions().orElseThrow();
            assertThat(sessions.held()).isEqualTo(new GatewayUnderTest.Held(0, 0));
            assertThat(sessions.find("no-such-token")).isEmpty();
            assertThat(sessions.logoff("no-such-token")).isFalse();
            GatewayUnderTest.Trace trace = gateway.trace().orElseThrow();
            assertThat(trace.mark()).isNotNegative();
            assertThat(trace.since(trace.mark())).isEmpty();
            assertThat(gateway.inside()).hasValueSatisfying(c -> assertThat(c.discardedPackets()).isZero());
            assertThat(gateway.cpu().cpuNanos()).isPresent();
        } finally {
            gateway.close();
        }
        assertThat(child.isAlive()).isFalse();
        assertThat(gateway.heapAfterGc()).isEmpty();
    }

    @Test
    @Timeout(180)
    void theChildStopsByItselfWhenItsStdinEndsAsWhenTheParentDies() throws Exception {
        Process p = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), ForkedGatewayMain.class.getName(), "idle", "170"))
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try {
            BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.US_ASCII));
            String ready = r.readLine();
            assertThat(ready).startsWith("ready https://127.0.0.1:");
            assertThat(ready.split(" ")).hasSize(5); // URL, PKI directory, admin address, admin token
            Path pkiDir = Path.of(ready.split(" ")[2]);
            assertThat(pkiDir).isDirectory();
            p.getOutputStream().close();
            assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(p.exitValue()).isZero();
            assertThat(pkiDir).doesNotExist(); // its shutdown closed the gateway and deleted the work directory
        } finally {
            p.destroyForcibly();
        }
    }
}
