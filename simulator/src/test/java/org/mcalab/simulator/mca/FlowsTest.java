package org.mcalab.simulator.mca;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** FLOW5-UNKNOWN-HANDLE on gateways that issue no handle: the reply still carries one they never issued (issue 12). */
class FlowsTest {
    private final Attempt attempt = new Attempt(null, null, null, Profile.WINDOWS, "/", Map.of(), List.of(), List.of(),
            List.of(), false);

    @Test
    void aMissingOpaqueBecomesOneHoldingOnlyTheMadeUpHandle() {
        assertThat(Flows.withHandle(attempt, null, "123")).isEqualTo("<opaque is-for=\"sg\"><aggauth-handle>123</aggauth-handle></opaque>");
        assertThat(attempt.transcript().notes()).anyMatch(n -> n.contains("had no opaque"));
    }

    @Test
    void anOpaqueWithoutAHandleGetsOneAndAHandleIsReplaced() {
        assertThat(Flows.withHandle(attempt, "<opaque is-for=\"sg\"><tunnel-group>G</tunnel-group></opaque>", "7"))
                .isEqualTo("<opaque is-for=\"sg\"><tunnel-group>G</tunnel-group><aggauth-handle>7</aggauth-handle></opaque>");
        assertThat(Flows.withHandle(attempt, "<opaque><aggauth-handle>1</aggauth-handle></opaque>", "7"))
                .isEqualTo("<opaque><aggauth-handle>7</aggauth-handle></opaque>");
    }
}
