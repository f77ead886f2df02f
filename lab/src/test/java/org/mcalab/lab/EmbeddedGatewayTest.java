package org.mcalab.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The embedded gateway offers every capability of {@link GatewayUnderTest}, reflects its setup's config edits, and a
 * setup whose edit names a missing line fails clearly and leaves nothing behind; a foreign gateway offers none.
 */
class EmbeddedGatewayTest {
    @Test
    void theSoakSetupOffersEveryCapabilityWithItsNarrowedPool() {
        Path dir;
        try (EmbeddedGateway g = EmbeddedGateway.start(EmbeddedGateway.Setup.soak())) {
            dir = g.pkiDir();
            assertThat(g.reference()).isTrue();
            assertThat(g.url().getHost()).isEqualTo("127.0.0.1");
            assertThat(g.poolSize()).hasValue(64);
            assertThat(g.pendingAuths()).hasValue(0);
            assertThat(g.sessions().orElseThrow().held()).isEqualTo(new GatewayUnderTest.Held(0, 0));
            assertThat(g.sessions().orElseThrow().find("no-such-token")).isEmpty();
            assertThat(g.sessions().orElseThrow().logoff("no-such-token")).isFalse();
            assertThat(g.trustpoints()).hasValueSatisfying(v -> assertThat(v).contains("UserCA", "MachineCA"));
            assertThat(g.inside()).hasValueSatisfying(c -> assertThat(c.echoed()).isZero());
            assertThat(g.heapAfterGc()).isPresent();
            GatewayUnderTest.Trace trace = g.trace().orElseThrow();
            assertThat(trace.since(trace.mark())).isEmpty();

            Instant before = g.clock().orElseThrow().instant();
            g.clock().orElseThrow().advance(Duration.ofMinutes(4));
            assertThat(g.clock().orElseThrow().instant()).isAfterOrEqualTo(before.plus(Duration.ofMinutes(4)));

            Target target = g.target(List.of());
            assertThat(target.embedded()).isTrue();
            assertThat(target.capabilities()).contains("clock-control", "session-db", "trustpoints");
        }
        assertThat(dir).doesNotExist();
    }

    @Test
    void anEditOfAMissingLineStopsTheStartWithALabException() {
        EmbeddedGateway.Setup broken = EmbeddedGateway.Setup.soak()
                .with(ConfigEdit.simultaneousLogins("NO-SUCH-POLICY", 5));
        assertThatThrownBy(() -> EmbeddedGateway.start(broken))
                .isInstanceOf(LabException.class).hasMessageContaining("group-policy NO-SUCH-POLICY");
    }

    @Test
    void aForeignGatewayOffersNoCapability() {
        Target t = Target.foreign(java.net.URI.create("https://127.0.0.1:1"), null, null, List.of());
        assertThat(t.capabilities()).isEmpty();
        assertThat(t.embedded()).isFalse();
        assertThat(t.gateway().sessions()).isEmpty();
        assertThat(t.gateway().pendingAuths()).isEmpty();
        assertThat(t.gateway().heapAfterGc()).isEmpty();
    }
}
