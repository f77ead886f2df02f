package org.mcalab.gateway.pki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mcalab.gateway.pki.TestPki.MACHINE_CA;
import static org.mcalab.gateway.pki.TestPki.OTHER_CA;
import static org.mcalab.gateway.pki.TestPki.ROGUE_CA;
import static org.mcalab.gateway.pki.TestPki.USER_CA;
import static org.mcalab.gateway.pki.TestPki.USER_INTERMEDIATE;
import static org.mcalab.gateway.pki.TestPki.USER_ROOT;

import java.net.URI;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.mcalab.fixtures.CertificateRevocationList;
import org.mcalab.fixtures.HeldCertificate;
import org.mcalab.fixtures.SignatureHash;
import org.mcalab.gateway.pki.ValidatedCertificate.CertificateKind;
import org.mcalab.gateway.trace.DebugCategory;
import org.mcalab.protocol.Refusal;
import org.mcalab.protocol.Requirement;

class CertificateValidatorTest {
    private final RecordingTrace trace = new RecordingTrace();
    private final CertificateValidator validator = TestPki.validator(trace);

    private ValidatedCertificate valid(ValidationResult result) {
        assertThat(result).as("validation result").isInstanceOf(ValidationResult.Valid.class);
        return ((ValidationResult.Valid) result).certificate();
    }

    private Refusal refused(ValidationResult result, Requirement expected) {
        assertThat(result).as("validation result").isInstanceOf(ValidationResult.Invalid.class);
        Refusal refusal = ((ValidationResult.Invalid) result).refusal();
        assertThat(refusal.requirement()).as(refusal.text()).isEqualTo(expected);
        return refusal;
    }

    private ValidationResult validate(List<X509Certificate> set) {
        return validator.validate(set, "user certificate", "424242");
    }

    @Test
    void machineCertificateChainsToMachineTrustpoint() {
        HeldCertificate machine = TestPki.machineLeaf().build();
        ValidatedCertificate v = valid(validate(machine.chainWithoutRoot()));
        assertThat(v.trustpoint()).isEqualTo("MachineCA");
        assertThat(v.kind()).isEqualTo(CertificateKind.MACHINE);
        assertThat(v.leaf()).isEqualTo(machine.certificate());
        assertThat(v.chain()).containsExactly(machine.certificate());
    }

    @Test
    void userCertificateChainsToUserTrustpoint() {
        ValidatedCertificate v = valid(validate(TestPki.userLeaf().build().chainWithoutRoot()));
        assertThat(v.trustpoint()).isEqualTo("UserCA");
        assertThat(v.kind()).isEqualTo(CertificateKind.USER);
    }

    @Test
    void traceLooksLikeDebugCryptoCa() {
        HeldCertificate machine = TestPki.machineLeaf().build();
        valid(validate(machine.chainWithoutRoot()));
        String serial = CertificateText.serial(machine.certificate());
        assertThat(trace.events()).allSatisfy(e -> assertThat(e.correlation()).isEqualTo("424242"));
        assertThat(trace.messages(DebugCategory.CRYPTO_CA)).contains(
                "CRYPTO_PKI: Begin sorted cert chain",
                "Serial: " + serial,
                "Subject: cn=MachineID.cisco.com,ou=Cisco,l=Bangalore,st=Karnataka,c=IN",
                "CRYPTO_PKI: Verifying certificate with serial number: " + serial
                        + ", subject name: cn=MachineID.cisco.com,ou=Cisco,l=Bangalore,st=Karnataka,c=IN"
                        + ", issuer_name: cn=MachineCA.cisco.com,o=Cisco,l=Bangalore,st=Karnataka,c=IN"
                        + ", signature alg: SHA256/RSA.",
                "CRYPTO_PKI: valid cert status.");
    }

    @Nested
    class SetStructure {
        @Test
        void emptySetIsRefused() {
            refused(validate(List.of()), Requirement.MCA_PKI_5);
        }

        @Test
        void onlyCaCertificatesMeansNoLeaf() {
            Refusal r = refused(validate(List.of(USER_INTERMEDIATE.certificate(), USER_ROOT.certificate())),
                    Requirement.MCA_PKI_5);
            assertThat(r.reason()).contains("no end-entity certificate");
        }

        @Test
        void twoLeavesAreRefused() {
            Refusal r = refused(validate(List.of(TestPki.userLeaf().build().certificate(),
                    TestPki.otherUserLeaf().build().certificate())), Requirement.MCA_PKI_5);
            assertThat(r.reason()).contains("2 end-entity certificates");
        }

        @Test
        void unrelatedExtraCertificateIsRefused() {
            HeldCertificate user = TestPki.userLeaf().build();
            Refusal r = refused(validate(List.of(user.certificate(), MACHINE_CA.certificate())), Requirement.MCA_PKI_5);
            assertThat(r.reason()).contains("not on the path").contains("MachineCA.cisco.com");
        }

