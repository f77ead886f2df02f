package org.mcalab.gateway.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.mcalab.gateway.Gateway;
import org.mcalab.gateway.GatewayException;
import org.mcalab.gateway.RunningGateway;
import org.mcalab.gateway.it.Lab;
import org.mcalab.gateway.it.McaLogin;
import org.mcalab.gateway.trace.DebugCategory;
import org.mcalab.protocol.xml.ConfigAuthParser;

class AdminServerTest {
    static Lab lab;
    static RunningGateway gateway;
    static final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        lab = Lab.shared();
        gateway = Gateway.start(lab.options().admin(new InetSocketAddress("127.0.0.1", 0)).build());
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    static HttpResponse<String> call(String method, String path) throws Exception {
        InetSocketAddress a = gateway.adminAddress().orElseThrow();
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + a.getPort() + path))
                .method(method, HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void sessionsTraceDebugAndLogoff() throws Exception {
        long since = gateway.trace().lastSeq();
        String token = ConfigAuthParser.parse(new McaLogin(lab, gateway.port()).login("machine", "user").body()).sessionToken();
        int index = gateway.sessions().findActive(token).orElseThrow().index();

        HttpResponse<String> text = call("GET", "/sessions?detail=1&format=text");
        assertThat(text.body()).contains("Auth Mode    : Multiple-certificate", "Username     : MachineID.cisco.com");
        assertThat(call("GET", "/sessions").body()).contains("\"authMode\" : \"Multiple-certificate\"").doesNotContain(token);

        HttpResponse<String> trace = call("GET", "/trace?since=" + since);
        assertThat(trace.body()).contains("Send auth complete", "\"lastSeq\"");

        assertThat(call("POST", "/debug?category=aggregate-auth%20xml&on=true").body()).contains("aggregate-auth xml");
        assertThat(gateway.trace().printing()).contains(DebugCategory.AGGREGATE_AUTH_XML);
        assertThat(call("POST", "/debug?category=all&on=false").body()).contains("[ ]");
        assertThat(call("POST", "/debug?category=bogus").statusCode()).isEqualTo(400);

        assertThat(call("POST", "/sessions/" + index + "/logoff").statusCode()).isEqualTo(200);
        assertThat(gateway.sessions().findActive(token)).isEmpty();
        assertThat(call("POST", "/sessions/" + index + "/logoff").statusCode()).isEqualTo(404);
    }

    @Test
    void cryptoCaLooksLikeTheSeed() throws Exception {
        String text = call("GET", "/crypto-ca?format=text").body();
        assertThat(text).contains("CA Certificate\n  Status: Available\n  Certificate Serial Number: ",
                "  Certificate Usage: General Purpose\n  Public Key Type: RSA (2048 bits)\n"
                        + "  Signature Algorithm: SHA256 with RSA Encryption\n  Issuer Name:\n    cn=UserCA.cisco.com\n"
                        + "    o=Cisco\n    l=Dallas\n    st=Texas\n    c=IN\n  Subject Name:\n    cn=UserCA.cisco.com\n",
                "  Validity Date:\n    start date: ", "    end   date: ", "  Storage: config\n  Associated Trustpoints: UserCA\n",
                "  Associated Trustpoints: MachineCA\n");
        assertThat(text).containsPattern("start date: \\d\\d:\\d\\d:\\d\\d UTC [A-Z][a-z]{2} \\d{1,2} \\d{4}");
        assertThat(call("GET", "/crypto-ca").body()).contains("\"trustpoints\" : [ \"UserCA\" ]");
    }

    @Test
    void aNonLoopbackAdminAddressIsRefused() {
        assertThatThrownBy(() -> Gateway.start(lab.options().admin(new InetSocketAddress("0.0.0.0", 0)).build()))
                .isInstanceOf(GatewayException.class).hasMessageContaining("loopback");
    }
}
