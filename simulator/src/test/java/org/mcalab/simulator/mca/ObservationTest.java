package org.mcalab.simulator.mca;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.mcalab.protocol.Requirement;
import org.mcalab.protocol.xml.GatewayMessages;
import org.mcalab.simulator.client.HttpResponse;

class ObservationTest {
    private static HttpResponse response(int status, byte[] body, String... setCookies) {
        return new HttpResponse(status, "OK", setCookies.length == 0 ? Map.of() : Map.of("set-cookie", List.of(setCookies)), body);
    }

    @Test
    void completeWithASessionTokenIsAnAccept() {
        Observation o = Observation.of(response(200, GatewayMessages.complete("1", "TOKEN-1", null)));
        assertThat(o.accepted()).isTrue();
        assertThat(o.sessionToken()).isEqualTo("TOKEN-1");
        assertThat(o.code()).isEqualTo("accept");
    }

    @Test
    void anErrorCitingARequirementIsARejectWithThatId() {
        Observation o = Observation.of(response(200, GatewayMessages.error("MCA-LIM-5: EC key")));
        assertThat(o.accepted()).isFalse();
        assertThat(o.cited()).isEqualTo(Requirement.MCA_LIM_5);
        assertThat(o.code()).isEqualTo("reject MCA-LIM-5");
        assertThat(o.text()).contains("EC key");
    }

    @Test
    void anErrorWithoutAnIdIsARejectCitingNothing() {
        Observation o = Observation.of(response(200, GatewayMessages.error("Certificate Validation Failure")));
        assertThat(o.cited()).isNull();
        assertThat(o.code()).isEqualTo("reject (no requirement cited)");
    }

    @Test
    void anHttpErrorWithoutXmlIsAReject() {
        Observation o = Observation.of(response(401, new byte[0]));
        assertThat(o.accepted()).isFalse();
        assertThat(o.text()).startsWith("HTTP 401");
    }

    @Test
    void aTokenHandedOutWithARefusalIsAViolation() {
        Observation o = Observation.of(response(200, GatewayMessages.error("MCA-PKI-2: expired"), "webvpn=ABC; Secure"));
        assertThat(o.accepted()).isFalse();
        assertThat(o.violations()).singleElement().asString().startsWith("MCA-FLOW-7");
    }

    @Test
    void anotherRequestIsNotASuccess() {
        byte[] challenge = GatewayMessages.mcaAuthRequest(new GatewayMessages.OpaqueState("G", "1", "multiple-cert", "2"),
                GatewayMessages.MCA_HASHES, "AB", true);
        Observation o = Observation.of(response(200, challenge));
        assertThat(o.accepted()).isFalse();
        assertThat(o.text()).contains("multiple-certificate request");
        assertThat(new String(challenge, StandardCharsets.UTF_8)).contains("auth-request");
    }
}
