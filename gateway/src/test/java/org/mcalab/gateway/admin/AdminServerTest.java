package org.mcalab.gateway.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
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

    static HttpResponse<String> call(String method, String path, String... headers) throws Exception {
        String[] all = new String[headers.length + 2];
        all[0] = AdminServer.TOKEN_HEADER;
        all[1] = gateway.adminToken().orElseThrow();
        System.arraycopy(headers, 0, all, 2, headers.length);
        return send(method, path, all);
    }

    static HttpResponse<String> send(String method, String path, String... headers) throws Exception {
        InetSocketAddress a = gateway.adminAddress().orElseThrow();
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + a.getPort() + path))
                .method(method, HttpRequest.BodyPublishers.noBody());
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** What the endpoint answers to raw request bytes (HttpClient cannot set Host), read until it closes. */
    static String raw(int port, String request) throws Exception {
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(20_000);
            s.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            return new String(s.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
        }
    }

    @Test
    void aStalledClientBlocksNobodyAndIsClosedAfterTheRequestTimeout() throws Exception {
        AdminServer quick = AdminServer.start(new InetSocketAddress("127.0.0.1", 0), gateway.sessions(), gateway.trace(),
                gateway.config(), new org.mcalab.gateway.auth.LocalLockout(java.util.OptionalInt.empty()), Clock.systemUTC(),
                Duration.ofMillis(300));
        try (Socket stalled = new Socket("127.0.0.1", quick.address().getPort());
             Socket stalledOnMain = new Socket("127.0.0.1", gateway.adminAddress().orElseThrow().getPort())) {
            stalled.getOutputStream().write("GET /health HTTP/1.1\r\n".getBytes(StandardCharsets.US_ASCII));
            stalledOnMain.getOutputStream().write("GET /health HTTP/1.1\r\n".getBytes(StandardCharsets.US_ASCII));
            // while both stall, the endpoint answers others at once
            assertThat(send("GET", "/health").statusCode()).isEqualTo(200);
            assertThat(raw(quick.address().getPort(), "GET /health HTTP/1.1\r\nHost: localhost:"
                    + quick.address().getPort() + "\r\n\r\n")).startsWith("HTTP/1.1 200");
            stalled.setSoTimeout(20_000); // a safety net only: the endpoint closes it after 300 ms
            assertThat(stalled.getInputStream().read()).isEqualTo(-1);
        } finally {
            quick.stop();
        }
    }

    @Test
    void aForeignHostIsRefusedLoopbackLiteralsAndLocalhostAreServed() throws Exception {
        int port = gateway.adminAddress().orElseThrow().getPort();
        String token = gateway.adminToken().orElseThrow();
        for (String host : new String[] {"evil.example:" + port, "evil.example", "127.0.0.1", "127.0.0.1:1",
                "localhost.evil.example:" + port, "127.0.0.1.nip.io:" + port}) {
            assertThat(raw(port, "GET /sessions HTTP/1.1\r\nHost: " + host + "\r\n" + AdminServer.TOKEN_HEADER + ": "
                    + token + "\r\n\r\n")).as(host).startsWith("HTTP/1.1 403").contains("Host must be a loopback");
        }
        assertThat(raw(port, "GET /sessions HTTP/1.1\r\n" + AdminServer.TOKEN_HEADER + ": " + token + "\r\n\r\n"))
                .as("no Host").startsWith("HTTP/1.1 403");
        for (String host : new String[] {"localhost:" + port, "127.0.0.1:" + port, "127.5.6.7:" + port, "[::1]:" + port}) {
            assertThat(raw(port, "GET /sessions HTTP/1.1\r\nHost: " + host + "\r\n" + AdminServer.TOKEN_HEADER + ": "
                    + token + "\r\n\r\n")).as(host).startsWith("HTTP/1.1 200");
        }
    }

    @Test
    void aBrowserRequestIsRefusedEvenWithTheToken() throws Exception {
        gateway.trace().print(DebugCategory.CRYPTO_CA, false);
        assertThat(call("POST", "/debug?category=crypto%20ca", "Origin", "http://evil.example").statusCode()).isEqualTo(403);
        assertThat(call("POST", "/debug?category=crypto%20ca", "Origin", "null").statusCode()).isEqualTo(403);
        assertThat(call("POST", "/debug?category=crypto%20ca", "Sec-Fetch-Site", "cross-site").statusCode()).isEqualTo(403);
        assertThat(gateway.trace().printing()).doesNotContain(DebugCategory.CRYPTO_CA);
    }

    @Test
    void stateNeedsTheTokenHealthDoesNot() throws Exception {
        gateway.trace().print(DebugCategory.CRYPTO_CA, false);
        assertThat(send("POST", "/debug?category=crypto%20ca").statusCode()).isEqualTo(401);
        assertThat(send("POST", "/debug?category=crypto%20ca", AdminServer.TOKEN_HEADER, "0".repeat(64)).statusCode())
                .isEqualTo(401);
        assertThat(send("POST", "/sessions/1/logoff").statusCode()).isEqualTo(401);
        assertThat(send("GET", "/sessions").statusCode()).isEqualTo(401);
        assertThat(send("GET", "/trace").statusCode()).isEqualTo(401);
        assertThat(gateway.trace().printing()).doesNotContain(DebugCategory.CRYPTO_CA);
        assertThat(send("GET", "/health").statusCode()).isEqualTo(200);
        assertThat(call("POST", "/debug?category=crypto%20ca").statusCode()).isEqualTo(200);
        assertThat(gateway.trace().printing()).contains(DebugCategory.CRYPTO_CA);
        call("POST", "/debug?category=crypto%20ca&on=false");
        assertThat(gateway.adminToken().orElseThrow()).matches("[0-9a-f]{64}");
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

    @Test
    void insideCountersAndHeapNeedTheTokenAndAnswerWithFigures() throws Exception {
        assertThat(send("GET", "/inside").statusCode()).isEqualTo(401);
        assertThat(send("GET", "/heap").statusCode()).isEqualTo(401);
        HttpResponse<String> inside = call("GET", "/inside");
        assertThat(inside.statusCode()).isEqualTo(200);
        assertThat(inside.body()).contains("\"discarded\"", "\"discardedBytes\"", "\"echoed\"", "\"dropped\"");
        HttpResponse<String> heap = call("GET", "/heap");
        assertThat(heap.statusCode()).isEqualTo(200);
        assertThat(heap.body()).containsPattern("\"usedAfterGcBytes\" ?: ?[1-9][0-9]*");
    }

    @Test
    void anEndpointWithoutATunnelServiceHasNoInsideCounters() throws Exception {
        AdminServer bare = AdminServer.start(new InetSocketAddress("127.0.0.1", 0), gateway.sessions(), gateway.trace(),
                gateway.config(), new org.mcalab.gateway.auth.LocalLockout(java.util.OptionalInt.empty()), Clock.systemUTC(),
                Duration.ofSeconds(5));
        try {
            int port = bare.address().getPort();
            assertThat(raw(port, "GET /inside HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\n" + AdminServer.TOKEN_HEADER
                    + ": " + bare.token() + "\r\n\r\n")).startsWith("HTTP/1.1 404").contains("no virtual inside network");
        } finally {
            bare.stop();
        }
    }
}
