package org.mcalab.gateway.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mcalab.gateway.pki.TestPki.MACHINE_CA;
import static org.mcalab.gateway.pki.TestPki.ROGUE_CA;
import static org.mcalab.gateway.pki.TestPki.USER_CA;
import static org.mcalab.gateway.pki.TestPki.USER_INTERMEDIATE;
import static org.mcalab.gateway.pki.TestPki.USER_ROOT;

import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.mcalab.fixtures.CertificateRevocationList;
import org.mcalab.fixtures.HeldCertificate;
import org.mcalab.fixtures.Pkcs7;
import org.mcalab.fixtures.SignatureHash;
import org.mcalab.gateway.auth.McaPolicy.UsernameSource;
import org.mcalab.gateway.pki.CertificateValidator;
import org.mcalab.gateway.pki.CrlSource;
import org.mcalab.gateway.pki.HttpCrlCache;
import org.mcalab.gateway.pki.RecordingTrace;
import org.mcalab.gateway.pki.RevocationCheck;
import org.mcalab.gateway.pki.TestPki;
import org.mcalab.gateway.pki.TrustpointCa;
import org.mcalab.gateway.pki.ValidatedCertificate.CertificateKind;
import org.mcalab.gateway.trace.DebugCategory;
import org.mcalab.protocol.Refusal;
import org.mcalab.protocol.Requirement;
import org.mcalab.gateway.pki.ChainCheck;
import org.mcalab.protocol.xml.ClientMessages;
import org.mcalab.protocol.xml.ClientMessages.Chain;
import org.mcalab.protocol.xml.ClientMessages.ClientInfo;
import org.mcalab.protocol.xml.ConfigAuth;
import org.mcalab.protocol.xml.ConfigAuthException;
import org.mcalab.protocol.xml.ConfigAuthParser;
import org.mcalab.protocol.xml.GatewayMessages;
import org.mcalab.protocol.xml.GatewayMessages.OpaqueState;

/**
 * The MCA verdict, one refusal test per requirement id, with auth-replies built and signed the way openconnect 9.01
 * builds and signs them (exact request bytes, RSASSA-PKCS1-v1_5, PKCS#7 certs-only, 64-column base64).
 */
class McaVerifierTest {
    private static final String HANDLE = "462466710";
    private static final SecureRandom RANDOM = new SecureRandom();

    static final HeldCertificate MACHINE = TestPki.machineLeaf().build();
    static final HeldCertificate USER = TestPki.userLeaf().build();
    static final HeldCertificate OTHER_USER = TestPki.otherUserLeaf().build();

    private final RecordingTrace trace = new RecordingTrace();

    private McaVerifier verifier(McaPolicy policy) {
        return new McaVerifier(TestPki.validator(trace), policy, trace);
    }

    /** A lab verifier: every check but these (the certificate sets' checks all run). */
    private McaVerifier without(McaPolicy policy, ReplyCheck... left) {
        return new McaVerifier(TestPki.validator(trace), policy, trace,
                ReplyCheck.ALL.stream().filter(c -> !List.of(left).contains(c)).toList());
    }

    private McaVerifier verifier() {
        return verifier(McaPolicy.defaults());
    }

    static AuthInfo authInfo(String deviceId, X509Certificate initTlsCert) {
        byte[] random = new byte[32];
        RANDOM.nextBytes(random);
        String randomHex = HexFormat.of().withUpperCase().formatHex(random);
        byte[] request = GatewayMessages.mcaAuthRequest(
                new OpaqueState("ANYCONNECT-MCA", HANDLE, "multiple-cert", "1595829378234"),
                GatewayMessages.MCA_HASHES, randomHex, true);
        return new AuthInfo(HANDLE, "ANYCONNECT-MCA", "10.197.223.235", request, GatewayMessages.MCA_HASHES, randomHex,
                deviceId, initTlsCert, Instant.now());
    }

    static AuthInfo linux() {
        return authInfo("linux-64", null);
    }

    static AuthInfo windows() {
        return authInfo("win", null);
    }

    /** Builds the auth-reply a client would send for one challenge. Defaults: openconnect on Linux, USER, sha512. */
    static final class Reply {
        private final AuthInfo info;
        private ClientInfo client = ClientInfo.openconnectLinux(true);
        private List<X509Certificate> certificates = USER.chainWithoutRoot();
        private byte[] pkcs7;
        private PrivateKey key = USER.privateKey();
        private String signHash = "sha512";
        private String declaredHash;
        private byte[] signed;
        private String signatureText;
        private String certText;
        private int pkcs7Chains = 1;
        private UnaryOperator<String> edit = UnaryOperator.identity();

        Reply(AuthInfo info) {
            this.info = info;
            this.signed = info.savedRequest();
        }

        Reply user(HeldCertificate user) {
            this.certificates = user.chainWithoutRoot();
            this.key = user.privateKey();
            return this;
        }

