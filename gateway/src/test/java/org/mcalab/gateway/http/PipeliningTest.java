package org.mcalab.gateway.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.mcalab.gateway.Gateway;
import org.mcalab.gateway.RunningGateway;
import org.mcalab.gateway.it.Lab;
import org.mcalab.gateway.it.McaLogin;
import org.mcalab.gateway.it.TlsHttpClient;
import org.mcalab.protocol.xml.ClientMessages;
import org.mcalab.protocol.xml.ConfigAuth;
import org.mcalab.protocol.xml.ConfigAuthParser;

/**
 * Issue 14 #7: pipelined requests are answered in request order, one at a time per connection, and a connection
 * pipelining thousands of requests holds a bounded number and cannot fill the shared auth queue (a login on another
 * connection used to get "503 gateway shutting down").
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class PipeliningTest {
    static Lab lab;
    static RunningGateway gateway;

    @BeforeAll
    static void start() throws Exception {
        lab = Lab.shared();
        gateway = Gateway.start(lab.options().build());
    }

    @AfterAll
    static void stop() {
        if (gateway != null) {
            gateway.close();
        }
    }

    private static byte[] post(byte[] body) {
        String head = "POST /MCA HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: text/xml\r\nContent-Length: " + body.length + "\r\n\r\n";
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.writeBytes(head.getBytes(StandardCharsets.US_ASCII));
        b.writeBytes(body);
        return b.toByteArray();
    }

    private static byte[] init() {
        return post(ClientMessages.init(McaLogin.OPENCONNECT, "https://127.0.0.1/MCA", null, false));
    }

    private static final byte[] GET = "GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

    @Test
    void pipelinedRequestsAreAnsweredInRequestOrder() throws Exception {
        try (TlsHttpClient c = TlsHttpClient.connect(lab.tls("machine"), gateway.port())) {
            ByteArrayOutputStream pipeline = new ByteArrayOutputStream();
            for (int i = 0; i < 5; i++) {
                pipeline.writeBytes(init());             // answered on the auth workers (certificate checks)
                pipeline.writeBytes(GET);                // answered at once on the event loop
                pipeline.writeBytes(post("<nope".getBytes(StandardCharsets.US_ASCII))); // refused on the workers
            }
            c.socket().getOutputStream().write(pipeline.toByteArray());
            c.socket().getOutputStream().flush();
            List<String> kinds = new ArrayList<>();
            for (int i = 0; i < 15; i++) {
                TlsHttpClient.Response r = c.read();
                kinds.add(r.status() == 200 && r.text().contains("multiple-client-cert-request") ? "init"
                        : r.status() == 200 && r.header("content-type").startsWith("text/html") ? "get"
                        : r.status() == 400 && r.text().contains("MCA-ROB-1") ? "bad" : r.status() + " " + r.text());
            }
            List<String> expected = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                expected.addAll(List.of("init", "get", "bad"));
            }
            assertThat(kinds).isEqualTo(expected);
        }
    }

    @Test
    void aPipelineOfFiveThousandRequestsDoesNotStopALoginElsewhere() throws Exception {
        TlsHttpClient flood = TlsHttpClient.connect(lab.tls(null), gateway.port(), "127.0.0.2");
        CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
            byte[] one = init();
            try {
                OutputStream out = flood.socket().getOutputStream();
                for (int i = 0; i < 5_000; i++) {
                    out.write(one);
                }
                out.flush();
            } catch (IOException closedByTheGateway) {
                // expected once the gateway has answered what it held
            }
        });
        List<Integer> statuses = new ArrayList<>();
        try (flood) {
            statuses.add(flood.read().status()); // the pipeline is being served
            ConfigAuth done = ConfigAuthParser.parse(new McaLogin(lab, gateway.port()).login("machine", "user").body());
            assertThat(done.errors()).isEmpty();
            assertThat(done.authId()).isEqualTo("success");
            while (true) {
                try {
                    statuses.add(flood.read().status());
                } catch (IOException | RuntimeException closed) {
                    break;
                }
            }
        }
        writer.get(60, TimeUnit.SECONDS);
        // every answer the flooder got is a real one, in order; then the gateway closed the connection
        assertThat(statuses).isNotEmpty().containsOnly(200);
        assertThat(statuses.size()).isLessThan(5_000);
    }
}
