package org.mcalab.bench;

import java.security.GeneralSecurityException;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.mcalab.fixtures.HeldCertificate;
import org.mcalab.fixtures.Pkcs7;
import org.mcalab.gateway.auth.AuthInfo;
import org.mcalab.gateway.auth.McaOutcome;
import org.mcalab.gateway.auth.McaPolicy;
import org.mcalab.gateway.auth.McaVerifier;
import org.mcalab.gateway.pki.CertificateValidator;
import org.mcalab.gateway.pki.CrlSource;
import org.mcalab.gateway.pki.TrustpointCa;
import org.mcalab.gateway.trace.Trace;
import org.mcalab.protocol.xml.ClientMessages;
import org.mcalab.protocol.xml.ClientMessages.Chain;
import org.mcalab.protocol.xml.ClientMessages.ClientInfo;
import org.mcalab.protocol.xml.ConfigAuth;
import org.mcalab.protocol.xml.ConfigAuthParser;
import org.mcalab.protocol.xml.GatewayMessages;
import org.mcalab.protocol.xml.GatewayMessages.OpaqueState;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The gateway's side of one MCA login after the TLS handshake: parse the auth-reply XML, then {@link McaVerifier}
 * (PKCS#7 parse, both chains validated against the trustpoints, RSA PKCS#1 v1.5 signature over the saved request
 * bytes). RSA-2048 keys, no revocation lookup (CRLs are cached in production, so this is the steady state).
 * Also the client's share: signing the challenge, which a load generator pays per login.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class McaVerifyBenchmark {
    @Param({"sha512", "sha256"})
    String hash;

    private McaVerifier verifier;
    private AuthInfo info;
    private byte[] replyBytes;
    private List<X509Certificate> tlsChain;
    private HeldCertificate user;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        HeldCertificate machineCa = HeldCertificate.builder().subject("cn=MachineCA.cisco.com,o=Cisco,c=IN")
                .rsa(2048).certificateAuthority(-1).build();
        HeldCertificate userCa = HeldCertificate.builder().subject("cn=UserCA.cisco.com,o=Cisco,c=IN")
                .rsa(2048).certificateAuthority(-1).build();
        HeldCertificate machine = HeldCertificate.builder().subject("cn=MachineID.cisco.com,ou=Cisco,c=IN")
                .rsa(2048).issuedBy(machineCa).clientAuth().build();
        user = HeldCertificate.builder().subject("cn=UserID.cisco.com,ou=TAC,o=Cisco,c=IN")
                .rsa(2048).issuedBy(userCa).clientAuth().build();
        CertificateValidator validator = new CertificateValidator(List.of(
                TrustpointCa.of("MachineCA", machineCa.certificate()), TrustpointCa.of("UserCA", userCa.certificate())),
                CrlSource.NONE, Clock.systemUTC(), Trace.NONE);
        verifier = new McaVerifier(validator, McaPolicy.defaults(), Trace.NONE);
        String random = "3F".repeat(32);
        byte[] request = GatewayMessages.mcaAuthRequest(new OpaqueState("ANYCONNECT-MCA", "462466710", "multiple-cert",
                "1595829378234"), GatewayMessages.MCA_HASHES, random, true);
        info = new AuthInfo("462466710", "ANYCONNECT-MCA", "127.0.0.1", request, GatewayMessages.MCA_HASHES, random,
                "linux-64", machine.certificate(), Instant.now());
        ConfigAuth challenge = ConfigAuthParser.parse(request);
        replyBytes = ClientMessages.mcaAuthReply(ClientInfo.openconnectLinux(true), challenge.opaqueXml(), List.of(
                Chain.viaTls("1M"),
                new Chain("1U", false, Pkcs7.wireBase64(Pkcs7.certsOnly(user.chainWithoutRoot())), hash,
                        ClientMessages.base64Lines(sign(request)))));
        tlsChain = machine.chainWithoutRoot();
        if (!(verify() instanceof McaOutcome.Accepted)) {
            throw new IllegalStateException("the benchmark's reply is not accepted: " + verify());
        }
    }

    private byte[] sign(byte[] request) throws GeneralSecurityException {
        Signature s = Signature.getInstance(hash.toUpperCase(java.util.Locale.ROOT) + "withRSA");
        s.initSign(user.privateKey());
        s.update(request);
        return s.sign();
    }

    /** Parse the reply and verify it: what the gateway does per MCA login on its auth executor. */
    @Benchmark
    public McaOutcome verify() throws Exception {
        return verifier.verify(info, ConfigAuthParser.parse(replyBytes), tlsChain);
    }

    /** The client's RSA-2048 signature over the challenge (openconnect does the same per login). */
    @Benchmark
    public byte[] clientSign() throws GeneralSecurityException {
        return sign(info.savedRequest());
    }
}