        Reply certificates(List<X509Certificate> certificates) {
            this.certificates = certificates;
            return this;
        }

        Reply pkcs7(byte[] der) {
            this.pkcs7 = der;
            return this;
        }

        Reply hash(String hash) {
            this.signHash = hash;
            return this;
        }

        Reply declared(String hash) {
            this.declaredHash = hash;
            return this;
        }

        Reply signedBytes(byte[] bytes) {
            this.signed = bytes;
            return this;
        }

        Reply signatureText(String text) {
            this.signatureText = text;
            return this;
        }

        Reply certText(String text) {
            this.certText = text;
            return this;
        }

        Reply pkcs7Chains(int n) {
            this.pkcs7Chains = n;
            return this;
        }

        Reply client(ClientInfo client) {
            this.client = client;
            return this;
        }

        /** A textual edit of the final XML, for shapes ClientMessages does not write. */
        Reply edit(UnaryOperator<String> edit) {
            this.edit = edit;
            return this;
        }

        byte[] bytes() {
            String der64 = certText != null ? certText
                    : ClientMessages.base64Lines(pkcs7 != null ? pkcs7 : Pkcs7.certsOnly(certificates));
            String sig64 = signatureText != null ? signatureText : ClientMessages.base64Lines(sign(signed, key, signHash));
            List<Chain> chains = new ArrayList<>(List.of(Chain.viaTls("1M")));
            for (int i = 0; i < pkcs7Chains; i++) {
                chains.add(new Chain("1U", false, der64, declaredHash != null ? declaredHash : signHash, sig64));
            }
            String opaque = parse(info.savedRequest()).opaqueXml();
            String xml = new String(ClientMessages.mcaAuthReply(client, opaque, chains), StandardCharsets.UTF_8);
            return edit.apply(xml).getBytes(StandardCharsets.UTF_8);
        }

        ConfigAuth build() {
            return parse(bytes());
        }
    }

    static ConfigAuth parse(byte[] bytes) {
        try {
            return ConfigAuthParser.parse(bytes);
        } catch (ConfigAuthException e) {
            throw new AssertionError(e);
        }
    }

    static byte[] sign(byte[] data, PrivateKey key, String hash) {
        String digest = hash.toUpperCase(Locale.ROOT);
        String algorithm = switch (key.getAlgorithm()) {
            case "RSA" -> digest + "withRSA";
            case "EC" -> digest + "withECDSA";
            case "DSA" -> digest + "withDSA";
            default -> key.getAlgorithm(); // Ed25519 / EdDSA
        };
        try {
            Signature s = Signature.getInstance(algorithm);
            s.initSign(key);
            s.update(data);
            return s.sign();
        } catch (GeneralSecurityException e) {
            throw new AssertionError(e);
        }
    }

    private static McaOutcome.Accepted accepted(McaOutcome outcome) {
        if (outcome instanceof McaOutcome.Refused r) {
            throw new AssertionError("expected acceptance but got " + r.refusal().text());
        }
        return (McaOutcome.Accepted) outcome;
    }

    private static Refusal refused(McaOutcome outcome, Requirement expected) {
        assertThat(outcome).as("outcome").isInstanceOf(McaOutcome.Refused.class);
        Refusal refusal = ((McaOutcome.Refused) outcome).refusal();
        assertThat(refusal.requirement()).as(refusal.text()).isEqualTo(expected);
        return refusal;
    }

    // ------------------------------------------------------------------ happy paths

    @Nested
    class Accepted {
        @Test
        void windowsMachinePlusUserLikeTheSeed() {
            AuthInfo info = windows();
            McaOutcome.Accepted a = accepted(verifier().verify(info,
                    new Reply(info).client(ClientInfo.anyConnectWindows()).build(), MACHINE.chainWithoutRoot()));
            assertThat(a.username()).isEqualTo("MachineID.cisco.com");
            assertThat(a.first().trustpoint()).isEqualTo("MachineCA");
            assertThat(a.first().kind()).isEqualTo(CertificateKind.MACHINE);
            assertThat(a.second().trustpoint()).isEqualTo("UserCA");
            assertThat(a.second().kind()).isEqualTo(CertificateKind.USER);
            assertThat(a.hashAlgorithm()).isEqualTo("sha512");
        }

        @Test
        void traceFollowsTheSeed() {
            AuthInfo info = windows();
            Reply reply = new Reply(info);
            accepted(verifier().verify(info, reply.build(), MACHINE.chainWithoutRoot()));
            assertThat(trace.messages(DebugCategory.AGGREGATE_AUTH_SSL)).containsSubsequence(
                    "Multi cert authentication",
                    "First cert came in SSL protocol, len " + TestPki.derLength(MACHINE.certificate()),
                    "Success loading cert into PKI",
                    "Authenticating second cert",
                    "Certificate Authentication success - verifying signature",
                    "Signature verify success",
                    "Authorization username = MachineID.cisco.com");
            String sig = reply.build().certChains().get(1).signatureBase64();
            assertThat(trace.messages(DebugCategory.AGGREGATE_AUTH_XML)).containsExactly(
                    "Received attribute hash-algorithm-chosen in XML message from client",
                    "Base64 Signature (len=" + sig.length() + "):",
                    "Successful Base64 signature decode, len 256");
            assertThat(trace.events()).filteredOn(e -> e.category() != DebugCategory.CRYPTO_CA)
                    .allSatisfy(e -> assertThat(e.correlation()).isEqualTo(HANDLE));
        }