        @Test
        void moreThanTenCertificatesAreRefused() {
            List<X509Certificate> set = new ArrayList<>(List.of(TestPki.userLeaf().build().certificate()));
            for (int i = 0; i < 10; i++) {
                set.add(HeldCertificate.builder().subject("cn=Filler CA " + i).keyPair(TestPki.rsa(4))
                        .certificateAuthority(-1).build().certificate());
            }
            Refusal r = refused(validate(set), Requirement.MCA_PKI_5);
            assertThat(r.reason()).contains("11 certificates");
        }

        @Test
        void anyOrderWithRootIncludedIsAccepted() {
            HeldCertificate user = HeldCertificate.builder().subject("cn=via-intermediate").keyPair(TestPki.rsa(5))
                    .issuedBy(USER_INTERMEDIATE).build();
            ValidatedCertificate v = valid(validate(List.of(USER_ROOT.certificate(), user.certificate(),
                    USER_INTERMEDIATE.certificate())));
            assertThat(v.trustpoint()).isEqualTo("UserRoot");
            assertThat(v.chain()).containsExactly(user.certificate(), USER_INTERMEDIATE.certificate());
        }

        @Test
        void intermediateMissingFromSetIsNoPath() {
            HeldCertificate user = HeldCertificate.builder().subject("cn=via-intermediate").keyPair(TestPki.rsa(5))
                    .issuedBy(USER_INTERMEDIATE).build();
            refused(validate(List.of(user.certificate())), Requirement.MCA_PKI_1);
        }

        @Test
        void duplicatesCountOnce() {
            HeldCertificate user = TestPki.userLeaf().build();
            valid(validate(List.of(user.certificate(), user.certificate())));
        }
    }

    @Nested
    class KeyTypes {
        @Test
        void ecKeyIsRefused() {
            Refusal r = refused(validate(TestPki.userLeaf().ec("P-256").build().chainWithoutRoot()), Requirement.MCA_LIM_5);
            assertThat(r.reason()).isEqualTo("user certificate has an EC key (P-256); only RSA is supported");
        }

        @Test
        void ed25519KeyIsRefused() {
            Refusal r = refused(validate(TestPki.userLeaf().ed25519().build().chainWithoutRoot()), Requirement.MCA_LIM_5);
            assertThat(r.reason()).contains("Ed25519");
        }

        @Test
        void dsaKeyIsRefused() {
            Refusal r = refused(validate(TestPki.userLeaf().dsa(2048).build().chainWithoutRoot()), Requirement.MCA_LIM_5);
            assertThat(r.reason()).contains("DSA");
        }

        @Test
        void ecIntermediateIsRefused() {
            HeldCertificate ecIntermediate = HeldCertificate.builder().subject("cn=EC Issuing").ec("P-256")
                    .issuedBy(USER_ROOT).certificateAuthority(0).build();
            HeldCertificate user = HeldCertificate.builder().subject("cn=rsa-under-ec").keyPair(TestPki.rsa(5))
                    .issuedBy(ecIntermediate).build();
            Refusal r = refused(validate(user.chainWithoutRoot()), Requirement.MCA_LIM_5);
            assertThat(r.reason()).contains("issuing CA cn=EC Issuing");
        }

        @Test
        void aValidatorWithoutTheRsaCheckAcceptsAnEcKey() {
            CertificateValidator lax = validator.withChecks(ChainCheck.ALL.stream()
                    .filter(c -> c != ChainCheck.LIM5_RSA_KEYS).toList());
            valid(lax.validate(TestPki.userLeaf().ec("P-256").build().chainWithoutRoot(), "user certificate", "1"));
            // the other checks still run: an EC key under SHA-1 is refused for the signature algorithm
            refused(lax.validate(TestPki.userLeaf().ec("P-256").signedWith(SignatureHash.SHA1).build().chainWithoutRoot(),
                    "user certificate", "1"), Requirement.MCA_LIM_6);
        }
    }

    @Nested
    class SignatureAlgorithms {
        @Test
        void sha1SignedCertificateIsRefused() {
            Refusal r = refused(validate(TestPki.userLeaf().signedWith(SignatureHash.SHA1).build().chainWithoutRoot()),
                    Requirement.MCA_LIM_6);
            assertThat(r.reason()).contains("SHA1withRSA");
        }

        @Test
        void md5SignedCertificateIsRefused() {
            Refusal r = refused(validate(TestPki.userLeaf().signedWith(SignatureHash.MD5).build().chainWithoutRoot()),
                    Requirement.MCA_LIM_6);
            assertThat(r.reason()).contains("MD5withRSA");
        }

