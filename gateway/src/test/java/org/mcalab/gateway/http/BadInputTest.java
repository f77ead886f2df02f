package org.mcalab.gateway.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.mcalab.gateway.Gateway;
import org.mcalab.gateway.RunningGateway;
import org.mcalab.gateway.it.Lab;
import org.mcalab.gateway.it.McaLogin;
import org.mcalab.gateway.it.TlsHttpClient;
import org.mcalab.protocol.xml.ClientMessages;
import org.mcalab.protocol.xml.ConfigAuth;
import org.mcalab.protocol.xml.ConfigAuthParser;

/** MCA-ROB-1: bad input gets a clear status and error body, and the gateway keeps serving good clients. */
class BadInputTest {
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

    /** After every bad request, a good client still logs in. */
    @AfterEach
    void goodClientStillLogsIn() throws Exception {
        ConfigAuth ok = ConfigAuthParser.parse(mca.login("machine", "user").body());
        assertThat(ok.authId()).isEqualTo("success");
    }

    private static TlsHttpClient.Response post(String body) throws Exception {
        return mca.send("machine", "/MCA", body.getBytes(StandardCharsets.UTF_8));
    }

    private static String error(TlsHttpClient.Response r) throws Exception {
        return ConfigAuthParser.parse(r.body()).errors().get(0);
    }

    @Test
    void malformedXml() throws Exception {
        TlsHttpClient.Response r = post("<?xml version=\"1.0\"?><config-auth type=\"init\"><version>");
        assertThat(r.status()).isEqualTo(400);
        assertThat(error(r)).startsWith("MCA-ROB-1: malformed XML");
    }

    @Test
    void externalEntity() throws Exception {
        TlsHttpClient.Response r = post("<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]>"
                + "<config-auth client=\"vpn\" type=\"init\"><version>&e;</version></config-auth>");
        assertThat(r.status()).isEqualTo(400);
        assertThat(error(r)).startsWith("MCA-ROB-1:");
        assertThat(r.text()).doesNotContain("root:");
    }

    @Test
    void billionLaughs() throws Exception {
        StringBuilder dtd = new StringBuilder("<!DOCTYPE lolz [<!ENTITY lol \"lol\">");
        for (int i = 1; i < 10; i++) {
            dtd.append("<!ENTITY lol").append(i).append(" \"").append(("&lol" + (i == 1 ? "" : i - 1) + ";").repeat(10)).append("\">");
        }
        TlsHttpClient.Response r = post("<?xml version=\"1.0\"?>" + dtd + "]><config-auth type=\"init\">&lol9;</config-auth>");
        assertThat(r.status()).isEqualTo(400);
        assertThat(error(r)).startsWith("MCA-ROB-1:");
    }

    @Test
    void bodyOver64KiB() throws Exception {
        byte[] big = new byte[100 * 1024];
        Arrays.fill(big, (byte) 'a');
        try (TlsHttpClient c = TlsHttpClient.connect(lab.tls("machine"), gateway.port())) {
            TlsHttpClient.Response r = c.post("/MCA", big);
            assertThat(r.status()).isEqualTo(413);
            assertThat(error(r)).startsWith("MCA-ROB-1:").contains("limit");
        }
    }

    @Test
    void headerBlockOver8KiB() throws Exception {
        try (TlsHttpClient c = TlsHttpClient.connect(lab.tls("machine"), gateway.port())) {
            String head = "POST /MCA HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Pad: " + "0".repeat(9000) + "\r\nContent-Length: 0\r\n\r\n";
            TlsHttpClient.Response r = c.send(head.getBytes(StandardCharsets.US_ASCII), new byte[0]);
            assertThat(r.status()).isEqualTo(431);
        }
    }

    @Test
    void unknownType() throws Exception {
        TlsHttpClient.Response r = post("<?xml version=\"1.0\"?><config-auth client=\"vpn\" type=\"self-destruct\"/>");
        assertThat(r.status()).isEqualTo(400);
        assertThat(error(r)).isEqualTo("MCA-ROB-1: unknown config-auth type 'self-destruct'");
    }

    @Test
    void unknownTunnelGroup() throws Exception {
        byte[] init = ClientMessages.init(McaLogin.OPENCONNECT, "https://127.0.0.1/", "NO-SUCH-GROUP", false);
        TlsHttpClient.Response r = mca.send("machine", "/", init);
        assertThat(r.status()).isEqualTo(400);
        assertThat(error(r)).contains("unknown tunnel group 'NO-SUCH-GROUP'");
    }

    @Test
    void wrongContentTypeAndUnknownPaths() throws Exception {
        try (TlsHttpClient c = TlsHttpClient.connect(lab.tls("machine"), gateway.port())) {
            String head = "POST /MCA HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n";
            assertThat(c.send(head.getBytes(StandardCharsets.US_ASCII), "{}".getBytes(StandardCharsets.US_ASCII)).status())
                    .isEqualTo(415);
            assertThat(c.post("/not-a-group", "<x/>".getBytes(StandardCharsets.US_ASCII)).status()).isEqualTo(404);
            TlsHttpClient.Response home = c.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII), new byte[0]);
            assertThat(home.status()).isEqualTo(200);
            assertThat(home.text()).contains("GCE-ASA");
        }
    }

    @Tag("slow")
    @Test
    void slowAndIdleConnectionsAreClosed() throws Exception {
        RunningGateway strict = Gateway.start(lab.options().requestTimeout(java.time.Duration.ofMillis(800))
                .idleTimeout(java.time.Duration.ofMillis(1500)).build());
        try {
            try (TlsHttpClient slow = TlsHttpClient.connect(lab.tls("machine"), strict.port())) {
                slow.socket().getOutputStream().write("POST /MCA HTTP/1.1\r\nHost: x\r\n".getBytes(StandardCharsets.US_ASCII));
                slow.socket().getOutputStream().flush();
                // closed, not answered; when exactly is RequestTimeoutsTest's job, on a clock it moves
                assertThat(slow.socket().getInputStream().read()).isEqualTo(-1);
            }
            try (TlsHttpClient idle = TlsHttpClient.connect(lab.tls("machine"), strict.port())) {
                assertThat(idle.socket().getInputStream().read()).isEqualTo(-1);
            }
        } finally {
            strict.close();
        }
    }

    @Test
    void abandonedInitsDoNotOutgrowTheCap() throws Exception {
        RunningGateway small = Gateway.start(lab.options().authInfoCap(3).build());
        try {
            McaLogin m = new McaLogin(lab, small.port());
            for (int i = 0; i < 4; i++) {
                // a source at its bound replaces its own oldest attempt: the newest is always challenged
                assertThat(ConfigAuthParser.parse(m.init("machine", "/MCA", McaLogin.OPENCONNECT).body()).multipleCertRequest()).isTrue();
            }
            assertThat(small.pendingAuthentications()).isEqualTo(1);
        } finally {
            small.close();
        }
    }
}