        @Test
        void userPlusUserWhenThePolicyAllowsUserCertificatesInTls() {
            AuthInfo info = linux();
            McaPolicy userPlusUser = McaPolicy.defaults().withTlsKinds(EnumSet.allOf(CertificateKind.class));
            McaOutcome.Accepted a = accepted(verifier(userPlusUser).verify(info, new Reply(info).build(),
                    OTHER_USER.chainWithoutRoot()));
            assertThat(a.first().kind()).isEqualTo(CertificateKind.USER);
            assertThat(a.second().kind()).isEqualTo(CertificateKind.USER);
            assertThat(a.username()).isEqualTo("laptop-user.cisco.com");
        }

        @Test
        void linuxMachinePlusUser() {
            AuthInfo info = linux();
            McaOutcome.Accepted a = accepted(verifier().verify(info, new Reply(info).build(), MACHINE.chainWithoutRoot()));
            assertThat(a.first().kind()).isEqualTo(CertificateKind.MACHINE);
        }

        @Test
        void userViaIntermediateWithTheIntermediateInThePkcs7() {
            HeldCertificate user = HeldCertificate.builder().subject("cn=intermediate-user,o=mcalab").keyPair(TestPki.rsa(5))
                    .issuedBy(USER_INTERMEDIATE).build();
            AuthInfo info = linux();
            McaOutcome.Accepted a = accepted(verifier().verify(info, new Reply(info).user(user).build(),
                    MACHINE.chainWithoutRoot()));
            assertThat(a.second().trustpoint()).isEqualTo("UserRoot");
            assertThat(a.second().chain()).containsExactly(user.certificate(), USER_INTERMEDIATE.certificate());
        }

        @ParameterizedTest
        @ValueSource(strings = {"sha256", "sha384", "sha512"})
        void eachOfferedHashIsAccepted(String hash) {
            AuthInfo info = linux();
            McaOutcome.Accepted a = accepted(verifier().verify(info, new Reply(info).hash(hash).build(),
                    MACHINE.chainWithoutRoot()));
            assertThat(a.hashAlgorithm()).isEqualTo(hash);
        }

        @Test
        void usernameFromTheSecondCertificateWhenConfigured() {
            AuthInfo info = windows();
            McaPolicy policy = McaPolicy.defaults().withUsernameSource(
                    new UsernameSource(UsernameSource.Certificate.SECOND, "CN", null));
            assertThat(accepted(verifier(policy).verify(info, new Reply(info).build(), MACHINE.chainWithoutRoot()))
                    .username()).isEqualTo("UserID.cisco.com");
        }

        @Test
        void usernameFromAnotherAttribute() {
            AuthInfo info = windows();
            McaPolicy policy = McaPolicy.defaults().withUsernameSource(
                    new UsernameSource(UsernameSource.Certificate.SECOND, "OU", null));
            assertThat(accepted(verifier(policy).verify(info, new Reply(info).build(), MACHINE.chainWithoutRoot()))
                    .username()).isEqualTo("TAC");
        }
    }

    // ------------------------------------------------------------------ MCA-FLOW

    @Nested
    class Flow {
        @Test
        void flow3CertificateMustBePkcs7() {
            AuthInfo info = linux();
            Refusal r = refused(verifier().verify(info, new Reply(info)
                    .edit(x -> x.replace("cert-format=\"pkcs7\"", "cert-format=\"der\"")).build(),
                    MACHINE.chainWithoutRoot()), Requirement.MCA_FLOW_3);
            assertThat(r.reason()).contains("pkcs7");
        }

        @Test
        void flow3SignatureElementIsRequired() {
            AuthInfo info = linux();
            refused(verifier().verify(info, new Reply(info)
                    .edit(x -> x.replaceAll("<client-cert-auth-signature[^>]*>[^<]*</client-cert-auth-signature>", ""))
                    .build(), MACHINE.chainWithoutRoot()), Requirement.MCA_FLOW_3);
        }

        @Test
        void flow3HashAlgorithmChosenIsRequired() {
            AuthInfo info = linux();
            refused(verifier().verify(info, new Reply(info)
                    .edit(x -> x.replace(" hash-algorithm-chosen=\"sha512\"", "")).build(), MACHINE.chainWithoutRoot()),
                    Requirement.MCA_FLOW_3);
        }

