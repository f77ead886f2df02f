package org.mcalab.gateway.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.mcalab.gateway.Gateway;
import org.mcalab.gateway.GatewayChecks;
import org.mcalab.gateway.auth.ReplyCheck;
import org.mcalab.gateway.pki.ChainCheck;
import org.mcalab.gateway.auth.AggregateAuth;
import org.mcalab.gateway.RunningGateway;
import org.mcalab.gateway.it.Lab;
import org.mcalab.gateway.it.McaLogin;
import org.mcalab.fixtures.LabClock;
import org.mcalab.gateway.it.TlsHttpClient;
import org.mcalab.gateway.session.AuthMode;
import org.mcalab.gateway.session.Session;
import org.mcalab.gateway.trace.TraceEvent;
import org.mcalab.protocol.xml.ClientMessages;
import org.mcalab.protocol.xml.ConfigAuth;
import org.mcalab.protocol.xml.ConfigAuthParser;

/** The aggregate-auth flows over real TLS connections to an embedded gateway. */
class AggregateAuthHttpTest {
    private static final ClientMessages.ClientInfo NO_MCA = ClientMessages.ClientInfo.openconnectLinux(false);

    static Lab lab;
    static LabClock clock;
    static RunningGateway gateway;
    static McaLogin mca;

    @BeforeAll
    static void start() throws Exception {
        lab = Lab.shared();
        clock = new LabClock(Instant.now());
        gateway = Gateway.start(lab.options().clock(clock).build());
        mca = new McaLogin(lab, gateway.port());
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    private static ConfigAuth parse(TlsHttpClient.Response r) throws Exception {
        return ConfigAuthParser.parse(r.body());
    }

    @Test
    void mcaLoginSignedOverTheExactChallengeBytesCompletesWithATokenAndASession() throws Exception {
        long before = gateway.trace().lastSeq();
        TlsHttpClient.Response challenge = mca.init("machine", "/MCA", McaLogin.OPENCONNECT);
        ConfigAuth request = parse(challenge);
        assertThat(challenge.status()).isEqualTo(200);
        assertThat(request.type()).isEqualTo("auth-request");
        assertThat(request.multipleCertRequest()).isTrue();
        assertThat(request.hashAlgorithms()).containsExactly("sha256", "sha384", "sha512");
        assertThat(request.certAuthenticated()).isTrue();
        assertThat(request.random()).matches("[0-9A-F]{64}");
        String handle = request.opaque().aggauthHandle();
        assertThat(handle).matches("[1-9][0-9]{8,9}");
        assertThat(request.opaque().tunnelGroup()).isEqualTo("ANYCONNECT-MCA");

        TlsHttpClient.Response done = mca.send("machine", "/MCA", mca.reply(challenge.body(), "user"));
        ConfigAuth complete = parse(done);
        assertThat(complete.type()).as(done.text()).isEqualTo("complete");
        assertThat(complete.authId()).isEqualTo("success");
        assertThat(complete.sessionToken()).matches("[A-Za-z0-9_-]{43}");
        assertThat(done.header("set-cookie")).startsWith("webvpn=" + complete.sessionToken() + ";");

        Session s = gateway.sessions().findActive(complete.sessionToken()).orElseThrow();
        assertThat(s.login().authMode()).isEqualTo(AuthMode.MULTIPLE_CERTIFICATE);
        assertThat(s.login().username()).isEqualTo("MachineID.cisco.com");
        assertThat(s.login().tunnelGroup()).isEqualTo("ANYCONNECT-MCA");
        assertThat(s.login().groupPolicy()).isEqualTo("Grouppolicy-MCA");
        assertThat(s.login().secondCertSubject()).startsWith("cn=UserID.cisco.com");

        List<String> lines = messages(before, handle);
        assertThat(lines).contains("Created auth info for client 127.0.0.1",
                "Started timer (3 mins) for auth info for client 127.0.0.1",
                "Saved message of len " + challenge.body().length + " to verify signature",
                "Send auth complete", "Destroy auth info for 127.0.0.1", "Free auth info for 127.0.0.1");
    }

    @Test
    void aReplayedReplyIsRefusedAsReplay() throws Exception {
        TlsHttpClient.Response challenge = mca.init("machine", "/MCA", McaLogin.OPENCONNECT);
        byte[] reply = mca.reply(challenge.body(), "user");
        assertThat(parse(mca.send("machine", "/MCA", reply)).authId()).isEqualTo("success");
        TlsHttpClient.Response again = mca.send("machine", "/MCA", reply);
        assertThat(parse(again).errors()).singleElement().asString().startsWith("MCA-ROB-4:");
        assertThat(parse(again).sessionToken()).isNull();
    }

    @Test
    void aReplyAfterThreeMinutesIsRefusedAsExpired() throws Exception {
        TlsHttpClient.Response challenge = mca.init("machine", "/MCA", McaLogin.OPENCONNECT);
        byte[] reply = mca.reply(challenge.body(), "user");
        clock.advance(Duration.ofMinutes(3).plusSeconds(1));
        TlsHttpClient.Response late = mca.send("machine", "/MCA", reply);
        assertThat(parse(late).errors()).singleElement().asString().startsWith("MCA-FLOW-5:").contains("expired");
    }

    @Test
    void anUnknownHandleIsRefused() throws Exception {
        TlsHttpClient.Response challenge = mca.init("machine", "/MCA", McaLogin.OPENCONNECT);
        String forged = new String(mca.reply(challenge.body(), "user"), StandardCharsets.UTF_8)
                .replace(parse(challenge).opaque().aggauthHandle(), "123456789");
        TlsHttpClient.Response r = mca.send("machine", "/MCA", forged.getBytes(StandardCharsets.UTF_8));
        assertThat(parse(r).errors()).singleElement().asString().startsWith("MCA-FLOW-5:");
    }

    @Test
    void aClientWithoutMultiCertCapabilityIsRefusedNotDowngraded() throws Exception {
        TlsHttpClient.Response r = mca.init("machine", "/MCA", NO_MCA);
        ConfigAuth answer = parse(r);
        assertThat(r.status()).isEqualTo(200);
        assertThat(answer.errors()).singleElement().asString().startsWith("MCA-LIM-2:");
        assertThat(answer.multipleCertRequest()).isFalse();
        assertThat(answer.formInputs()).isEmpty();
    }

    @Test
    void initWithoutTlsCertificateGetsTheRequestWithoutCertAuthenticated() throws Exception {
        long before = gateway.trace().lastSeq();
        ConfigAuth noCert = parse(mca.init(null, "/MCA", McaLogin.OPENCONNECT));
        assertThat(noCert.multipleCertRequest()).isTrue();
        assertThat(noCert.certAuthenticated()).isFalse();
        ConfigAuth withCert = parse(mca.init("machine", "/MCA", McaLogin.OPENCONNECT));
        assertThat(withCert.certAuthenticated()).isTrue();
        List<String> all = gateway.trace().eventsSince(before).stream().map(TraceEvent::message).toList();
        assertThat(all).contains("INIT-no-cert: Client has not sent a certificate",
                "INIT-cert: Client has certificate, groupSelect NULL");
    }

    @Test
    void aPasswordOnTheMcaGroupIsRefused() throws Exception {
        ConfigAuth challenge = parse(mca.init("machine", "/MCA", McaLogin.OPENCONNECT));
        byte[] pw = ClientMessages.passwordReply(McaLogin.OPENCONNECT, challenge.opaqueXml(), "alice", "mcalab-alice", null);
        assertThat(parse(mca.send("machine", "/MCA", pw)).errors()).singleElement().asString().startsWith("MCA-LIM-2:");
        byte[] noHandle = ClientMessages.passwordReply(McaLogin.OPENCONNECT, null, "alice", "mcalab-alice", null);
        assertThat(parse(mca.send(null, "/MCA", noHandle)).errors()).singleElement().asString().startsWith("MCA-LIM-2:");
    }

    @Test
    void anEcUserCertificateIsRefusedWithItsRequirement() throws Exception {
        TlsHttpClient.Response challenge = mca.init("machine", "/MCA", McaLogin.OPENCONNECT);
        TlsHttpClient.Response r = mca.send("machine", "/MCA", mca.reply(challenge.body(), "user-ec-p256"));
        assertThat(parse(r).errors()).singleElement().asString().startsWith("MCA-LIM-5:");
    }

    @Test
    void theSameCertificateInTlsAndInThePkcs7IsRefusedAsOnlyOne() throws Exception {
        for (String twice : List.of("machine", "user")) {
            TlsHttpClient.Response challenge = mca.init(twice, "/MCA", McaLogin.OPENCONNECT);
            TlsHttpClient.Response r = mca.send(twice, "/MCA", mca.reply(challenge.body(), twice));
            ConfigAuth answer = parse(r);
            assertThat(answer.errors()).as(twice).singleElement().asString()
                    .startsWith("MCA-LIM-1: only one certificate: the auth-reply's PKCS#7 carries the TLS client "
                            + "certificate again");
            assertThat(answer.sessionToken()).isNull();
            assertThat(r.header("set-cookie")).as("no session cookie, only the refusal's note for openconnect's GET")
                    .startsWith(AggregateAuth.REFUSAL_COOKIE + "=");
        }
    }

    @Test
    void theTlsCertificateChainsToTheMachineTrustpointWhateverDeviceIdTheClientSends() throws Exception {
        for (ClientMessages.ClientInfo client : List.of(McaLogin.OPENCONNECT, ClientMessages.ClientInfo.anyConnectWindows())) {
            // a user certificate in TLS (no machine certificate): refused for linux-64 as for win
            TlsHttpClient.Response challenge = mca.init("user2", "/MCA", client);
            ConfigAuth refused = parse(mca.send("user2", "/MCA", mca.reply(challenge.body(), "user")));
            assertThat(refused.errors()).as(client.deviceId()).singleElement().asString()
                    .startsWith("MCA-PKI-1: the machine certificate in the TLS handshake must chain to a machine "
                            + "trustpoint (MachineCA)");
            // the machine certificate in TLS: served for both
            TlsHttpClient.Response ok = mca.send("machine", "/MCA",
                    mca.reply(mca.init("machine", "/MCA", client).body(), "user"));
            assertThat(parse(ok).authId()).as(ok.text()).isEqualTo("success");
        }
    }

    @Test
    void certificateOnlyGroupCompletesOnInitAndAsksForACertificateWithoutOne() throws Exception {
        ConfigAuth ok = parse(mca.init("machine", "/CERT", NO_MCA));
        assertThat(ok.authId()).isEqualTo("success");
        Session s = gateway.sessions().findActive(ok.sessionToken()).orElseThrow();
        assertThat(s.login().authMode()).isEqualTo(AuthMode.CERTIFICATE);
        assertThat(s.login().username()).isEqualTo("MachineID.cisco.com");
        ConfigAuth ask = parse(mca.init(null, "/CERT", NO_MCA));
        assertThat(ask.clientCertRequest()).isTrue();
        assertThat(ask.sessionToken()).isNull();
        ConfigAuth rogue = parse(mca.init("machine-rogue", "/CERT", NO_MCA));
        assertThat(rogue.errors()).singleElement().asString().startsWith("MCA-PKI-1:");
    }

    @Test
    void aaaGroupShowsAFormRefusesAWrongPasswordAndAcceptsTheRightOne() throws Exception {
        try (TlsHttpClient c = TlsHttpClient.connect(lab.tls(null), gateway.port())) {
            ConfigAuth form = ConfigAuthParser.parse(c.post("/AAA",
                    ClientMessages.init(NO_MCA, "https://127.0.0.1/AAA", null, false)).body());
            assertThat(form.formInputs()).contains("username", "password");
            ConfigAuth again = ConfigAuthParser.parse(c.post("/",
                    ClientMessages.passwordReply(NO_MCA, form.opaqueXml(), "alice", "wrong", null)).body());
            assertThat(again.errors()).containsExactly("Login failed.");
            assertThat(again.formInputs()).contains("password");
            ConfigAuth done = ConfigAuthParser.parse(c.post("/",
                    ClientMessages.passwordReply(NO_MCA, again.opaqueXml(), "alice", "mcalab-alice", null)).body());
            assertThat(done.authId()).isEqualTo("success");
            assertThat(gateway.sessions().findActive(done.sessionToken()).orElseThrow().login().authMode())
                    .isEqualTo(AuthMode.AAA);
        }
    }

    @Test
    void connectNeedsATokenFromACompletedLogin() throws Exception {
        assertThat(connect("bogus-token").status()).isEqualTo(401);
        assertThat(connect(null).status()).isEqualTo(401);
        // a failed attempt yields no token at all; the error body's text is not a cookie
        TlsHttpClient.Response failed = mca.login("machine", "user-rogue");
        assertThat(parse(failed).sessionToken()).isNull();
        assertThat(failed.header("set-cookie")).as("no session cookie, only the refusal's note for openconnect's GET")
                .startsWith(AggregateAuth.REFUSAL_COOKIE + "=");
        String note = failed.header("set-cookie").substring(AggregateAuth.REFUSAL_COOKIE.length() + 1).split(";")[0];
        assertThat(connect(note).status()).as("the note is no session token").isEqualTo(401);
        // an unfinished attempt: only the handle exists, and it is not a token
        ConfigAuth unfinished = parse(mca.init("machine", "/MCA", McaLogin.OPENCONNECT));
        TlsHttpClient.Response r = connect(unfinished.opaque().aggauthHandle());
        assertThat(r.status()).isEqualTo(401);
        assertThat(r.reason()).isEqualTo("Cookie is not acceptable");

        String token = parse(mca.login("machine", "user")).sessionToken();
        TlsHttpClient.Response ok = connect(token);
        assertThat(ok.status()).isEqualTo(200); // the CSTP tunnel service answers (gateway/tunnel)
        assertThat(ok.header("x-cstp-address")).startsWith("192.168.100.");
    }

    @Test
    void aCookieOnlyOpensTheTunnelOverTheCertificateItsLoginCameWith() throws Exception {
        String token = parse(mca.login("machine", "user")).sessionToken();
        // a copied cookie over a connection with no certificate, another valid one, a rogue, an expired or a revoked
        // one (those two even hold the machine certificate's key)
        for (String other : Arrays.asList(null, "user2", "user", "machine-rogue", "machine-expired", "machine-revoked",
                "machine-rsa3072")) {
            TlsHttpClient.Response r = connect(token, other);
            assertThat(r.status()).as(String.valueOf(other)).isEqualTo(401);
            assertThat(r.header("x-reason")).as(String.valueOf(other)).startsWith("MCA-FLOW-7: cookie is not acceptable "
                    + "(the session was made with");
        }
        TlsHttpClient.Response own = connect(token, "machine");
        assertThat(own.status()).isEqualTo(200);
        // openconnect reconnects with the same certificate: served again
        assertThat(connect(token, "machine").status()).isEqualTo(200);
    }

    @Test
    void aGatewayWithoutTheCookieBindingCheckLetsACopiedCookieThrough() throws Exception {
        GatewayChecks lax = new GatewayChecks(ChainCheck.ALL, ReplyCheck.ALL, List.of());
        try (RunningGateway unbound = Gateway.start(lab.options().clock(clock).checks(lax).build())) {
            String token = parse(new McaLogin(lab, unbound.port()).login("machine", "user")).sessionToken();
            assertThat(connect(unbound, token, "user2").status()).isEqualTo(200);
        }
        // the reference gateway, with every check, refuses the same copy
        assertThat(connect(parse(mca.login("machine", "user")).sessionToken(), "user2").status()).isEqualTo(401);
    }

    @Test
    void aLoginWithoutATlsCertificateBindsNothing() throws Exception {
        ConfigAuth done;
        try (TlsHttpClient c = TlsHttpClient.connect(lab.tls(null), gateway.port())) {
            ConfigAuth form = ConfigAuthParser.parse(c.post("/AAA",
                    ClientMessages.init(NO_MCA, "https://127.0.0.1/AAA", null, false)).body());
            done = ConfigAuthParser.parse(c.post("/",
                    ClientMessages.passwordReply(NO_MCA, form.opaqueXml(), "alice", "mcalab-alice", null)).body());
        }
        assertThat(connect(done.sessionToken(), null).status()).isEqualTo(200);
    }

    private static TlsHttpClient.Response connect(String token) throws Exception {
        return connect(token, "machine");
    }

    private static TlsHttpClient.Response connect(String token, String tlsCredential) throws Exception {
        return connect(gateway, token, tlsCredential);
    }

    private static TlsHttpClient.Response connect(RunningGateway to, String token, String tlsCredential)
            throws Exception {
        try (TlsHttpClient c = TlsHttpClient.connect(lab.tls(tlsCredential), to.port())) {
            String head = "CONNECT /CSCOSSLC/tunnel HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                    + (token == null ? "" : "Cookie: webvpn=" + token + "\r\n") + "X-CSTP-Version: 1\r\n\r\n";
            return c.send(head.getBytes(StandardCharsets.US_ASCII), new byte[0]);
        }
    }

    private static List<String> messages(long since, String correlation) {
        return gateway.trace().eventsSince(since).stream()
                .filter(e -> correlation.equals(e.correlation())).map(TraceEvent::message).toList();
    }
}
