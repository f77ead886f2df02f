package org.mcalab.gateway.admin;

import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.security.interfaces.DSAPublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;
import javax.security.auth.x500.X500Principal;
import org.mcalab.gateway.config.AsaConfig;
import org.mcalab.gateway.config.Trustpoint;

/**
 * {@code show crypto ca certificate} (MCA-SES-5), rendered from the configured trustpoints the way the seed
 * shows it: identity certificates ("Certificate") first, then CA certificates, each listing the trustpoints
 * it belongs to.
 */
public final class CryptoCaView {
    /** "15:40:28 UTC Sep 30 2017". */
    private static final DateTimeFormatter DATE =
            DateTimeFormatter.ofPattern("HH:mm:ss 'UTC' MMM d yyyy", Locale.US).withZone(ZoneOffset.UTC);
    private static final Map<String, String> OID_KEYS = Map.of(
            "1.2.840.113549.1.9.1", "ea",
            "2.5.4.5", "serialnumber",
            "2.5.4.4", "sn",
            "2.5.4.42", "gn",
            "2.5.4.12", "title");

    /** One certificate as the view shows it. */
    public record Entry(boolean ca, String serial, String publicKeyType, String signatureAlgorithm, List<String> issuer,
                        List<String> subject, String startDate, String endDate, List<String> trustpoints) {}

    private CryptoCaView() {}

    public static List<Entry> entries(AsaConfig config) {
        Map<X509Certificate, List<String>> identities = new LinkedHashMap<>();
        Map<X509Certificate, List<String>> cas = new LinkedHashMap<>();
        for (Trustpoint tp : config.trustpoints().values()) {
            tp.identityCertificate().ifPresent(c -> identities.computeIfAbsent(c, k -> new ArrayList<>()).add(tp.name()));
            for (X509Certificate c : tp.caCertificates()) {
                cas.computeIfAbsent(c, k -> new ArrayList<>()).add(tp.name());
            }
        }
        List<Entry> list = new ArrayList<>();
        identities.forEach((c, tps) -> list.add(entry(c, false, tps)));
        cas.forEach((c, tps) -> list.add(entry(c, true, tps)));
        return list;
    }

    public static String render(AsaConfig config) {
        StringBuilder b = new StringBuilder();
        for (Entry e : entries(config)) {
            if (b.length() > 0) {
                b.append('\n');
            }
            b.append(e.ca() ? "CA Certificate\n" : "Certificate\n");
            b.append("  Status: Available\n");
            b.append("  Certificate Serial Number: ").append(e.serial()).append('\n');
            b.append("  Certificate Usage: General Purpose\n");
            b.append("  Public Key Type: ").append(e.publicKeyType()).append('\n');
            b.append("  Signature Algorithm: ").append(e.signatureAlgorithm()).append('\n');
            b.append("  Issuer Name:\n");
            e.issuer().forEach(r -> b.append("    ").append(r).append('\n'));
            b.append("  Subject Name:\n");
            e.subject().forEach(r -> b.append("    ").append(r).append('\n'));
            b.append("  Validity Date:\n");
            b.append("    start date: ").append(e.startDate()).append('\n');
            b.append("    end   date: ").append(e.endDate()).append('\n');
            b.append("  Storage: config\n");
            b.append("  Associated Trustpoints: ").append(String.join(" ", e.trustpoints())).append('\n');
        }
        return b.toString();
    }

    private static Entry entry(X509Certificate c, boolean ca, List<String> trustpoints) {
        return new Entry(ca, HexFormat.of().formatHex(c.getSerialNumber().toByteArray()), keyType(c.getPublicKey()),
                signatureAlgorithm(c), rdns(c.getIssuerX500Principal()), rdns(c.getSubjectX500Principal()),
                DATE.format(c.getNotBefore().toInstant()), DATE.format(c.getNotAfter().toInstant()), List.copyOf(trustpoints));
    }

    /** "RSA (2048 bits)". */
    static String keyType(PublicKey key) {
        if (key instanceof RSAPublicKey rsa) {
            return "RSA (" + rsa.getModulus().bitLength() + " bits)";
        }
        if (key instanceof ECPublicKey ec) {
            return "ECDSA (" + ec.getParams().getCurve().getField().getFieldSize() + " bits)";
        }
        if (key instanceof DSAPublicKey dsa) {
            return "DSA (" + dsa.getParams().getP().bitLength() + " bits)";
        }
        return key.getAlgorithm();
    }

    /** "SHA256withRSA" becomes "SHA256 with RSA Encryption", as the ASA prints it. */
    static String signatureAlgorithm(X509Certificate c) {
        String alg = c.getSigAlgName();
        int with = alg.toUpperCase(Locale.ROOT).indexOf("WITH");
        if (with < 0) {
            return alg;
        }
        String hash = alg.substring(0, with).toUpperCase(Locale.ROOT);
        String key = alg.substring(with + 4).toUpperCase(Locale.ROOT);
        return key.equals("RSA") ? hash + " with RSA Encryption" : hash + " with " + key;
    }

    /** One RDN per line, most specific first, lowercase keys: "cn=UserCA.cisco.com", ..., "c=IN". */
    static List<String> rdns(X500Principal name) {
        List<String> lines = new ArrayList<>();
        try {
            List<Rdn> rdns = new LdapName(name.getName(X500Principal.RFC2253)).getRdns();
            for (int i = rdns.size() - 1; i >= 0; i--) {
                Rdn rdn = rdns.get(i);
                String type = OID_KEYS.getOrDefault(rdn.getType(), rdn.getType().toLowerCase(Locale.ROOT));
                Object value = rdn.getValue();
                lines.add(type + "=" + (value instanceof String s ? s : Rdn.escapeValue(value)));
            }
        } catch (InvalidNameException e) {
            lines.add(name.getName());
        }
        return lines;
    }
}
