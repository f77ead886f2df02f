package org.mcalab.conformance.mca;

import org.mcalab.client.mca.Secrets;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.mcalab.protocol.Requirement;
import org.mcalab.protocol.xml.GatewayMessages;
import org.mcalab.client.HttpResponse;

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

    @Test
    void aByteOrderMarkAndWhitespaceBeforeTheXmlDeclarationAreTolerated() {
        byte[] xml = GatewayMessages.error("MCA-LIM-5: EC key");
        byte[] padded = new byte[xml.length + 5];
        padded[0] = (byte) 0xEF;
        padded[1] = (byte) 0xBB;
        padded[2] = (byte) 0xBF;
        padded[3] = '\n';
        padded[4] = ' ';
        System.arraycopy(xml, 0, padded, 5, xml.length);

        Observation o = Observation.of(response(200, padded));

        assertThat(o.cited()).as("read as config-auth XML, as openconnect 9.01 reads it").isEqualTo(Requirement.MCA_LIM_5);
        assertThat(o.unclean()).isNull();
    }

    @Test
    void serverErrorsAndAnswersWithoutAnErrorAreRefusalsButNotCleanOnes() {
        assertThat(Observation.of(response(500, "oops".getBytes(StandardCharsets.UTF_8))).unclean()).contains("HTTP 500");
        assertThat(Observation.of(response(200, "<html>no</html>".getBytes(StandardCharsets.UTF_8))).unclean())
                .contains("without a config-auth <error>");
        assertThat(Observation.of(response(401, "denied".getBytes(StandardCharsets.UTF_8))).unclean()).isNull();
    }

    @Test
    void secretsAreMaskedToAPrefixAndPasswordsEntirely() {
        String masked = Secrets.mask("<session-token>ABCDEFGH0123456789ABCDEF</session-token> Cookie: webvpn="
                + "ZYXWVUTS9876543210; <password type=\"x\">mcalab-alice</password>");

        assertThat(masked).contains("<session-token>ABCDEFGH…</session-token>", "webvpn=ZYXWVUTS…;",
                "<password type=\"x\">********</password>");
        assertThat(masked).doesNotContain("0123456789ABCDEF", "9876543210", "mcalab-alice");
    }
}
