package org.mcalab.gateway.auth;

import java.security.cert.X509Certificate;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;
import javax.security.auth.x500.X500Principal;
import org.mcalab.gateway.config.CertificateAttribute;
import org.mcalab.gateway.config.UsernameFromCertificate;
import org.mcalab.gateway.pki.CertificateText;

/** The authorization username of a certificate-only login ({@code username-from-certificate}). */
final class CertificateUsername {
    /** RFC 2253 keywords or dotted OIDs as {@link X500Principal#RFC2253} prints them, by ASA attribute. */
    private static final Map<CertificateAttribute, String> KEYS = Map.ofEntries(
            Map.entry(CertificateAttribute.CN, "CN"),
            Map.entry(CertificateAttribute.OU, "OU"),
            Map.entry(CertificateAttribute.O, "O"),
            Map.entry(CertificateAttribute.L, "L"),
            Map.entry(CertificateAttribute.SP, "ST"),
            Map.entry(CertificateAttribute.C, "C"),
            Map.entry(CertificateAttribute.UID, "UID"),
            Map.entry(CertificateAttribute.EA, "1.2.840.113549.1.9.1"),
            Map.entry(CertificateAttribute.SER, "2.5.4.5"),
            Map.entry(CertificateAttribute.SN, "2.5.4.4"),
            Map.entry(CertificateAttribute.GN, "2.5.4.42"),
            Map.entry(CertificateAttribute.I, "2.5.4.43"),
            Map.entry(CertificateAttribute.T, "2.5.4.12"),
            Map.entry(CertificateAttribute.N, "2.5.4.41"),
            Map.entry(CertificateAttribute.DNQ, "2.5.4.46"),
            Map.entry(CertificateAttribute.GENQ, "2.5.4.44"));

    private CertificateUsername() {}

    static String of(X509Certificate cert, UsernameFromCertificate rule) {
        return attribute(cert, rule.primary())
                .or(() -> rule.secondary().flatMap(a -> attribute(cert, a)))
                .orElseGet(() -> CertificateText.subject(cert));
    }

    private static Optional<String> attribute(X509Certificate cert, CertificateAttribute attribute) {
        if (attribute == CertificateAttribute.ENTIRE_NAME) {
            return Optional.of(CertificateText.subject(cert));
        }
        String key = KEYS.get(attribute);
        if (key == null) {
            return Optional.empty();
        }
        try {
            LdapName name = new LdapName(cert.getSubjectX500Principal().getName(X500Principal.RFC2253));
            for (Rdn rdn : name.getRdns()) {
                if (rdn.getType().toUpperCase(Locale.ROOT).equals(key)) {
                    Object value = rdn.getValue();
                    return value instanceof String s ? Optional.of(s) : Optional.empty();
                }
            }
        } catch (InvalidNameException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }
}