        @Test
        void flow6CertificateWithoutTheConfiguredAttributeIsRefused() {
            AuthInfo info = windows();
            McaPolicy policy = McaPolicy.defaults().withUsernameSource(
                    new UsernameSource(UsernameSource.Certificate.FIRST, "UID", null));
            Refusal r = refused(verifier(policy).verify(info, new Reply(info).build(), MACHINE.chainWithoutRoot()),
                    Requirement.MCA_FLOW_6);
            assertThat(r.reason()).contains("UID");
        }
    }

    // ------------------------------------------------------------------ MCA-LIM

    @Nested
    class Limits {
        @Test
        void lim1NoTlsCertificateMeansOnlyOne() {
            AuthInfo info = linux();
            Refusal r = refused(verifier().verify(info, new Reply(info).build(), List.of()), Requirement.MCA_LIM_1);
            assertThat(r.reason()).startsWith("only one certificate");
        }

        @Test
        void lim1NoXmlCertificateMeansOnlyOne() {
            AuthInfo info = linux();
            Refusal r = refused(verifier().verify(info, new Reply(info).pkcs7Chains(0).build(), MACHINE.chainWithoutRoot()),
                    Requirement.MCA_LIM_1);
            assertThat(r.reason()).startsWith("only one certificate");
        }

        @Test
        void lim1ThirdCertificateIsRefused() {
            AuthInfo info = linux();
            Refusal r = refused(verifier().verify(info, new Reply(info).pkcs7Chains(2).build(), MACHINE.chainWithoutRoot()),
                    Requirement.MCA_LIM_1);
            assertThat(r.reason()).startsWith("a third certificate is not accepted");
        }

        @Test
        void lim3UserCertificateFromTheMachineStoreIsRefused() {
            AuthInfo info = windows();
            HeldCertificate secondMachine = HeldCertificate.builder().subject("cn=OtherMachine.cisco.com")
                    .keyPair(TestPki.rsa(5)).issuedBy(MACHINE_CA).build();
            Refusal r = refused(verifier().verify(info, new Reply(info).user(secondMachine).build(),
                    MACHINE.chainWithoutRoot()), Requirement.MCA_LIM_3);
            assertThat(r.reason()).startsWith("two machine certificates are not supported");
        }

        @Test
        void lim1SameCertificateTwiceIsOnlyOne() {
            // openconnect -c user.pem -k user.key --mca-certificate user.pem --mca-key user.key
            McaPolicy userPlusUser = McaPolicy.defaults().withTlsKinds(EnumSet.allOf(CertificateKind.class));
            AuthInfo info = linux();
            Refusal r = refused(verifier(userPlusUser).verify(info, new Reply(info).build(), USER.chainWithoutRoot()),
                    Requirement.MCA_LIM_1);
            assertThat(r.reason()).startsWith("only one certificate: the auth-reply's PKCS#7 carries the TLS client "
                    + "certificate again");
            // the machine certificate twice, signed with the machine key, on the default policy
            Refusal machine = refused(verifier().verify(info, new Reply(info).user(MACHINE).build(),
                    MACHINE.chainWithoutRoot()), Requirement.MCA_LIM_1);
            assertThat(machine.reason()).contains("MachineID.cisco.com");
        }

        @Test
        void lim1SameKeyUnderTwoCertificatesIsOnlyOne() {
            McaPolicy userPlusUser = McaPolicy.defaults().withTlsKinds(EnumSet.allOf(CertificateKind.class));
            HeldCertificate sameKey = HeldCertificate.builder().subject("cn=UserID-reissued.cisco.com,o=Cisco")
                    .keyPair(USER.keyPair()).issuedBy(USER_CA).build();
            AuthInfo info = linux();
            Refusal r = refused(verifier(userPlusUser).verify(info, new Reply(info).user(sameKey).build(),
                    USER.chainWithoutRoot()), Requirement.MCA_LIM_1);
            assertThat(r.reason()).startsWith("only one key");
        }

        @Test
        void lim1DistinctCertificatesIsRunByDefaultAndALabVerifierCanLeaveItOut() {
            McaPolicy userPlusUser = McaPolicy.defaults().withTlsKinds(EnumSet.allOf(CertificateKind.class));
            AuthInfo info = linux();
            refused(verifier(userPlusUser).verify(info, new Reply(info).build(), USER.chainWithoutRoot()),
                    Requirement.MCA_LIM_1);
            info = linux();
            accepted(without(userPlusUser, ReplyCheck.LIM1_TWO_CERTIFICATES_TWO_KEYS)
                    .verify(info, new Reply(info).build(), USER.chainWithoutRoot()));
        }

