package org.mcalab.gateway.pki;

import java.math.BigInteger;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.security.interfaces.DSAPublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.EdECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.x500.AttributeTypeAndValue;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x500.style.IETFUtils;

/**
 * How certificates are spelled in {@code debug crypto ca} lines and in refusal reasons, following the seed:
 * serials as the DER integer in uppercase hex ("00B6D609E1D68B9334"), names most specific first with lowercase
 * keys ("cn=MachineID.cisco.com,ou=Cisco,c=IN"), signature algorithms as "SHA256/RSA".
 */
public final class CertificateText {
    private CertificateText() {}

    public static String serial(X509Certificate certificate) {
        return serial(certificate.getSerialNumber());
    }

    public static String serial(BigInteger serial) {
        return HexFormat.of().withUpperCase().formatHex(serial.toByteArray());
    }

    public static String subject(X509Certificate certificate) {
        return name(certificate.getSubjectX500Principal());
    }

    public static String issuer(X509Certificate certificate) {
        return name(certificate.getIssuerX500Principal());
    }

    public static String name(X500Principal principal) {
        RDN[] rdns;
        try {
            rdns = X500Name.getInstance(principal.getEncoded()).getRDNs();
        } catch (IllegalArgumentException malformed) {
            // The JDK accepts some name encodings BouncyCastle does not (e.g. an attribute value tagged 0x11); a
            // client can send such a certificate, so render it the JDK's way instead of failing the whole request
            // with an internal error (found by gateway abuse/McaVerifierFuzzTest).
            return principal.getName(X500Principal.RFC2253);
        }
        List<String> parts = new ArrayList<>(rdns.length);
        for (int i = rdns.length - 1; i >= 0; i--) {
            for (AttributeTypeAndValue atv : rdns[i].getTypesAndValues()) {
                parts.add(key(atv.getType()) + "=" + IETFUtils.valueToString(atv.getValue()));
            }
        }
        return String.join(",", parts);
    }

    private static String key(ASN1ObjectIdentifier oid) {
        String name = BCStyle.INSTANCE.oidToDisplayName(oid);
        return name == null ? oid.getId() : name.toLowerCase(Locale.ROOT);
    }

    /** "SHA256withRSA" becomes "SHA256/RSA", as the ASA prints it. */
    public static String signatureAlgorithm(X509Certificate certificate) {
        String alg = certificate.getSigAlgName();
        int with = alg.toUpperCase(Locale.ROOT).indexOf("WITH");
        return with < 0 ? alg : alg.substring(0, with) + "/" + alg.substring(with + 4);
    }

    /** "an RSA key (2048 bits)", "an EC key (P-256)", "a DSA key (2048 bits)", "an Ed25519 key". */
    public static String key(PublicKey key) {
        if (key instanceof RSAPublicKey rsa) {
            return "an RSA key (" + rsa.getModulus().bitLength() + " bits)";
        }
        if (key instanceof ECPublicKey ec) {
            int bits = ec.getParams().getCurve().getField().getFieldSize();
            return "an EC key (P-" + bits + ")";
        }
        if (key instanceof DSAPublicKey dsa) {
            return "a DSA key (" + dsa.getParams().getP().bitLength() + " bits)";
        }
        if (key instanceof EdECPublicKey ed) {
            return "an " + ed.getParams().getName() + " key";
        }
        return "a " + key.getAlgorithm() + " key";
    }
}
