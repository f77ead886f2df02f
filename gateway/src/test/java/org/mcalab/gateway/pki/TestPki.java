package org.mcalab.gateway.pki;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.mcalab.fixtures.HeldCertificate;
import org.mcalab.gateway.trace.Trace;

/**
 * The seed's PKI for tests: MachineCA and UserCA roots, plus a user root with an intermediate and a rogue CA that
 * copies UserCA's name. RSA keys come from a small pool, because generating them is what makes PKI tests slow.
 */
public final class TestPki {
    private static final List<KeyPair> KEYS = new ArrayList<>();

    public static final String MACHINE_ID = "cn=MachineID.cisco.com,ou=Cisco,l=Bangalore,st=Karnataka,c=IN";
    public static final String USER_ID = "cn=UserID.cisco.com,ou=TAC,o=Cisco,l=Dallas,st=Texas,c=IN";

    public static final HeldCertificate MACHINE_CA =
            ca("cn=MachineCA.cisco.com,o=Cisco,l=Bangalore,st=Karnataka,c=IN", rsa(0));
    public static final HeldCertificate USER_CA = ca("cn=UserCA.cisco.com,o=Cisco,l=Dallas,st=Texas,c=IN", rsa(1));
    public static final HeldCertificate USER_ROOT = ca("cn=UserRoot.mcalab.test,o=mcalab", rsa(2));
    public static final HeldCertificate USER_INTERMEDIATE = HeldCertificate.builder()
            .subject("cn=UserIssuing.mcalab.test,o=mcalab").keyPair(rsa(3)).issuedBy(USER_ROOT).certificateAuthority(0)
            .build();
    /** Same name as UserCA, different key: what an attacker would mint. */
    public static final HeldCertificate ROGUE_CA = ca("cn=UserCA.cisco.com,o=Cisco,l=Dallas,st=Texas,c=IN", rsa(4));
    /** A CA no trustpoint knows. */
    public static final HeldCertificate OTHER_CA = ca("cn=Other CA,o=Elsewhere", rsa(4));

    private TestPki() {}

    public static synchronized KeyPair rsa(int index) {
        while (KEYS.size() <= index) {
            try {
                KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
                g.initialize(2048);
                KEYS.add(g.generateKeyPair());
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }
        return KEYS.get(index);
    }

    private static HeldCertificate ca(String subject, KeyPair keys) {
        return HeldCertificate.builder().subject(subject).keyPair(keys).certificateAuthority(-1).build();
    }

    /**
     * The seed's machine certificate, issued by MachineCA (key from the pool; call .ec() etc. to change it). Its key
     * differs from the user certificates' keys: two certificates with one key are one (MCA-LIM-1).
     */
    public static HeldCertificate.Builder machineLeaf() {
        return HeldCertificate.builder().subject(MACHINE_ID).keyPair(rsa(6)).issuedBy(MACHINE_CA);
    }

    /** The seed's user certificate, issued by UserCA. */
    public static HeldCertificate.Builder userLeaf() {
        return HeldCertificate.builder().subject(USER_ID).keyPair(rsa(5)).issuedBy(USER_CA);
    }

    /** A second user certificate (for user+user on non-Windows clients), issued by UserCA. */
    public static HeldCertificate.Builder otherUserLeaf() {
        return HeldCertificate.builder().subject("cn=laptop-user.cisco.com,ou=TAC,o=Cisco,c=IN").keyPair(rsa(7))
                .issuedBy(USER_CA);
    }

    /** The seed's trustpoints (MachineCA, UserCA) and UserRoot, none checking revocation. */
    public static List<TrustpointCa> trustpoints() {
        return List.of(
                TrustpointCa.of("MachineCA", MACHINE_CA.certificate()),
                TrustpointCa.of("UserCA", USER_CA.certificate()),
                TrustpointCa.of("UserRoot", USER_ROOT.certificate()));
    }

    public static CertificateValidator validator(Trace trace) {
        return new CertificateValidator(trustpoints(), CrlSource.NONE, Clock.systemUTC(), trace);
    }

    /**
     * A certs-only PKCS#7 keeping the given order, with inner content type data: the shape Cisco's own client
     * sends (the fixture's {@code Pkcs7} writes openconnect's shape, sorted, with digestedData).
     */
    public static byte[] pkcs7InOrder(List<X509Certificate> certificates) {
        try {
            return CertificateFactory.getInstance("X.509").generateCertPath(certificates).getEncoded("PKCS7");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public static int derLength(X509Certificate c) {
        try {
            return c.getEncoded().length;
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
    }
}