        @ParameterizedTest
        @ValueSource(strings = {"linux-64", "win", "mac-intel", ""})
        void theTlsCertificateIsValidatedAgainstTheMachineTrustpointWhateverTheDeviceId(String deviceId) {
            AuthInfo info = authInfo(deviceId, null);
            Refusal r = refused(verifier().verify(info, new Reply(info).build(), OTHER_USER.chainWithoutRoot()),
                    Requirement.MCA_PKI_1);
            assertThat(r.reason()).isEqualTo("the machine certificate in the TLS handshake must chain to a machine "
                    + "trustpoint (MachineCA) for every client, whatever device-id it sends; it chains to user "
                    + "trustpoint UserCA");
            McaOutcome.Accepted a = accepted(verifier().verify(info, new Reply(info).build(), MACHINE.chainWithoutRoot()));
            assertThat(a.first().trustpoint()).isEqualTo("MachineCA");
        }

        @Test
        void lim4PolicyCanRequireUserPlusUser() {
            AuthInfo info = linux();
            McaPolicy userOnly = McaPolicy.defaults().withTlsKinds(EnumSet.of(CertificateKind.USER));
            refused(verifier(userOnly).verify(info, new Reply(info).build(), MACHINE.chainWithoutRoot()),
                    Requirement.MCA_LIM_4);
            accepted(verifier(userOnly).verify(info, new Reply(info).build(), OTHER_USER.chainWithoutRoot()));
        }

        @Test
        void lim5EcUserCertificate() {
            HeldCertificate ec = TestPki.userLeaf().ec("P-256").build();
            AuthInfo info = linux();
            Refusal r = refused(verifier().verify(info, new Reply(info).user(ec).build(), MACHINE.chainWithoutRoot()),
                    Requirement.MCA_LIM_5);
            assertThat(r.reason()).isEqualTo("user certificate has an EC key (P-256); only RSA is supported");
        }

        @Test
        void lim5Ed25519UserCertificate() {
            HeldCertificate ed = TestPki.userLeaf().ed25519().build();
            AuthInfo info = linux();
            refused(verifier().verify(info, new Reply(info).user(ed).build(), MACHINE.chainWithoutRoot()),
                    Requirement.MCA_LIM_5);
        }

        @Test
        void lim5DsaUserCertificate() {
            HeldCertificate dsa = TestPki.userLeaf().dsa(2048).build();
            AuthInfo info = linux();
            refused(verifier().verify(info, new Reply(info).user(dsa).hash("sha256").build(), MACHINE.chainWithoutRoot()),
                    Requirement.MCA_LIM_5);
        }

        @Test
        void lim5EcMachineCertificateInTheTlsPosition() {
            HeldCertificate ecMachine = TestPki.machineLeaf().ec("P-256").build();
            AuthInfo info = windows();
            Refusal r = refused(verifier().verify(info, new Reply(info).build(), ecMachine.chainWithoutRoot()),
                    Requirement.MCA_LIM_5);
            assertThat(r.reason()).startsWith("machine certificate has an EC key");
        }

        @ParameterizedTest
        @ValueSource(strings = {"sha1", "md5", "sha224", "SHA512", "unknown"})
        void lim6HashNotOfferedIsRefused(String chosen) {
            AuthInfo info = linux();
            String signWith = switch (chosen) {
                case "sha1", "md5", "sha224" -> chosen;
                default -> "sha512";
            };
            Refusal r = refused(verifier().verify(info, new Reply(info).hash(signWith).declared(chosen).build(),
                    MACHINE.chainWithoutRoot()), Requirement.MCA_LIM_6);
            assertThat(r.reason()).contains("\"" + chosen + "\" was not offered");
        }

        @Test
        void lim6EmptyHashIsRefused() {
            AuthInfo info = linux();
            Refusal r = refused(verifier().verify(info, new Reply(info).declared("").build(), MACHINE.chainWithoutRoot()),
                    Requirement.MCA_LIM_6);
            assertThat(r.reason()).startsWith("hash-algorithm-chosen is empty");
        }

        @Test
        void lim6DeclaredHashDiffersFromTheRealOne() {
            AuthInfo info = linux();
            Refusal r = refused(verifier().verify(info, new Reply(info).hash("sha256").declared("sha512").build(),
                    MACHINE.chainWithoutRoot()), Requirement.MCA_LIM_6);
            assertThat(r.reason()).isEqualTo("declared sha512 but the signature uses sha256");
        }

        @Test
        void aLabVerifierWithoutTheSignatureCheckStillRefusesTheWrongDeclaredHashAsLim6() {
            AuthInfo info = linux();
            refused(without(McaPolicy.defaults(), ReplyCheck.PKI4_SIGNATURE).verify(info,
                    new Reply(info).hash("sha256").declared("sha512").build(), MACHINE.chainWithoutRoot()),
                    Requirement.MCA_LIM_6);
            info = linux();
            McaOutcome.Accepted a = accepted(without(McaPolicy.defaults(), ReplyCheck.LIM6_DECLARED_HASH).verify(info,
                    new Reply(info).hash("sha256").declared("sha512").build(), MACHINE.chainWithoutRoot()));
            assertThat(a.hashAlgorithm()).isEqualTo("sha512");
        }