        @Test
        void sha384AndSha512SignedCertificatesAreAccepted() {
            valid(validate(TestPki.userLeaf().signedWith(SignatureHash.SHA384).build().chainWithoutRoot()));
            valid(validate(TestPki.userLeaf().signedWith(SignatureHash.SHA512).build().chainWithoutRoot()));
        }
    }

    @Nested
    class ExtendedKeyUsage {
        @Test
        void serverOnlyCertificateIsRefused() {
            Refusal r = refused(validate(TestPki.userLeaf().serverAuth().build().chainWithoutRoot()), Requirement.MCA_PKI_6);
            assertThat(r.reason()).contains("serverAuth");
        }

        @Test
        void noEkuExtensionIsAccepted() {
            valid(validate(TestPki.userLeaf().noExtendedKeyUsage().build().chainWithoutRoot()));
        }

        @Test
        void clientAndServerIsAccepted() {
            valid(validate(TestPki.userLeaf().clientAndServerAuth().build().chainWithoutRoot()));
        }

        @Test
        void aKeyUsageWithoutDigitalSignatureIsRefused() {
            Refusal r = refused(validate(TestPki.userLeaf().withoutDigitalSignature().build().chainWithoutRoot()),
                    Requirement.MCA_PKI_6);
            assertThat(r.reason()).endsWith("may not sign: its key usage (keyEncipherment) lacks digitalSignature");
        }
    }

    @Nested
    class Paths {
        @Test
        void rogueCaWithTheSameNameIsRefused() {
            HeldCertificate forged = HeldCertificate.builder().subject(TestPki.USER_ID).keyPair(TestPki.rsa(5))
                    .issuedBy(ROGUE_CA).build();
            Refusal r = refused(validate(forged.chainWithoutRoot()), Requirement.MCA_PKI_1);
            assertThat(r.reason()).contains("does not chain to trustpoint UserCA").contains("not signed by that CA's key");
        }

        @Test
        void unknownCaIsRefused() {
            HeldCertificate stranger = HeldCertificate.builder().subject("cn=stranger").keyPair(TestPki.rsa(5))
                    .issuedBy(OTHER_CA).build();
            Refusal r = refused(validate(stranger.chainWithoutRoot()), Requirement.MCA_PKI_1);
            assertThat(r.reason()).contains("cn=Other CA").contains("not the CA of any configured trustpoint");
        }

        @Test
        void selfSignedLeafIsRefused() {
            HeldCertificate self = HeldCertificate.builder().subject("cn=myself").keyPair(TestPki.rsa(5)).build();
            refused(validate(self.chainWithoutRoot()), Requirement.MCA_PKI_1);
        }

        @Test
        void preferredTrustpointWinsWhenTheSameCaIsInTwo() {
            CertificateValidator twice = new CertificateValidator(List.of(
                    TrustpointCa.of("UserCA", USER_CA.certificate()),
                    TrustpointCa.of("MachineCopy", USER_CA.certificate())), CrlSource.NONE, Clock.systemUTC(), trace);
            List<X509Certificate> set = TestPki.userLeaf().build().chainWithoutRoot();
            assertThat(valid(twice.validate(set, "r", "1")).trustpoint()).isEqualTo("UserCA");
            ValidatedCertificate v = valid(twice.validate(set, "r", "1", List.of("MachineCopy")));
            assertThat(v.trustpoint()).isEqualTo("MachineCopy");
            assertThat(v.kind()).isEqualTo(CertificateKind.MACHINE);
        }
    }

    @Nested
    class Validity {
        @Test
        void expiredCertificateIsRefused() {
            Refusal r = refused(validate(TestPki.userLeaf().expired().build().chainWithoutRoot()), Requirement.MCA_PKI_2);
            assertThat(r.reason()).contains("expired");
        }

        @Test
        void notYetValidCertificateIsRefused() {
            Refusal r = refused(validate(TestPki.userLeaf().notYetValid().build().chainWithoutRoot()),
                    Requirement.MCA_PKI_2);
            assertThat(r.reason()).contains("not valid before");
        }

        @Test
        void theClockDecides() {
            Clock twoYearsOn = Clock.fixed(Instant.now().plus(Duration.ofDays(730)), ZoneOffset.UTC);
            CertificateValidator later = new CertificateValidator(TestPki.trustpoints(), CrlSource.NONE, twoYearsOn, trace);
            refused(later.validate(TestPki.userLeaf().build().chainWithoutRoot(), "user certificate", "1"),
                    Requirement.MCA_PKI_2);
        }

