package org.mcalab.conformance.scenario;

import org.mcalab.lab.GroupRole;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.mcalab.protocol.Requirement;
import org.mcalab.client.mca.Profile;
import org.mcalab.conformance.mca.Mutation;
import org.mcalab.conformance.mca.Params;
import org.mcalab.conformance.mca.Step;

class SelectionTest {
    private static Scenario scenario(String id, Requirement r, String... tags) {
        return new Scenario(id, id, List.of(r), Requirement.Level.MUST, Profile.WINDOWS, GroupRole.MCA, Credentials.none(),
                Mutation.NONE, Params.NONE,
                Expectation.accept(), List.of(tags), Set.of(), "test.yaml", Step.AUTH_REPLY);
    }

    private final List<Scenario> all = List.of(
            scenario("FLOW-HAPPY", Requirement.MCA_FLOW_1, "smoke"),
            scenario("LIM5-EC-USER", Requirement.MCA_LIM_5, "key-type"),
            scenario("LIM5-DSA-USER", Requirement.MCA_LIM_5, "key-type"),
            scenario("PKI2-EXPIRED", Requirement.MCA_PKI_2, "validity", "smoke"));

    private List<String> ids(String selection) {
        return Selection.parse(selection).select(all).stream().map(Scenario::id).toList();
    }

    @Test
    void emptySelectsEverything() {
        assertThat(ids(null)).hasSize(4);
        assertThat(ids(" ")).hasSize(4);
    }

    @Test
    void selectsByIdGlobRequirementAndTagKeepingCatalogueOrder() {
        assertThat(ids("PKI2-EXPIRED")).containsExactly("PKI2-EXPIRED");
        assertThat(ids("lim5-*")).containsExactly("LIM5-EC-USER", "LIM5-DSA-USER");
        assertThat(ids("MCA-LIM-5")).containsExactly("LIM5-EC-USER", "LIM5-DSA-USER");
        assertThat(ids("smoke")).containsExactly("FLOW-HAPPY", "PKI2-EXPIRED");
        assertThat(ids("PKI2-EXPIRED,FLOW-*,LIM5-EC-USER")).containsExactly("FLOW-HAPPY", "LIM5-EC-USER", "PKI2-EXPIRED");
    }

    @Test
    void anItemMatchingNothingIsAnErrorNamingIt() {
        assertThatThrownBy(() -> ids("FLOW-HAPPY,NO-SUCH-ID,ZZ*"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("NO-SUCH-ID").hasMessageContaining("ZZ*").hasMessageNotContaining("FLOW-HAPPY,");
    }
}
