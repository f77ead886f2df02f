package org.mcalab.conformance.mca;

import org.mcalab.client.mca.Secrets;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.security.interfaces.DSAPublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.security.auth.x500.X500Principal;
import org.mcalab.reports.model.CertificateInfo;
import org.mcalab.reports.model.Evidence;
import org.mcalab.reports.model.TlsInfo;
import org.mcalab.reports.model.TraceLine;
import org.mcalab.reports.model.XmlExchange;
import org.mcalab.client.HttpResponse;
import org.mcalab.client.TlsDetails;

/** Everything one scenario did on the wire, turned into the report's {@link Evidence}. */
public final class Transcript {
    /** Bodies longer than this are cut in the evidence (oversize probes send 70 KiB). */
    private static final int MAX_BODY_CHARS = 8 * 1024;
    private static final Map<String, String> EKU_NAMES = Map.of(
            "1.3.6.1.5.5.7.3.1", "serverAuth", "1.3.6.1.5.5.7.3.2", "clientAuth",
            "1.3.6.1.5.5.7.3.4", "emailProtection", "2.5.29.37.0", "anyExtendedKeyUsage");

    private final List<XmlExchange> exchanges = new ArrayList<>();
    private final List<CertificateInfo> certificates = new ArrayList<>();
    private final Map<String, Long> timings = new LinkedHashMap<>();
    private final List<String> notes = new ArrayList<>();
    private TlsInfo tls;

    /** Records a request and its answer; returns the index of the answer for {@link #markSigned}. */
    public int exchange(String method, String path, byte[] requestBody, HttpResponse response, long millis, String phase) {
        exchanges.add(new XmlExchange("client->gateway", method, path, 0, text(requestBody), null));
        exchanges.add(new XmlExchange("gateway->client", method, path, response.status(), text(response.body()), null));
        timings.merge(phase, millis, Long::sum);
        return exchanges.size() - 1;
    }

    /** A request that got no HTTP answer (refused handshake, closed connection). */
    public void unanswered(String method, String path, byte[] requestBody, String what) {
        exchanges.add(new XmlExchange("client->gateway", method, path, 0, text(requestBody), null));
        note(method + " " + path + ": " + what);
    }

    /** Puts the SHA-256 of the bytes the client actually signed on the challenge it answered. */
    public void markSigned(int answerIndex, byte[] signedBytes) {
        XmlExchange x = exchanges.get(answerIndex);
        exchanges.set(answerIndex, new XmlExchange(x.direction(), x.method(), x.path(), x.httpStatus(), x.body(),
                sha256(signedBytes)));
    }

    public void tls(TlsDetails details) {
        if (tls == null) {
            tls = new TlsInfo(details.protocol(), details.cipherSuite());
        }
    }

    public void certificate(String role, X509Certificate certificate) {
        String fingerprint = fingerprint(certificate);
        if (certificates.stream().anyMatch(c -> c.role().equals(role) && c.sha256Fingerprint().equals(fingerprint))) {
            return;
        }
        certificates.add(new CertificateInfo(role,
                certificate.getSubjectX500Principal().getName(X500Principal.RFC2253),
                certificate.getIssuerX500Principal().getName(X500Principal.RFC2253),
                certificate.getSerialNumber().toString(16).toUpperCase(),
                keyType(certificate), keyBits(certificate), certificate.getSigAlgName(), eku(certificate),
                certificate.getNotBefore().toInstant().toString(), certificate.getNotAfter().toInstant().toString(),
                fingerprint));
    }

    public void timing(String phase, long millis) {
        timings.merge(phase, millis, Long::sum);
    }

    public void note(String note) {
        notes.add(Secrets.mask(note));
    }

    public List<String> notes() {
        return List.copyOf(notes);
    }

    public Evidence evidence(List<TraceLine> gatewayTrace) {
        List<TraceLine> trace = gatewayTrace.stream()
                .map(t -> new TraceLine(t.time(), t.category(), Secrets.mask(t.message()))).toList();
        return new Evidence(List.copyOf(exchanges), List.copyOf(certificates), tls, trace, Map.copyOf(timings),
                List.copyOf(notes));
    }

    static String sha256(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The body as the report shows it: secrets masked ({@link Secrets}), long bodies cut. */
    private static String text(byte[] body) {
        String s = Secrets.mask(new String(body, StandardCharsets.UTF_8));
        return s.length() > MAX_BODY_CHARS
                ? s.substring(0, MAX_BODY_CHARS) + "\n[... " + (body.length - MAX_BODY_CHARS) + " more bytes not shown]"
                : s;
    }

    private static String fingerprint(X509Certificate c) {
        try {
            return sha256(c.getEncoded());
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String keyType(X509Certificate c) {
        String algorithm = c.getPublicKey().getAlgorithm();
        return algorithm.equals("EdDSA") ? "Ed25519" : algorithm;
    }

    private static int keyBits(X509Certificate c) {
        var key = c.getPublicKey();
        if (key instanceof RSAPublicKey rsa) {
            return rsa.getModulus().bitLength();
        }
        if (key instanceof ECPublicKey ec) {
            return ec.getParams().getCurve().getField().getFieldSize();
        }
        if (key instanceof DSAPublicKey dsa) {
            return dsa.getParams().getP().bitLength();
        }
        return 256;
    }

    private static List<String> eku(X509Certificate c) {
        try {
            List<String> oids = c.getExtendedKeyUsage();
            return oids == null ? List.of() : oids.stream().map(o -> EKU_NAMES.getOrDefault(o, o)).toList();
        } catch (CertificateParsingException e) {
            return List.of("(unreadable)");
        }
    }
}