        @Test
        void expiredIntermediateIsRefusedAsValidity() {
            HeldCertificate oldIntermediate = HeldCertificate.builder().subject("cn=Old Issuing").keyPair(TestPki.rsa(3))
                    .issuedBy(USER_ROOT).certificateAuthority(0).expired().build();
            HeldCertificate user = HeldCertificate.builder().subject("cn=under-old").keyPair(TestPki.rsa(5))
                    .issuedBy(oldIntermediate).build();
            Refusal r = refused(validate(user.chainWithoutRoot()), Requirement.MCA_PKI_2);
            assertThat(r.reason()).contains("cn=Old Issuing");
        }
    }

    @Nested
    class Revocation {
        private static final URI CDP = URI.create("http://127.0.0.1:1/crl/user-ca.crl");

        private CertificateValidator withCrls(RevocationCheck check, CrlSource source) {
            return new CertificateValidator(List.of(TrustpointCa.of("UserCA", USER_CA.certificate(), check)), source,
                    Clock.systemUTC(), trace);
        }

        @Test
        void revokedCertificateIsRefused() {
            HeldCertificate user = TestPki.userLeaf().crlDistributionPoint(CDP.toString()).build();
            X509CRL crl = CertificateRevocationList.builder(USER_CA).revoke(user.certificate()).build().crl();
            Refusal r = refused(withCrls(RevocationCheck.CRL, (uri, issuer) -> crl)
                    .validate(user.chainWithoutRoot(), "user certificate", "1"), Requirement.MCA_PKI_3);
            assertThat(r.reason()).contains("revoked").contains(CDP.toString());
        }

        @Test
        void revokedIsRefusedEvenWhenUnavailableWouldBeAccepted() {
            HeldCertificate user = TestPki.userLeaf().crlDistributionPoint(CDP.toString()).build();
            X509CRL crl = CertificateRevocationList.builder(USER_CA).revoke(user.certificate()).build().crl();
            refused(withCrls(RevocationCheck.CRL_OR_NONE, (uri, issuer) -> crl)
                    .validate(user.chainWithoutRoot(), "user certificate", "1"), Requirement.MCA_PKI_3);
        }

        @Test
        void goodCertificateIsAcceptedAndTheCdpIsAsked() {
            HeldCertificate user = TestPki.userLeaf().crlDistributionPoint(CDP.toString()).build();
            X509CRL crl = CertificateRevocationList.builder(USER_CA).revoke(java.math.BigInteger.TEN).build().crl();
            List<URI> asked = new ArrayList<>();
            valid(withCrls(RevocationCheck.CRL, (uri, issuer) -> {
                asked.add(uri);
                assertThat(issuer).isEqualTo(USER_CA.certificate());
                return crl;
            }).validate(user.chainWithoutRoot(), "user certificate", "1"));
            assertThat(asked).containsExactly(CDP);
        }

        @Test
        void unavailableCrlFailsClosed() {
            HeldCertificate user = TestPki.userLeaf().crlDistributionPoint(CDP.toString()).build();
            Refusal r = refused(withCrls(RevocationCheck.CRL, (uri, issuer) -> {
                throw new CrlUnavailableException(uri, "connection refused");
            }).validate(user.chainWithoutRoot(), "user certificate", "1"), Requirement.MCA_PKI_3);
            assertThat(r.reason()).isEqualTo("user certificate: revocation status unknown: CRL from " + CDP
                    + " unavailable (connection refused)");
        }

        @Test
        void revocationCheckCrlNoneAcceptsWithWarning() {
            HeldCertificate user = TestPki.userLeaf().crlDistributionPoint(CDP.toString()).build();
            valid(withCrls(RevocationCheck.CRL_OR_NONE, (uri, issuer) -> {
                throw new CrlUnavailableException(uri, "connection refused");
            }).validate(user.chainWithoutRoot(), "user certificate", "1"));
            assertThat(trace.messages(DebugCategory.CRYPTO_CA)).contains("CRYPTO_PKI: valid cert with warning.");
        }

        @Test
        void leafWithoutDistributionPointFailsClosed() {
            HeldCertificate user = TestPki.userLeaf().build();
            Refusal r = refused(withCrls(RevocationCheck.CRL, (uri, issuer) -> {
                throw new AssertionError("no CDP to ask");
            }).validate(user.chainWithoutRoot(), "user certificate", "1"), Requirement.MCA_PKI_3);
            assertThat(r.reason()).contains("no http(s) CRL distribution point");
        }

        @Test
        void trustpointWithoutRevocationCheckNeverAsks() {
            HeldCertificate user = TestPki.userLeaf().crlDistributionPoint(CDP.toString()).build();
            AtomicInteger asked = new AtomicInteger();
            valid(withCrls(RevocationCheck.NONE, (uri, issuer) -> {
                asked.incrementAndGet();
                throw new CrlUnavailableException(uri, "x");
            }).validate(user.chainWithoutRoot(), "user certificate", "1"));
            assertThat(asked).hasValue(0);
        }
    }
}
