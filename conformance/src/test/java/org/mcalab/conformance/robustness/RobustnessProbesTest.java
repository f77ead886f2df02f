package org.mcalab.conformance.robustness;


import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import java.util.List;
import org.mcalab.gateway.GatewayChecks;
import org.mcalab.lab.EmbeddedGateway;
import org.mcalab.reports.model.RobustnessSection;

/** The report's robustness probe set against the in-process gateway (short timeouts so it runs in seconds). */
@Tag("slow")
class RobustnessProbesTest {
    @Test
    @Timeout(150)
    void everyProbePassesAgainstTheReferenceGateway() throws Exception {
        // a 500-entry table and a flood of twice that: what 10,000 inits do to the default 10,000-entry table
        try (EmbeddedGateway lab = EmbeddedGateway.start(EmbeddedGateway.Setup.suite(GatewayChecks.all())
                .withOptions(b -> b.requestTimeout(Duration.ofSeconds(3)).handshakeTimeout(Duration.ofSeconds(3))
                        .authInfoCap(500)))) {
            RobustnessSection s = RobustnessProbes.run(lab.target(List.of()),
                    new RobustnessProbes.Options(2, Duration.ofSeconds(12), Duration.ofSeconds(12), 1_000));
            assertThat(s.probes()).extracting(RobustnessSection.Probe::input).contains("external entity (XXE)",
                    "billion laughs", "10 MiB body", "one byte per second", "TLS handshake stopped after the ClientHello",
                    "1000 unanswered inits from one source, then a well-behaved login",
                    "well-behaved MCA login after the probes");
            assertThat(s.probes()).allSatisfy(p -> assertThat(p.passed()).as(p.kind() + " / " + p.input() + ": " + p.outcome()).isTrue());
        }
    }

    /** A gateway that never times out a slow client fails the slowloris probe: the probe can fail. */
    @Test
    @Timeout(120)
    void aGatewayThatWaitsForeverFailsTheSlowClientProbe() throws Exception {
        try (EmbeddedGateway lab = EmbeddedGateway.start(EmbeddedGateway.Setup.suite(GatewayChecks.all())
                .withOptions(b -> b.requestTimeout(Duration.ofMinutes(5)).idleTimeout(Duration.ofMinutes(5))))) {
            RobustnessSection s = RobustnessProbes.run(lab.target(List.of()),
                    new RobustnessProbes.Options(1, Duration.ofSeconds(5), Duration.ofSeconds(15)));
            assertThat(s.probes()).filteredOn(p -> p.input().equals("one byte per second"))
                    .singleElement().satisfies(p -> assertThat(p.passed()).isFalse());
        }
    }
}
