package org.mcalab.gateway.dtls;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.mcalab.gateway.Gateway;
import org.mcalab.gateway.GatewayOptions;
import org.mcalab.gateway.RunningGateway;
import org.mcalab.gateway.it.Lab;
import org.mcalab.gateway.it.McaLogin;
import org.mcalab.gateway.it.TlsHttpClient;
import org.mcalab.protocol.xml.ConfigAuthParser;

/**
 * {@code GatewayOptions.dtls(false)} ({@code mcalab gateway --no-dtls}): a CONNECT that offers DTLS as openconnect
 * does is answered on CSTP alone, while the default gateway answers the same offer with X-DTLS-* headers.
 */
class NoDtlsGatewayTest {
    static Lab lab;

    @BeforeAll
    static void lab() {
        lab = Lab.shared();
    }

    @Test
    void theDefaultGatewayAnswersADtlsOfferWithDtlsHeaders() throws Exception {
        TlsHttpClient.Response r = connectOfferingDtls(lab.options());
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.headers()).containsKey("x-dtls-session-id").containsKey("x-dtls-port");
    }

    @Test
    void withDtlsOffTheSameOfferGetsNoDtlsHeaderAndTheTunnelRunsOnCstp() throws Exception {
        TlsHttpClient.Response r = connectOfferingDtls(lab.options().dtls(false));
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.header("x-cstp-address")).startsWith("192.168.100.");
        assertThat(r.headers().keySet()).noneMatch(h -> h.startsWith("x-dtls"));
    }

    /** An MCA login, then CONNECT with openconnect 9.01's DTLS offer, on a gateway built from {@code options}. */
    private static TlsHttpClient.Response connectOfferingDtls(GatewayOptions.Builder options) throws Exception {
        try (RunningGateway gateway = Gateway.start(options.build())) {
            McaLogin mca = new McaLogin(lab, gateway.port());
            String token = ConfigAuthParser.parse(mca.login("machine", "user").body()).sessionToken();
            assertThat(token).isNotNull();
            try (TlsHttpClient c = TlsHttpClient.connect(lab.tls("machine"), gateway.port())) {
                String head = "CONNECT /CSCOSSLC/tunnel HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                        + "User-Agent: Open AnyConnect VPN Agent v9.01-3\r\n"
                        + "Cookie: webvpn=" + token + "\r\nX-CSTP-Version: 1\r\n"
                        + "X-DTLS-Master-Secret: " + DtlsNegotiatorTest.MASTER + "\r\n"
                        + "X-DTLS-CipherSuite: " + DtlsNegotiatorTest.OC_SUITES + "\r\n"
                        + "X-DTLS12-CipherSuite: " + DtlsNegotiatorTest.OC_DTLS12 + "\r\n\r\n";
                return c.send(head.getBytes(StandardCharsets.US_ASCII), new byte[0]);
            }
        }
    }
}
