package org.mcalab.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.mcalab.gateway.it.Lab;
import org.mcalab.gateway.it.McaLogin;
import org.mcalab.fixtures.LabClock;
import org.mcalab.gateway.it.TlsHttpClient;
import org.mcalab.gateway.session.AuthMode;
import org.mcalab.gateway.session.Login;
import org.mcalab.protocol.xml.ConfigAuth;
import org.mcalab.protocol.xml.ClientMessages;
import org.mcalab.protocol.xml.ConfigAuthParser;

/**
 * A full MCA login through each TLS engine: both must request the client certificate without requiring it, hand
 * the application the peer chain the MCA verifier reads, and JSSE-style protocol and cipher names for the sessiondb.
 */
class TlsEngineLoginTest {

    @Test
    void boringSslLoadsOnThisPlatformSoItIsTheDefault() {
        assertThat(TlsEngine.OPENSSL.available()).as("netty-tcnative natives on the classpath").isTrue();
        assertThat(TlsEngine.preferred()).isEqualTo(TlsEngine.OPENSSL);
        assertThat(Lab.shared().options().build().tlsEngine()).isEqualTo(TlsEngine.OPENSSL);
    }

    @Test
    void engineNamesParseAsOnTheCommandLine() {
        assertThat(TlsEngine.parse("OpenSSL")).isEqualTo(TlsEngine.OPENSSL);
        assertThat(TlsEngine.parse("jdk")).isEqualTo(TlsEngine.JDK);
        assertThatThrownBy(() -> TlsEngine.parse("boring")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("openssl or jdk");
    }

    @ParameterizedTest
    @EnumSource(TlsEngine.class)
    void mcaLoginCompletesAndRecordsTheTlsFacts(TlsEngine engine) throws Exception {
        Lab lab = Lab.shared();
        try (RunningGateway g = Gateway.start(lab.options().tlsEngine(engine).clock(new LabClock(Instant.now())).build())) {
            McaLogin mca = new McaLogin(lab, g.port());
            ConfigAuth done = ConfigAuthParser.parse(mca.login("machine", "user").body());
            assertThat(done.type()).isEqualTo("complete");

            Login login = g.sessions().findActive(done.sessionToken()).orElseThrow().login();
            assertThat(login.authMode()).isEqualTo(AuthMode.MULTIPLE_CERTIFICATE);
            assertThat(login.username()).isEqualTo("MachineID.cisco.com");
            assertThat(login.firstCertSubject()).as("chain from the TLS session").containsIgnoringCase("cn=MachineID.cisco.com");
            assertThat(login.secondCertSubject()).startsWith("cn=UserID.cisco.com");
            assertThat(login.tlsProtocol()).isEqualTo("TLSv1.3");
            assertThat(login.cipherSuite()).matches("TLS_(AES_(128|256)_GCM_SHA(256|384)|CHACHA20_POLY1305_SHA256)");
        }
    }

    @ParameterizedTest
    @EnumSource(TlsEngine.class)
    void withoutAClientCertificateTheHandshakeSucceedsAndInitIsNotCertAuthenticated(TlsEngine engine) throws Exception {
        Lab lab = Lab.shared();
        try (RunningGateway g = Gateway.start(lab.options().tlsEngine(engine).build())) {
            ConfigAuth noCert = ConfigAuthParser.parse(new McaLogin(lab, g.port()).init(null, "/MCA", McaLogin.OPENCONNECT).body());
            assertThat(noCert.multipleCertRequest()).isTrue();
            assertThat(noCert.certAuthenticated()).isFalse();
        }
    }

    @ParameterizedTest
    @EnumSource(TlsEngine.class)
    void aTls12LoginRecordsTheJsseNameOfItsSuite(TlsEngine engine) throws Exception {
        Lab lab = Lab.shared();
        try (RunningGateway g = Gateway.start(lab.options().tlsEngine(engine).build())) {
            McaLogin mca = new McaLogin(lab, g.port());
            SSLContext tls12 = lab.tls("machine", "TLSv1.2");
            ConfigAuth done;
            try (TlsHttpClient c = TlsHttpClient.connect(tls12, g.port())) {
                byte[] challenge = c.post("/MCA", ClientMessages.init(McaLogin.OPENCONNECT, "https://127.0.0.1/MCA", null, false)).body();
                done = ConfigAuthParser.parse(c.post("/MCA", mca.reply(challenge, "user")).body());
            }
            assertThat(done.type()).isEqualTo("complete");
            Login login = g.sessions().findActive(done.sessionToken()).orElseThrow().login();
            assertThat(login.tlsProtocol()).isEqualTo("TLSv1.2");
            assertThat(login.cipherSuite()).matches("TLS_ECDHE_(RSA|ECDSA)_WITH_[A-Z0-9_]+");
        }
    }
}
