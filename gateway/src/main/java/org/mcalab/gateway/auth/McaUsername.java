package org.mcalab.gateway.auth;

import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1String;
import org.bouncycastle.asn1.ASN1TaggedObject;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x500.style.IETFUtils;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.OtherName;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.mcalab.gateway.pki.CertificateText;

/** Reads the authorization username out of a certificate, by the ASA's {@code username-from-certificate} keywords. */
final class McaUsername {
    static final String UPN = "UPN";
    static final String ENTIRE_NAME = "USE-ENTIRE-NAME";

    private static final ASN1ObjectIdentifier MS_UPN = new ASN1ObjectIdentifier("1.3.6.1.4.1.311.20.2.3");
    private static final Map<String, ASN1ObjectIdentifier> SUBJECT_ATTRIBUTES = Map.ofEntries(
            Map.entry("C", BCStyle.C),
            Map.entry("CN", BCStyle.CN),
            Map.entry("DNQ", BCStyle.DN_QUALIFIER),
            Map.entry("EA", BCStyle.EmailAddress),
            Map.entry("GENQ", BCStyle.GENERATION),
            Map.entry("GN", BCStyle.GIVENNAME),
            Map.entry("I", BCStyle.INITIALS),
            Map.entry("L", BCStyle.L),
            Map.entry("N", BCStyle.NAME),
            Map.entry("O", BCStyle.O),
            Map.entry("OU", BCStyle.OU),
            Map.entry("SER", BCStyle.SERIALNUMBER),
            Map.entry("SN", BCStyle.SURNAME),
            Map.entry("SP", BCStyle.ST),
            Map.entry("T", BCStyle.T),
            Map.entry("UID", BCStyle.UID));

    private McaUsername() {}

    /** The keyword in canonical spelling, or an exception naming the known ones. */
    static String checkedAttribute(String keyword) {
        String k = keyword.trim().toUpperCase(Locale.ROOT).replace('_', '-');
        if (k.equals(ENTIRE_NAME) || k.equals("ENTIRE-NAME")) {
            return ENTIRE_NAME;
        }
        if (k.equals(UPN) || SUBJECT_ATTRIBUTES.containsKey(k)) {
            return k;
        }
        throw new IllegalArgumentException("unknown certificate attribute '" + keyword + "'; known: "
                + String.join(", ", new java.util.TreeSet<>(SUBJECT_ATTRIBUTES.keySet())) + ", UPN, use-entire-name");
    }

    /** The attribute's value (the first one, if the subject repeats it), or empty. */
    static Optional<String> read(X509Certificate certificate, String attribute) {
        if (attribute.equals(ENTIRE_NAME)) {
            return Optional.of(CertificateText.subject(certificate));
        }
        if (attribute.equals(UPN)) {
            return upn(certificate);
        }
        X500Name subject = X500Name.getInstance(certificate.getSubjectX500Principal().getEncoded());
        RDN[] rdns = subject.getRDNs(SUBJECT_ATTRIBUTES.get(attribute));
        if (rdns.length == 0) {
            return Optional.empty();
        }
        String value = IETFUtils.valueToString(rdns[0].getFirst().getValue());
        return value.isBlank() ? Optional.empty() : Optional.of(value);
    }

    private static Optional<String> upn(X509Certificate certificate) {
        try {
            Extension san = new JcaX509CertificateHolder(certificate).getExtension(Extension.subjectAlternativeName);
            if (san == null) {
                return Optional.empty();
            }
            for (GeneralName name : GeneralNames.getInstance(san.getParsedValue()).getNames()) {
                if (name.getTagNo() != GeneralName.otherName) {
                    continue;
                }
                OtherName other = OtherName.getInstance(name.getName());
                if (!other.getTypeID().equals(MS_UPN)) {
                    continue;
                }
                ASN1Encodable value = other.getValue();
                if (value instanceof ASN1TaggedObject tagged) {
                    value = tagged.getExplicitBaseObject();
                }
                if (value instanceof ASN1String s) {
                    return Optional.of(s.getString());
                }
            }
            return Optional.empty();
        } catch (CertificateEncodingException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
