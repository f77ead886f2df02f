package org.mcalab.gateway.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.mcalab.gateway.Gateway;
import org.mcalab.gateway.GatewayOptions;
import org.mcalab.gateway.RunningGateway;
import org.mcalab.gateway.auth.AggregateAuth;
import org.mcalab.gateway.config.AsaConfigParser;
import org.mcalab.gateway.it.Lab;
import org.mcalab.gateway.it.McaLogin;
import org.mcalab.gateway.it.TlsHttpClient;
import org.mcalab.protocol.xml.ConfigAuth;
import org.mcalab.protocol.xml.ConfigAuthParser;

/**
 * The bare URL's group chooser (only with {@code tunnel-group-list enable}) and the answers to GET: the refusal a
 * client's cookie names, once, then the generic one; a browser on "/" gets a page, an unknown path 404.
 */
class GroupListAndGetTest {
    static Lab lab;
    static RunningGateway gateway;
    static McaLogin mca;

    @BeforeAll
    static void start() throws Exception {
        lab = Lab.shared();
        gateway = Gateway.start(lab.options().build());
        mca = new McaLogin(lab, gateway.port());
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    @Test
    void anInitOnTheBareUrlWithoutGroupSelectGetsTheGroupListWithValuesAndHoldsNoState() throws Exception {
        TlsHttpClient.Response r = mca.init("machine", "/", McaLogin.OPENCONNECT);
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.text()).contains("<select name=\"group_list\" label=\"GROUP:\">",
                "<option value=\"ANYCONNECT-MCA\">ANYCONNECT-MCA</option>",
                "<option value=\"ANYCONNECT-CERT\">ANYCONNECT-CERT</option>",
                "<option value=\"ANYCONNECT-AAA\">ANYCONNECT-AAA</option>");
        ConfigAuth form = ConfigAuthParser.parse(r.body());
        assertThat(form.errors()).isEmpty();
        assertThat(form.opaque()).as("no auth info is created before a group is chosen").isNull();
    }

    @Test
    void withoutTunnelGroupListTheBareUrlIsRefusedAsAnUnknownGroup() throws Exception {
        String asa = Files.readString(lab.file("asa.cfg"));
        assertThat(asa).contains(" tunnel-group-list enable\n");
        RunningGateway plain = Gateway.start(GatewayOptions.builder(AsaConfigParser.parse(asa.replace(" tunnel-group-list enable\n", "")),
                lab.identity()).listen(new java.net.InetSocketAddress("127.0.0.1", 0)).traceOut(null).build());
        try {
            TlsHttpClient.Response r = new McaLogin(lab, plain.port()).init("machine", "/", McaLogin.OPENCONNECT);
            assertThat(r.status()).isEqualTo(400);
            assertThat(ConfigAuthParser.parse(r.body()).errors()).singleElement().asString()
                    .startsWith("MCA-FLOW-1: unknown tunnel group");
        } finally {
            plain.close();
        }
    }

    @Test
    void aGetAfterARefusalShowsThatRefusalOnceThenTheGenericAnswer() throws Exception {
        TlsHttpClient.Response refused = mca.login("machine", "user-ec-p256");
        String setCookie = refused.header("set-cookie");
        assertThat(setCookie).startsWith(AggregateAuth.REFUSAL_COOKIE + "=");
        String note = setCookie.substring(AggregateAuth.REFUSAL_COOKIE.length() + 1).split(";")[0];

        TlsHttpClient.Response first = get("/MCA", "Cookie: " + AggregateAuth.REFUSAL_COOKIE + "=" + note + "\r\n");
        assertThat(first.status()).isEqualTo(200);
        assertThat(ConfigAuthParser.parse(first.body()).errors()).singleElement().asString()
                .startsWith("MCA-LIM-5: user certificate has an EC key");
        assertThat(first.header("set-cookie")).startsWith(AggregateAuth.REFUSAL_COOKIE + "=;").contains("Max-Age=0");

        TlsHttpClient.Response again = get("/MCA", "Cookie: " + AggregateAuth.REFUSAL_COOKIE + "=" + note + "\r\n");
        assertThat(ConfigAuthParser.parse(again.body()).errors()).singleElement().asString()
                .startsWith("MCA-FLOW-1: /MCA takes aggregate-auth config-auth XML by POST");
    }

    @Test
    void aBrowserOnTheRootGetsAPageAndAnUnknownPathIsNotFound() throws Exception {
        TlsHttpClient.Response page = get("/", "");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.header("content-type")).startsWith("text/html");
        TlsHttpClient.Response client = get("/", "X-Transcend-Version: 1\r\n");
        assertThat(client.header("content-type")).startsWith("text/xml");
        assertThat(get("/no-such-group", "X-Transcend-Version: 1\r\n").status()).isEqualTo(404);
    }

    private static TlsHttpClient.Response get(String path, String headers) throws Exception {
        try (TlsHttpClient c = TlsHttpClient.connect(lab.tls(null), gateway.port())) {
            String head = "GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n" + headers + "\r\n";
            return c.send(head.getBytes(StandardCharsets.US_ASCII), new byte[0]);
        }
    }
}
