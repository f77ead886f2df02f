package org.mcalab.cli;


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
import org.mcalab.load.GatewayProbe;
import org.junit.jupiter.api.Timeout;

/** The forked load gateway answers its requests and never outlives the process that started it. */
@Tag("slow")
class ForkedGatewayTest {
    @Test
    @Timeout(180)
    void itAnswersHeapInsideAndHeldAndStopsOnClose() {
        ForkedGateway gateway = ForkedGateway.start(false, Duration.ofMinutes(3));
        ProcessHandle child;
        try {
            child = ProcessHandle.of(gateway.pid()).orElseThrow();
            assertThat(gateway.url().getHost()).isEqualTo("127.0.0.1");
            assertThat(gateway.pki().dir()).isDirectory();
            assertThat(gateway.heapAfterGc()).isPresent();
            assertThat(gateway.held()).contains(new GatewayProbe.Held(0, 0));
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
