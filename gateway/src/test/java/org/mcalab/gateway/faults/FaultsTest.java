package org.mcalab.gateway.faults;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.github.tomakehurst.wiremock.http.Fault;
import io.netty.handler.codec.PrematureChannelClosureException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.mcalab.gateway.Gateway;
import org.mcalab.gateway.GatewayOptions;
import org.mcalab.gateway.config.AsaConfig;
import org.mcalab.gateway.config.AsaConfigParser;
import org.mcalab.gateway.RunningGateway;
import org.mcalab.gateway.http.GatewayHttpHandler;
import org.mcalab.gateway.it.Await;
import org.mcalab.gateway.it.Lab;
import org.mcalab.gateway.it.McaLogin;
import org.mcalab.gateway.it.TlsHttpClient;
import org.mcalab.gateway.pki.CrlSource;
import org.mcalab.gateway.pki.HttpCrlCache;
import org.mcalab.gateway.session.Session;
import org.mcalab.gateway.session.TunnelRow;
import org.mcalab.gateway.tunnel.CstpTunnelService;
import org.mcalab.protocol.xml.ConfigAuth;
import org.mcalab.protocol.xml.ConfigAuthParser;
import org.slf4j.LoggerFactory;

/**
 * Faults (MCA-ROB-3): clients that vanish mid-authentication or mid-tunnel with a TCP reset, and a CRL endpoint that
 * is slow, resets or answers garbage. Nothing is left half-made: no session without a complete login, a dropped
 * tunnel keeps its session and address for the reconnect (as the ASA does) until the session ends, and revocation
 * fails closed while the gateway keeps serving.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class FaultsTest {
    private static final String SEED_POOL = "ip local pool ANYCONNECT-POOL 192.168.100.1-192.168.100.254 mask 255.255.255.0";
    private static final String ONE_ADDRESS_POOL = "ip local pool ANYCONNECT-POOL 192.168.100.1-192.168.100.1 mask 255.255.255.0";
    private final Lab lab = Lab.shared();

    /** Half an auth-reply body, then a reset: no session, no extra auth-info entry, and the next login works. */
    @Test
    void clientVanishingMidAuthLeavesNoSession() throws Exception {
        // the gateway logs each connection that ends mid-request: proof it has handled the reset, not a pause
        Logger http = (Logger) LoggerFactory.getLogger(GatewayHttpHandler.class);
        Level level = http.getLevel();
        ListAppender<ILoggingEvent> log = new ListAppender<>();
        log.start();
        http.addAppender(log);
        http.setLevel(Level.DEBUG);
        try (RunningGateway g = Gateway.start(lab.options().build())) {
            McaLogin mca = new McaLogin(lab, g.port());
            TlsHttpClient.Response challenge = mca.init("machine", "/MCA", McaLogin.OPENCONNECT);
            byte[] reply = mca.reply(challenge.body(), "user");
            assertThat(g.pendingAuthentications()).isEqualTo(1);
            for (int i = 0; i < 5; i++) {
                try (SSLSocket s = tls(g)) {
                    OutputStream out = s.getOutputStream();
                    out.write(("POST /MCA HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: text/xml\r\nContent-Length: "
                            + reply.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                    out.write(reply, 0, reply.length / 2);
                    out.flush();
                    reset(s);
                }
            }
            Await.until("the gateway handled 5 resets mid-request", () -> prematureClosures(log) >= 5);
            assertThat(g.sessions().size()).isZero();
            assertThat(g.pendingAuthentications()).isEqualTo(1); // the abandoned challenge, until its 3 minutes end
            // the interrupted reply was never processed: the complete one still answers the same challenge
            ConfigAuth done = ConfigAuthParser.parse(mca.send("machine", "/MCA", reply).body());
            assertThat(done.authId()).isEqualTo("success");
            assertThat(g.sessions().size()).isEqualTo(1);
            assertThat(g.pendingAuthentications()).isZero();
        } finally {
            http.detachAppender(log);
            http.setLevel(level);
        }
    }

    private static long prematureClosures(ListAppender<ILoggingEvent> log) {
        synchronized (log) { // the appender adds under this lock, from the gateway's threads
            return log.list.stream().filter(e -> String.valueOf(e.getFormattedMessage())
                    .contains(PrematureChannelClosureException.class.getSimpleName())).count();
        }
    }

    /**
     * A tunnel reset without a BYE: the session stays (openconnect reconnects with the same cookie and gets the same
     * address back); when the session ends the cookie is dead. Repeated resets never add sessions or addresses.
     */
    @Test
    void clientVanishingMidTunnelKeepsTheSessionForReconnectUntilItEnds() throws Exception {
        // one address in the pool: the next session can only get it if the ended one gave it back
        String asa = Files.readString(lab.file("asa.cfg"));
        assertThat(asa).contains(SEED_POOL);
        AsaConfig config = AsaConfigParser.parse(asa.replace(SEED_POOL, ONE_ADDRESS_POOL));
        CstpTunnelService tunnels = CstpTunnelService.forConfig(config, Clock.systemUTC());
        try (RunningGateway g = Gateway.start(GatewayOptions.builder(config, lab.identity())
                .listen(new java.net.InetSocketAddress("127.0.0.1", 0)).traceOut(null).tunnelService(tunnels).build())) {
            McaLogin mca = new McaLogin(lab, g.port());
            String token = ConfigAuthParser.parse(mca.login("machine", "user").body()).sessionToken();
            Session session = g.sessions().findActive(token).orElseThrow();
            String address = null;
            for (int i = 0; i < 5; i++) {
                try (SSLSocket s = tls(g)) {
                    String head = connect(s, token);
                    assertThat(head).startsWith("HTTP/1.1 200");
                    String assigned = header(head, "X-CSTP-Address");
                    if (address == null) {
                        address = assigned;
                    }
                    assertThat(assigned).as("same address on reconnect").isEqualTo(address);
                    reset(s);
                }
                awaitNoSslTunnel(session);
            }
            assertThat(g.sessions().size()).isEqualTo(1);
            assertThat(session.active()).isTrue();
            assertThat(session.assignedIp().map(a -> a.getHostAddress())).hasValue(address);

            g.sessions().end(session.index(), "admin logoff");
            try (SSLSocket s = tls(g)) {
                assertThat(connect(s, token)).startsWith("HTTP/1.1 401");
            }
            // the address went back: the next session gets the pool's only address
            String next = ConfigAuthParser.parse(mca.login("machine", "user").body()).sessionToken();
            try (SSLSocket s = tls(g)) {
                String head = connect(s, next);
                assertThat(head).startsWith("HTTP/1.1 200");
                assertThat(header(head, "X-CSTP-Address")).isEqualTo(address);
            }
        } finally {
            tunnels.close();
        }
    }

    /** CRL endpoint slow, resetting, answering garbage: every login is refused (MCA-PKI-3), none gets a session. */
    @Tag("slow")
    @Test
    void crlEndpointFaultsFailClosedAndTheGatewayKeepsServing() throws Exception {
        WireMockServer crl = new WireMockServer(wireMockConfig().bindAddress("127.0.0.1").dynamicPort());
        crl.start();
        // every distribution point of the lab's certificates, redirected to WireMock with the same path
        HttpCrlCache fetcher = new HttpCrlCache(Clock.systemUTC(), Duration.ofSeconds(1), Duration.ofSeconds(1), 1 << 20);
        CrlSource redirected = (uri, issuer) -> fetcher.crl(
                URI.create("http://127.0.0.1:" + crl.port() + uri.getPath()), issuer);
        try (RunningGateway g = Gateway.start(lab.options().crlSource(redirected).build())) {
            McaLogin mca = new McaLogin(lab, g.port());
            List<Runnable> faults = List.of(
                    () -> crl.stubFor(get(urlPathMatching("/crl/.*")).willReturn(aResponse().withStatus(200)
                            .withFixedDelay(4000).withBody(new byte[] {1}))),
                    () -> crl.stubFor(get(urlPathMatching("/crl/.*")).willReturn(aResponse()
                            .withFault(Fault.CONNECTION_RESET_BY_PEER))),
                    () -> crl.stubFor(get(urlPathMatching("/crl/.*")).willReturn(aResponse().withStatus(200)
                            .withBody("-----BEGIN X509 CRL-----\ngarbage\n".getBytes(StandardCharsets.US_ASCII)))),
                    () -> crl.stubFor(get(urlPathMatching("/crl/.*")).willReturn(aResponse()
                            .withFault(Fault.RANDOM_DATA_THEN_CLOSE))));
            for (Runnable fault : faults) {
                crl.resetAll();
                fault.run();
                // while one login waits on the CRL, another client is still answered
                CompletableFuture<ConfigAuth> slow = CompletableFuture.supplyAsync(() -> {
                    try {
                        return loginOutcome(mca);
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                });
                try (TlsHttpClient c = TlsHttpClient.connect(lab.tls("machine"), g.port())) {
                    assertThat(c.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII), new byte[0])
                            .status()).isEqualTo(200);
                }
                ConfigAuth outcome = slow.get(60, TimeUnit.SECONDS);
                assertThat(outcome.sessionToken()).isNull();
                assertThat(outcome.errors()).singleElement().asString().startsWith("MCA-PKI-3: ");
                assertThat(g.sessions().size()).isZero();
            }
            // the endpoint recovers: the same login now succeeds
            crl.resetAll();
            try (Stream<Path> files = Files.list(lab.dir().resolve("crl"))) {
                for (Path f : files.filter(p -> p.toString().endsWith(".crl")).toList()) {
                    crl.stubFor(get(urlEqualTo("/crl/" + f.getFileName())).willReturn(aResponse().withStatus(200)
                            .withBody(Files.readAllBytes(f))));
                }
            }
            ConfigAuth ok = loginOutcome(mca);
            assertThat(ok.authId()).as(String.valueOf(ok.errors())).isEqualTo("success");
            assertThat(g.sessions().size()).isEqualTo(1);
            assertThat(g.pendingAuthentications()).isZero();
        } finally {
            crl.stop();
        }
    }

    /** init then reply; whichever answer ends the attempt. */
    private static ConfigAuth loginOutcome(McaLogin mca) throws Exception {
        TlsHttpClient.Response first = mca.init("machine", "/MCA", McaLogin.OPENCONNECT);
        ConfigAuth challenge = ConfigAuthParser.parse(first.body());
        if (!challenge.multipleCertRequest()) {
            return challenge;
        }
        return ConfigAuthParser.parse(mca.send("machine", "/MCA", mca.reply(first.body(), "user")).body());
    }

    private SSLSocket tls(RunningGateway g) throws IOException {
        SSLSocket s = (SSLSocket) lab.tls("machine").getSocketFactory().createSocket("127.0.0.1", g.port());
        s.setSoTimeout(20_000);
        s.startHandshake();
        return s;
    }

    /** Closes with a TCP reset (SO_LINGER 0), as a client that crashed or lost its network does. */
    private static void reset(SSLSocket s) throws IOException {
        s.setSoLinger(true, 0);
        s.close();
    }

    private static String connect(SSLSocket s, String token) throws IOException {
        s.getOutputStream().write(("CONNECT /CSCOSSLC/tunnel HTTP/1.1\r\nHost: 127.0.0.1\r\nUser-Agent: Open AnyConnect VPN "
                + "Agent v9.01-3\r\nCookie: webvpn=" + token + "\r\nX-CSTP-Version: 1\r\nX-CSTP-Hostname: t\r\n"
                + "X-CSTP-Base-MTU: 1500\r\nX-CSTP-MTU: 1390\r\nX-CSTP-Address-Type: IPv4\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        InputStream in = s.getInputStream();
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int c = in.read();
            if (c < 0) {
                break;
            }
            head.append((char) c);
        }
        return head.toString();
    }

    private static String header(String head, String name) {
        return head.lines().filter(l -> l.regionMatches(true, 0, name + ":", 0, name.length() + 1))
                .map(l -> l.substring(name.length() + 1).trim()).findFirst().orElse(null);
    }

    private static void awaitNoSslTunnel(Session session) throws InterruptedException {
        Await.until("the reset tunnel detached", () -> session.tunnels().stream().noneMatch(t -> t.kind() == TunnelRow.Kind.SSL));
    }
}