        @Test
        void lim6Sha1SignedUserCertificate() {
            AuthInfo info = linux();
            refused(verifier().verify(info, new Reply(info).user(TestPki.userLeaf().signedWith(SignatureHash.SHA1).build())
                    .build(), MACHINE.chainWithoutRoot()), Requirement.MCA_LIM_6);
        }

        @Test
        void lim6Md5SignedUserCertificate() {
            AuthInfo info = linux();
            Refusal r = refused(verifier().verify(info, new Reply(info)
                    .user(TestPki.userLeaf().signedWith(SignatureHash.MD5).build()).build(), MACHINE.chainWithoutRoot()),
                    Requirement.MCA_LIM_6);
            assertThat(r.reason()).contains("MD5withRSA");
        }

        @Test
        void aLabVerifierWithoutTheRsaCheckAcceptsAnEcUserCertificate() {
            HeldCertificate ec = TestPki.userLeaf().ec("P-256").build();
            AuthInfo info = linux();
            McaVerifier lax = new McaVerifier(TestPki.validator(trace).withChecks(ChainCheck.ALL.stream()
                    .filter(c -> c != ChainCheck.LIM5_RSA_KEYS).toList()), McaPolicy.defaults(), trace);
            McaOutcome.Accepted a = accepted(lax.verify(info, new Reply(info).user(ec).build(),
                    MACHINE.chainWithoutRoot()));
            assertThat(a.second().leaf()).isEqualTo(ec.certificate());
        }
    }

    // ------------------------------------------------------------------ MCA-PKI

    @Nested
    class Pki {
        @Test
        void pki1RogueCaIsRefused() {
            HeldCertificate forged = HeldCertificate.builder().subject(TestPki.USER_ID).keyPair(TestPki.rsa(5))
                    .issuedBy(ROGUE_CA).build();
            AuthInfo info = linux();
            refused(verifier().verify(info, new Reply(info).user(forged).build(), MACHINE.chainWithoutRoot()),
                    Requirement.MCA_PKI_1);
        }

        @Test
        void pki1WindowsMachineCertificateFromAUserCa() {
            AuthInfo info = windows();
            Refusal r = refused(verifier().verify(info, new Reply(info).build(), OTHER_USER.chainWithoutRoot()),
                    Requirement.MCA_PKI_1);
            assertThat(r.reason()).startsWith("the machine certificate in the TLS handshake must chain to a machine "
                    + "trustpoint");
        }

        @Test
        void pki2ExpiredUserCertificate() {
            AuthInfo info = linux();
            refused(verifier().verify(info, new Reply(info).user(TestPki.userLeaf().expired().build()).build(),
                    MACHINE.chainWithoutRoot()), Requirement.MCA_PKI_2);
        }

        @Test
        void pki2NotYetValidUserCertificate() {
            AuthInfo info = linux();
            refused(verifier().verify(info, new Reply(info).user(TestPki.userLeaf().notYetValid().build()).build(),
                    MACHINE.chainWithoutRoot()), Requirement.MCA_PKI_2);
        }

        @Test
        void pki2ExpiredMachineCertificate() {
            AuthInfo info = windows();
            refused(verifier().verify(info, new Reply(info).build(), TestPki.machineLeaf().expired().build()
                    .chainWithoutRoot()), Requirement.MCA_PKI_2);
        }

        private McaVerifier withCrl(CrlSource crls) {
            List<TrustpointCa> tps = List.of(TrustpointCa.of("MachineCA", MACHINE_CA.certificate()),
                    TrustpointCa.of("UserCA", USER_CA.certificate(), RevocationCheck.CRL));
            return new McaVerifier(new CertificateValidator(tps, crls, Clock.systemUTC(), trace), McaPolicy.defaults(), trace);
        }

        @Test
        void pki3RevokedUserCertificate() {
            HeldCertificate user = TestPki.userLeaf().crlDistributionPoint("http://127.0.0.1:1/user-ca.crl").build();
            CertificateRevocationList crl = CertificateRevocationList.builder(USER_CA).revoke(user.certificate()).build();
            AuthInfo info = linux();
            Refusal r = refused(withCrl((uri, issuer) -> crl.crl()).verify(info, new Reply(info).user(user).build(),
                    MACHINE.chainWithoutRoot()), Requirement.MCA_PKI_3);
            assertThat(r.reason()).contains("revoked");
        }

        @Test
        void pki3UnreachableDistributionPointFailsClosed() throws Exception {
            int closedPort;
            try (ServerSocket s = new ServerSocket(0)) {
                closedPort = s.getLocalPort();
            }
            String url = "http://127.0.0.1:" + closedPort + "/user-ca.crl";
            HeldCertificate user = TestPki.userLeaf().crlDistributionPoint(url).build();
            AuthInfo info = linux();
            Refusal r = refused(withCrl(new HttpCrlCache(Clock.systemUTC())).verify(info, new Reply(info).user(user).build(),
                    MACHINE.chainWithoutRoot()), Requirement.MCA_PKI_3);
            assertThat(r.reason()).contains("revocation status unknown: CRL from " + url + " unavailable (");
        }

