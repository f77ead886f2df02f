package org.mcalab.client.mca;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.pkcs.ContentInfo;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.SignedData;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class Pkcs7BuilderTest {
    private static X509Certificate a;
    private static X509Certificate b;

    @BeforeAll
    static void certificates() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(1024);
        a = selfSigned("cn=a", g.generateKeyPair());
        b = selfSigned("cn=b", g.generateKeyPair());
    }

    private static X509Certificate selfSigned(String name, KeyPair keys) throws Exception {
        X500Name subject = new X500Name(name);
        return new JcaX509CertificateConverter().getCertificate(new JcaX509v3CertificateBuilder(subject, BigInteger.ONE,
                new Date(), new Date(System.currentTimeMillis() + 86_400_000L), subject, keys.getPublic())
                .build(new JcaContentSignerBuilder("SHA256withRSA").build(keys.getPrivate())));
    }

    private static List<X509Certificate> read(byte[] der) throws Exception {
        List<X509Certificate> out = new ArrayList<>();
        CertificateFactory.getInstance("X.509").generateCertificates(new ByteArrayInputStream(der))
                .forEach(c -> out.add((X509Certificate) c));
        return out;
    }

    @Test
    void reversedOrderIsTheCanonicalOrderTurnedAround() throws Exception {
        List<X509Certificate> canonical = read(Pkcs7Builder.build(List.of(a, b), false, Pkcs7Builder.Order.CANONICAL));
        List<X509Certificate> reversed = read(Pkcs7Builder.build(List.of(a, b), false, Pkcs7Builder.Order.REVERSED_CANONICAL));
        assertThat(canonical).hasSize(2);
        assertThat(reversed).containsExactly(canonical.get(1), canonical.get(0));
    }

    @Test
    void asGivenKeepsTheInsertionOrder() throws Exception {
        assertThat(read(Pkcs7Builder.build(List.of(b, a), true, Pkcs7Builder.Order.AS_GIVEN))).containsExactly(b, a);
        assertThat(read(Pkcs7Builder.build(List.of(a, b), true, Pkcs7Builder.Order.AS_GIVEN))).containsExactly(a, b);
    }

    @Test
    void openconnectShapeHasDigestedDataInsideAndCiscoShapeHasData() {
        SignedData gnutls = SignedData.getInstance(ContentInfo.getInstance(Pkcs7Builder.openconnect(List.of(a))).getContent());
        assertThat(gnutls.getContentInfo().getContentType()).isEqualTo(PKCSObjectIdentifiers.digestedData);
        assertThat(gnutls.getSignerInfos().size()).isZero();

        SignedData cisco = SignedData.getInstance(ContentInfo.getInstance(
                Pkcs7Builder.build(List.of(a), true, Pkcs7Builder.Order.AS_GIVEN)).getContent());
        assertThat(cisco.getContentInfo().getContentType()).isEqualTo(PKCSObjectIdentifiers.data);
    }

    @Test
    void anEmptySetIsStillAValidPkcs7() throws Exception {
        assertThat(read(Pkcs7Builder.build(List.of(), false, Pkcs7Builder.Order.CANONICAL))).isEmpty();
    }
}
