package org.mcalab.client.mca;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.DERSet;
import org.bouncycastle.asn1.DLSequence;
import org.bouncycastle.asn1.DLSet;
import org.bouncycastle.asn1.DLTaggedObject;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x509.Certificate;

/**
 * Certs-only PKCS#7 in the two shapes clients send (docs/protocol.md §6.6): openconnect/GnuTLS (inner type
 * digestedData, certificates in DER canonical order) and Cisco AnyConnect (inner type data with an empty
 * octet string, certificates in the order given). The order can also be reversed on purpose.
 */
public final class Pkcs7Builder {
    public enum Order { CANONICAL, AS_GIVEN, REVERSED_CANONICAL }

    private Pkcs7Builder() {}

    public static byte[] openconnect(List<X509Certificate> certificates) {
        return build(certificates, false, Order.CANONICAL);
    }

    public static byte[] build(List<X509Certificate> certificates, boolean ciscoInnerData, Order order) {
        ASN1EncodableVector given = new ASN1EncodableVector();
        for (X509Certificate c : certificates) {
            given.add(certificate(c));
        }
        List<ASN1Encodable> ordered = new ArrayList<>();
        if (order == Order.AS_GIVEN) {
            for (int i = 0; i < given.size(); i++) {
                ordered.add(given.get(i));
            }
        } else {
            for (ASN1Encodable e : new DERSet(given)) {
                ordered.add(e);
            }
            if (order == Order.REVERSED_CANONICAL) {
                java.util.Collections.reverse(ordered);
            }
        }
        ASN1Encodable inner = ciscoInnerData
                ? new DLSequence(new ASN1Encodable[] {PKCSObjectIdentifiers.data,
                        new DLTaggedObject(true, 0, new DEROctetString(new byte[0]))})
                : new DLSequence(PKCSObjectIdentifiers.digestedData);
        // Built by hand: BouncyCastle's SignedData sorts its certificate SET, and the order is the point here.
        DLSequence signedData = new DLSequence(new ASN1Encodable[] {new ASN1Integer(1), new DLSet(), inner,
                new DLTaggedObject(false, 0, new DLSet(ordered.toArray(new ASN1Encodable[0]))), new DLSet()});
        DLSequence contentInfo = new DLSequence(new ASN1Encodable[] {PKCSObjectIdentifiers.signedData,
                new DLTaggedObject(true, 0, signedData)});
        try {
            return contentInfo.getEncoded(ASN1Encoding.DL);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Certificate certificate(X509Certificate c) {
        try {
            return Certificate.getInstance(c.getEncoded());
        } catch (CertificateEncodingException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
