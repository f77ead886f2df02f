package org.mcalab.conformance.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.mcalab.protocol.Requirement;

class ExpectationTest {
    @Test
    void parsesEveryCatalogueForm() {
        assertThat(Expectation.parse("accept")).isEqualTo(Expectation.accept());
        assertThat(Expectation.parse("either")).isEqualTo(Expectation.either());
        assertThat(Expectation.parse("reject")).isEqualTo(Expectation.reject(null));
        assertThat(Expectation.parse("reject MCA-LIM-5")).isEqualTo(Expectation.reject(Requirement.MCA_LIM_5));
        assertThat(Expectation.parse("reject: mca-pki-4")).isEqualTo(Expectation.reject(Requirement.MCA_PKI_4));
    }

    @Test
    void refusesUnknownWordsAndIds() {
        assertThatThrownBy(() -> Expectation.parse("maybe")).hasMessageContaining("maybe");
        assertThatThrownBy(() -> Expectation.parse("reject MCA-LIM-99")).hasMessageContaining("MCA-LIM-99");
    }

    @Test
    void textIsWhatResultsJsonCarries() {
        assertThat(Expectation.reject(Requirement.MCA_LIM_5).text()).isEqualTo("reject MCA-LIM-5");
        assertThat(Expectation.accept().text()).isEqualTo("accept");
    }
}
