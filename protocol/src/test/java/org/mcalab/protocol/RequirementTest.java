package org.mcalab.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class RequirementTest {
    @Test
    void everyRequirementHasASentenceAndItsGroupInItsId() {
        assertThat(Requirement.values()).allSatisfy(r -> {
            assertThat(r.text()).as(r.id()).isNotBlank();
            assertThat(r.id()).startsWith("MCA-" + r.group().name() + "-");
        });
        assertThat(Arrays.stream(Requirement.values()).map(Requirement::id)).doesNotHaveDuplicates();
        assertThat(Requirement.MCA_LIM_4.level()).isEqualTo(Requirement.Level.SHOULD);
        assertThat(Requirement.MCA_PKI_2.group().title()).isEqualTo("Certificate validation");
    }

    @Test
    void theFirstIdCitedInATextIsFoundAsAWholeWord() {
        assertThat(Requirement.citedIn("refused: MCA-LIM-5: non-RSA key (see MCA-FLOW-3)")).contains(Requirement.MCA_LIM_5);
        assertThat(Requirement.citedIn("MCA-LIM-17: no such id, then MCA-LIM-1: one certificate"))
                .contains(Requirement.MCA_LIM_1);
        assertThat(Requirement.citedIn("XMCA-LIM-1 is not an id")).isEmpty();
        assertThat(Requirement.citedIn("no id here")).isEmpty();
        assertThat(Requirement.citedIn(null)).isEmpty();
    }

    @Test
    void anUnknownIdIsAClearError() {
        assertThat(Requirement.fromId(" mca-rob-2 ")).isEqualTo(Requirement.MCA_ROB_2);
        assertThatThrownBy(() -> Requirement.fromId("MCA-LIM-9")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown requirement id 'MCA-LIM-9'");
    }
}
