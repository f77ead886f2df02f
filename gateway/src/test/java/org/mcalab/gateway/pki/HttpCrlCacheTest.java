package org.mcalab.gateway.pki;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mcalab.gateway.pki.TestPki.MACHINE_CA;
import static org.mcalab.gateway.pki.TestPki.USER_CA;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.Fault;
import java.math.BigInteger;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509CRL;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.mcalab.fixtures.LabClock;
import org.mcalab.fixtures.CertificateRevocationList;
import org.mcalab.fixtures.HeldCertificate;
import org.mcalab.protocol.Refusal;
import org.mcalab.protocol.Requirement;

class HttpCrlCacheTest {
    private static final String PATH = "/crl/user-ca.crl";

    private WireMockServer server;
    private URI cdp;
    private final LabClock clock = new LabClock(Instant.now());

    @BeforeEach
    void start() {
        server = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        server.start();
        cdp = URI.create("http://127.0.0.1:" + server.port() + PATH);
    }

    @AfterEach
    void stop() {
        server.stop();
    }

    private void serve(CertificateRevocationList crl) {
        server.stubFor(get(urlEqualTo(PATH)).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/pkix-crl").withBody(crl.der())));
    }

    private CertificateValidator validator(CrlSource crls) {
        return new CertificateValidator(List.of(TrustpointCa.of("UserCA", USER_CA.certificate(), RevocationCheck.CRL)),
                crls, clock, new RecordingTrace());
    }

    private Refusal refused(ValidationResult result) {
        assertThat(result).isInstanceOf(ValidationResult.Invalid.class);
        Refusal refusal = ((ValidationResult.Invalid) result).refusal();
        assertThat(refusal.requirement()).as(refusal.text()).isEqualTo(Requirement.MCA_PKI_3);
        return refusal;
    }

    @Test
    void revokedRefusedGoodAcceptedAndTheSecondValidationComesFromTheCache() {
        HeldCertificate good = TestPki.userLeaf().crlDistributionPoint(cdp.toString()).build();
        HeldCertificate revoked = TestPki.userLeaf().crlDistributionPoint(cdp.toString()).build();
        serve(CertificateRevocationList.builder(USER_CA).revoke(revoked.certificate()).build());
        CertificateValidator validator = validator(new HttpCrlCache(clock));

        Refusal r = refused(validator.validate(revoked.chainWithoutRoot(), "user certificate", "1"));
        assertThat(r.reason()).contains("is revoked by the CRL from " + cdp);
        assertThat(validator.validate(good.chainWithoutRoot(), "user certificate", "1"))
                .isInstanceOf(ValidationResult.Valid.class);

        server.verify(1, getRequestedFor(urlEqualTo(PATH)));
    }

    @Test
    void fetchedAgainAfterNextUpdate() throws Exception {
        HttpCrlCache cache = new HttpCrlCache(clock);
        Instant now = clock.instant();
        serve(CertificateRevocationList.builder(USER_CA).thisUpdate(now.minusSeconds(60))
                .nextUpdate(now.plus(Duration.ofHours(1))).crlNumber(1).build());
        assertThat(cache.crl(cdp, USER_CA.certificate()).getNextUpdate().toInstant()).isBefore(now.plus(Duration.ofHours(2)));

        serve(CertificateRevocationList.builder(USER_CA).thisUpdate(now.plus(Duration.ofMinutes(59)))
                .nextUpdate(now.plus(Duration.ofHours(9))).crlNumber(2).revoke(BigInteger.TWO).build());
        assertThat(cache.crl(cdp, USER_CA.certificate()).getRevokedCertificate(BigInteger.TWO))
                .as("still the cached CRL before nextUpdate").isNull();
        server.verify(1, getRequestedFor(urlEqualTo(PATH)));

        clock.advance(Duration.ofHours(2));
        X509CRL second = cache.crl(cdp, USER_CA.certificate());
        assertThat(second.getRevokedCertificate(BigInteger.TWO)).isNotNull();
        server.verify(2, getRequestedFor(urlEqualTo(PATH)));
    }

    @Test
    void concurrentCallersShareOneFetch() throws Exception {
        serve(CertificateRevocationList.builder(USER_CA).build());
        server.stubFor(get(urlEqualTo(PATH)).willReturn(aResponse().withStatus(200)
                .withBody(CertificateRevocationList.builder(USER_CA).build().der()).withFixedDelay(800)));
        HttpCrlCache cache = new HttpCrlCache(clock);
        int callers = 6;
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(callers);
        try {
            List<Future<X509CRL>> results = new ArrayList<>();
            for (int i = 0; i < callers; i++) {
                results.add(pool.submit(() -> {
                    go.await();
                    return cache.crl(cdp, USER_CA.certificate());
                }));
            }
            go.countDown();
            for (Future<X509CRL> f : results) {
                assertThat(f.get(10, TimeUnit.SECONDS)).isNotNull();
            }
        } finally {
            pool.shutdownNow();
        }
        server.verify(1, getRequestedFor(urlEqualTo(PATH)));
    }

    @Tag("slow")
    @Test
    void slowDistributionPointTimesOutAndFailsClosed() {
        server.stubFor(get(urlEqualTo(PATH)).willReturn(aResponse().withStatus(200)
                .withBody(CertificateRevocationList.builder(USER_CA).build().der()).withFixedDelay(6_000)));
        HeldCertificate user = TestPki.userLeaf().crlDistributionPoint(cdp.toString()).build();
        Refusal r = refused(validator(new HttpCrlCache(clock)).validate(user.chainWithoutRoot(), "user certificate", "1"));
        assertThat(r.reason()).isEqualTo("user certificate: revocation status unknown: CRL from " + cdp
                + " unavailable (timed out after 3 s)");
    }

    @Test
    void connectionResetFailsClosed() {
        server.stubFor(get(urlEqualTo(PATH)).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
        assertUnavailable(new HttpCrlCache(clock), "unavailable (");
    }

    @Test
    void garbageBodyFailsClosed() {
        server.stubFor(get(urlEqualTo(PATH)).willReturn(aResponse().withStatus(200)
                .withBody("this is not a CRL".getBytes(StandardCharsets.US_ASCII))));
        assertUnavailable(new HttpCrlCache(clock), "not a valid CRL");
    }

    @Test
    void notFoundFailsClosed() {
        server.stubFor(get(urlEqualTo(PATH)).willReturn(aResponse().withStatus(404)));
        assertUnavailable(new HttpCrlCache(clock), "(HTTP 404)");
    }

    @Test
    void crlSignedByAnotherCaFailsClosed() {
        serve(CertificateRevocationList.builder(MACHINE_CA).build());
        assertUnavailable(new HttpCrlCache(clock), "CRL is issued by cn=MachineCA.cisco.com");
    }

    @Test
    void crlWithTheRightNameButAForgedSignatureFailsClosed() {
        serve(CertificateRevocationList.builder(TestPki.ROGUE_CA).build());
        assertUnavailable(new HttpCrlCache(clock), "signature does not verify");
    }

    @Test
    void staleCrlFailsClosed() {
        Instant now = clock.instant();
        serve(CertificateRevocationList.builder(USER_CA).thisUpdate(now.minus(Duration.ofDays(9)))
                .nextUpdate(now.minus(Duration.ofDays(2))).build());
        assertUnavailable(new HttpCrlCache(clock), "out of date");
    }

    @Test
    void oversizeBodyFailsClosed() {
        server.stubFor(get(urlEqualTo(PATH)).willReturn(aResponse().withStatus(200).withBody(new byte[4096])));
        HttpCrlCache small = new HttpCrlCache(clock, Duration.ofSeconds(2), Duration.ofSeconds(3), 1024);
        assertUnavailable(small, "larger than 1024 bytes");
    }

    @Test
    void unreachableDistributionPointFailsClosed() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        URI nowhere = URI.create("http://127.0.0.1:" + closedPort + PATH);
        HeldCertificate user = TestPki.userLeaf().crlDistributionPoint(nowhere.toString()).build();
        Refusal r = refused(validator(new HttpCrlCache(clock)).validate(user.chainWithoutRoot(), "user certificate", "1"));
        assertThat(r.reason()).contains("revocation status unknown: CRL from " + nowhere + " unavailable (");
    }

    @Test
    void failuresAreNotCached() throws Exception {
        server.stubFor(get(urlEqualTo(PATH)).willReturn(aResponse().withStatus(503)));
        HttpCrlCache cache = new HttpCrlCache(clock);
        assertThatThrownBy(() -> cache.crl(cdp, USER_CA.certificate())).isInstanceOf(CrlUnavailableException.class);
        serve(CertificateRevocationList.builder(USER_CA).build());
        assertThat(cache.crl(cdp, USER_CA.certificate())).isNotNull();
        server.verify(2, getRequestedFor(urlEqualTo(PATH)));
    }

    @Test
    void ldapDistributionPointIsNotFetched() {
        HttpCrlCache cache = new HttpCrlCache(clock);
        assertThatThrownBy(() -> cache.crl(URI.create("ldap://dir.example/cn=crl"), USER_CA.certificate()))
                .isInstanceOf(CrlUnavailableException.class)
                .hasMessageContaining("only http and https");
    }

    private void assertUnavailable(HttpCrlCache cache, String expected) {
        HeldCertificate user = TestPki.userLeaf().crlDistributionPoint(cdp.toString()).build();
        Refusal r = refused(validator(cache).validate(user.chainWithoutRoot(), "user certificate", "1"));
        assertThat(r.reason()).startsWith("user certificate: revocation status unknown: CRL from " + cdp + " unavailable (")
                .contains(expected);
    }
}
