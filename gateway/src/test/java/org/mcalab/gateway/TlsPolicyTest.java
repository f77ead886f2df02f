package org.mcalab.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.mcalab.gateway.it.Lab;
import org.mcalab.gateway.it.TlsHttpClient;

/**
 * The TLS the gateway accepts, on both engines (issue 14, item 13): ECDHE + AEAD suites only, and no renegotiation
 * started by the client. Weak handshakes come from OpenSSL's own client, as a scanner would send them.
 */
@Tag("interop")
class TlsPolicyTest {
    /** Static-RSA key exchange (with CBC/SHA-1 and with GCM) and ECDHE with CBC: each alone must get no handshake. */
    private static final List<String> WEAK = List.of("AES128-SHA", "AES256-SHA", "AES128-GCM-SHA256", "AES256-GCM-SHA384",
            "ECDHE-RSA-AES128-SHA", "ECDHE-RSA-AES256-SHA", "ECDHE-RSA-AES128-SHA256", "DES-CBC3-SHA");

    record Handshake(int exit, String output) {
        boolean established() {
            return exit == 0 && !output.contains("Cipher is (NONE)");
        }
    }

    private static Handshake sClient(int port, String... options) throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/openssl")), "openssl is not installed");
        List<String> command = new java.util.ArrayList<>(List.of("/usr/bin/openssl", "s_client", "-connect",
                "127.0.0.1:" + port, "-servername", "localhost"));
        command.addAll(List.of(options));
        Process p = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile())).start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("openssl s_client did not finish");
        }
        return new Handshake(p.exitValue(), new String(out, StandardCharsets.UTF_8));
    }

    @ParameterizedTest
    @EnumSource(TlsEngine.class)
    void aClientOfferingOnlyStaticRsaOrCbcSuitesGetsNoHandshake(TlsEngine engine) throws Exception {
        try (RunningGateway g = Gateway.start(Lab.shared().options().tlsEngine(engine).build())) {
            for (String suite : WEAK) {
                Handshake h = sClient(g.port(), "-tls1_2", "-cipher", suite + ":@SECLEVEL=0");
                assertThat(h.established()).as("%s on %s:\n%s", suite, engine, h.output()).isFalse();
            }
            Handshake strong = sClient(g.port(), "-tls1_2", "-cipher", "ECDHE-RSA-AES128-GCM-SHA256");
            assertThat(strong.established()).as(strong.output()).isTrue();
            assertThat(strong.output()).contains("Cipher is ECDHE-RSA-AES128-GCM-SHA256");
            Handshake tls13 = sClient(g.port(), "-tls1_3");
            assertThat(tls13.established()).as(tls13.output()).isTrue();
            assertThat(tls13.output()).contains("TLSv1.3");
        }
    }

    @ParameterizedTest
    @EnumSource(TlsEngine.class)
    void aClientInitiatedRenegotiationIsRefusedAndTheGatewayKeepsServing(TlsEngine engine) throws Exception {
        Lab lab = Lab.shared();
        try (RunningGateway g = Gateway.start(lab.options().tlsEngine(engine).build())) {
            AtomicInteger handshakes = new AtomicInteger();
            try (TlsHttpClient c = TlsHttpClient.connect(lab.tls("machine", "TLSv1.2"), g.port())) {
                SSLSocket socket = c.socket();
                socket.addHandshakeCompletedListener(e -> handshakes.incrementAndGet());
                socket.startHandshake(); // on an established TLS 1.2 connection: the client renegotiates
                assertThat(answered(socket)).as("the renegotiated connection still got an answer").isFalse();
            }
            assertThat(handshakes).as("renegotiations completed").hasValue(0);
            try (TlsHttpClient other = TlsHttpClient.connect(lab.tls("machine", "TLSv1.2"), g.port())) {
                assertThat(answered(other.socket())).as("a new connection is served").isTrue();
            }
        }
    }

    /** GET / on the socket: true when an HTTP status line comes back, false when the connection failed or closed. */
    private static boolean answered(SSLSocket socket) {
        try {
            socket.getOutputStream().write("GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            InputStream in = socket.getInputStream();
            byte[] head = new byte[8];
            int n = in.readNBytes(head, 0, head.length);
            return n == head.length && new String(head, StandardCharsets.US_ASCII).startsWith("HTTP/1.");
        } catch (IOException e) {
            return false;
        }
    }
}