        @Test
        void pki4TamperedSignature() {
            AuthInfo info = linux();
            byte[] sig = sign(info.savedRequest(), USER.privateKey(), "sha512");
            sig[sig.length / 2] ^= 0x01;
            refused(verifier().verify(info, new Reply(info).signatureText(ClientMessages.base64Lines(sig)).build(),
                    MACHINE.chainWithoutRoot()), Requirement.MCA_PKI_4);
            // a lab verifier without the signature check takes it, and traces no verified signature
            info = linux();
            sig = sign(info.savedRequest(), USER.privateKey(), "sha512");
            sig[sig.length / 2] ^= 0x01;
            RecordingTrace own = new RecordingTrace();
            McaVerifier lax = new McaVerifier(TestPki.validator(own), McaPolicy.defaults(), own,
                    ReplyCheck.ALL.stream().filter(c -> c != ReplyCheck.PKI4_SIGNATURE).toList());
            accepted(lax.verify(info, new Reply(info).signatureText(ClientMessages.base64Lines(sig)).build(),
                    MACHINE.chainWithoutRoot()));
            assertThat(own.messages(DebugCategory.AGGREGATE_AUTH_SSL)).doesNotContain("Signature verify success")
                    .contains("Authorization username = MachineID.cisco.com");
        }

        @Test
        void pki4SignatureByAnotherKey() {
            AuthInfo info = linux();
            byte[] sig = sign(info.savedRequest(), MACHINE_CA.privateKey(), "sha512");
            refused(verifier().verify(info, new Reply(info).signatureText(ClientMessages.base64Lines(sig)).build(),
                    MACHINE.chainWithoutRoot()), Requirement.MCA_PKI_4);
        }

        @Test
        void pki4SignatureOverTrimmedBytes() {
            AuthInfo info = linux();
            byte[] trimmed = new String(info.savedRequest(), StandardCharsets.UTF_8).strip().getBytes(StandardCharsets.UTF_8);
            refused(verifier().verify(info, new Reply(info).signedBytes(trimmed).build(), MACHINE.chainWithoutRoot()),
                    Requirement.MCA_PKI_4);
        }

        @Test
        void pki4SignatureOverReserialisedXml() {
            AuthInfo info = linux();
            // what a DOM round trip produces: no line breaks between elements, self-closed empty element
            String reserialised = new String(info.savedRequest(), StandardCharsets.UTF_8)
                    .replace(">\n<", "><").replace("<cert-authenticated></cert-authenticated>", "<cert-authenticated/>");
            refused(verifier().verify(info, new Reply(info).signedBytes(reserialised.getBytes(StandardCharsets.UTF_8))
                    .build(), MACHINE.chainWithoutRoot()), Requirement.MCA_PKI_4);
        }

        @Test
        void pki4SignatureOverAnotherChallenge() {
            AuthInfo info = linux();
            AuthInfo other = linux();
            refused(verifier().verify(info, new Reply(info).signedBytes(other.savedRequest()).build(),
                    MACHINE.chainWithoutRoot()), Requirement.MCA_PKI_4);
        }

        @Test
        void pki4GarbledSignatureBase64() {
            AuthInfo info = linux();
            Refusal r = refused(verifier().verify(info, new Reply(info).signatureText("SbkK0AHvoilV7Knj7k8l3B=x*").build(),
                    MACHINE.chainWithoutRoot()), Requirement.MCA_PKI_4);
            assertThat(r.reason()).contains("base64");
        }

        @Test
        void pki4GarbledCertificateBase64() {
            AuthInfo info = linux();
            refused(verifier().verify(info, new Reply(info).certText("MIIGmgYJKoZIhvcNAQcCoIIGizCCBocCAQEx=A").build(),
                    MACHINE.chainWithoutRoot()), Requirement.MCA_PKI_4);
        }

        @Test
        void pki4CertificateThatIsNotPkcs7() {
            AuthInfo info = linux();
            byte[] junk = new byte[300];
            RANDOM.nextBytes(junk);
            Refusal r = refused(verifier().verify(info, new Reply(info).pkcs7(junk).build(), MACHINE.chainWithoutRoot()),
                    Requirement.MCA_PKI_4);
            assertThat(r.reason()).contains("PKCS#7");
        }

        @Test
        void pki5NoLeafInThePkcs7() {
            AuthInfo info = linux();
            refused(verifier().verify(info, new Reply(info).certificates(List.of(USER_INTERMEDIATE.certificate())).build(),
                    MACHINE.chainWithoutRoot()), Requirement.MCA_PKI_5);
        }

