package org.mcalab.conformance.suite;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.mcalab.protocol.Requirement;
import org.mcalab.reports.model.Status;
import org.mcalab.conformance.mca.Observation;
import org.mcalab.conformance.scenario.Expectation;

class JudgeTest {
    private static Status judge(MatchMode mode, Expectation e, Observation o) {
        return SuiteRunner.judge(mode, e, o);
    }

    private static final Observation ACCEPTED = Observation.accept("T", "complete");
    private static final Observation REFUSED_LIM5 = Observation.reject(Requirement.MCA_LIM_5, "MCA-LIM-5: EC");
    private static final Observation REFUSED_SILENT = Observation.reject(null, "Certificate Validation Failure");

    @Test
    void aRefusalMustCiteTheExpectedIdByDefault() {
        Expectation lim5 = Expectation.reject(Requirement.MCA_LIM_5);
        assertThat(judge(MatchMode.REQUIREMENT, lim5, REFUSED_LIM5)).isEqualTo(Status.PASS);
        assertThat(judge(MatchMode.REQUIREMENT, lim5, REFUSED_SILENT)).isEqualTo(Status.FAIL);
        assertThat(judge(MatchMode.REQUIREMENT, Expectation.reject(Requirement.MCA_PKI_1), REFUSED_LIM5)).isEqualTo(Status.FAIL);
        assertThat(judge(MatchMode.REQUIREMENT, lim5, ACCEPTED)).isEqualTo(Status.FAIL);
    }

    @Test
    void refusalModeAcceptsAnyRefusalButNeverAnAccept() {
        Expectation lim5 = Expectation.reject(Requirement.MCA_LIM_5);
        assertThat(judge(MatchMode.REFUSAL, lim5, REFUSED_SILENT)).isEqualTo(Status.PASS);
        assertThat(judge(MatchMode.REFUSAL, lim5, ACCEPTED)).isEqualTo(Status.FAIL);
    }

    @Test
    void acceptAndEitherExpectations() {
        assertThat(judge(MatchMode.REQUIREMENT, Expectation.accept(), ACCEPTED)).isEqualTo(Status.PASS);
        assertThat(judge(MatchMode.REQUIREMENT, Expectation.accept(), REFUSED_LIM5)).isEqualTo(Status.FAIL);
        assertThat(judge(MatchMode.REQUIREMENT, Expectation.either(), REFUSED_SILENT)).isEqualTo(Status.PASS);
        assertThat(judge(MatchMode.REQUIREMENT, Expectation.either(), ACCEPTED)).isEqualTo(Status.PASS);
    }

    @Test
    void aFailedPostCheckFailsEvenAMatchingObservation() {
        Observation wrongUser = ACCEPTED.withViolation("MCA-PKI-7: mapped username is 'admin'");
        assertThat(judge(MatchMode.REQUIREMENT, Expectation.either(), wrongUser)).isEqualTo(Status.FAIL);
        assertThat(judge(MatchMode.REQUIREMENT, Expectation.accept(), wrongUser)).isEqualTo(Status.FAIL);
    }
}