        @Test
        void pki5TwoLeavesInThePkcs7() {
            AuthInfo info = linux();
            refused(verifier().verify(info, new Reply(info).certificates(List.of(USER.certificate(),
                    OTHER_USER.certificate())).build(), MACHINE.chainWithoutRoot()), Requirement.MCA_PKI_5);
        }

        @Test
        void pki5UnrelatedExtraCertificate() {
            AuthInfo info = linux();
            refused(verifier().verify(info, new Reply(info).certificates(List.of(USER.certificate(),
                    USER_INTERMEDIATE.certificate())).build(), MACHINE.chainWithoutRoot()), Requirement.MCA_PKI_5);
        }

        @Test
        void pki5ElevenCertificatesAreRefused() {
            List<X509Certificate> set = new ArrayList<>(List.of(USER.certificate()));
            for (int i = 0; i < 10; i++) {
                set.add(HeldCertificate.builder().subject("cn=Filler CA " + i).keyPair(TestPki.rsa(4))
                        .certificateAuthority(-1).build().certificate());
            }
            AuthInfo info = linux();
            refused(verifier().verify(info, new Reply(info).certificates(set).build(), MACHINE.chainWithoutRoot()),
                    Requirement.MCA_PKI_5);
        }

        @Test
        void pki5ShuffledOrderWithRootInCiscoShapeIsAccepted() {
            HeldCertificate user = HeldCertificate.builder().subject("cn=intermediate-user,o=mcalab").keyPair(TestPki.rsa(5))
                    .issuedBy(USER_INTERMEDIATE).build();
            byte[] ciscoShape = TestPki.pkcs7InOrder(List.of(USER_ROOT.certificate(), user.certificate(),
                    USER_INTERMEDIATE.certificate()));
            AuthInfo info = linux();
            McaOutcome.Accepted a = accepted(verifier().verify(info, new Reply(info).user(user).pkcs7(ciscoShape).build(),
                    MACHINE.chainWithoutRoot()));
            assertThat(a.second().leaf()).isEqualTo(user.certificate());
        }

        @Test
        void pki6ServerOnlyUserCertificate() {
            AuthInfo info = linux();
            refused(verifier().verify(info, new Reply(info).user(TestPki.userLeaf().serverAuth().build()).build(),
                    MACHINE.chainWithoutRoot()), Requirement.MCA_PKI_6);
        }

        @Test
        void pki6KeyUsageWithoutDigitalSignatureInEitherPosition() {
            AuthInfo info = linux();
            Refusal user = refused(verifier().verify(info, new Reply(info)
                    .user(TestPki.userLeaf().withoutDigitalSignature().build()).build(), MACHINE.chainWithoutRoot()),
                    Requirement.MCA_PKI_6);
            assertThat(user.reason()).startsWith("user certificate may not sign");
            Refusal machine = refused(verifier().verify(info, new Reply(info).build(),
                    TestPki.machineLeaf().withoutDigitalSignature().build().chainWithoutRoot()), Requirement.MCA_PKI_6);
            assertThat(machine.reason()).startsWith("machine certificate may not sign");
        }

        @Test
        void pki7UsernameInTheXmlIsIgnored() {
            AuthInfo info = windows();
            ConfigAuth reply = new Reply(info).edit(x -> x.replace("<auth>", "<auth><username>administrator</username>"))
                    .build();
            assertThat(reply.authField("username")).contains("administrator");
            McaOutcome.Accepted a = accepted(verifier().verify(info, reply, MACHINE.chainWithoutRoot()));
            assertThat(a.username()).isEqualTo("MachineID.cisco.com");
            assertThat(trace.messages(DebugCategory.AGGREGATE_AUTH_SSL))
                    .anySatisfy(m -> assertThat(m).contains("Ignoring username 'administrator'"));
        }

    }

    // ------------------------------------------------------------------ MCA-ROB

    @Nested
    class Robustness {
        @Test
        void rob4ReplyWithAnotherTlsCertificateThanTheInit() {
            AuthInfo info = authInfo("linux-64", MACHINE.certificate());
            Refusal r = refused(verifier().verify(info, new Reply(info).build(), OTHER_USER.chainWithoutRoot()),
                    Requirement.MCA_ROB_4);
            assertThat(r.reason()).isEqualTo("auth-reply came with a different TLS certificate than the init");
        }

        @Test
        void rob4SameTlsCertificateAsTheInitIsAccepted() {
            AuthInfo info = authInfo("linux-64", MACHINE.certificate());
            accepted(verifier().verify(info, new Reply(info).build(), MACHINE.chainWithoutRoot()));
        }
    }

    @Test
    void refusalIsTraced() {
        AuthInfo info = linux();
        verifier().verify(info, new Reply(info).build(), List.of());
        assertThat(trace.messages(DebugCategory.AGGREGATE_AUTH_SSL))
                .anySatisfy(m -> assertThat(m).startsWith("Multi cert authentication failed: MCA-LIM-1: "));
    }
}
