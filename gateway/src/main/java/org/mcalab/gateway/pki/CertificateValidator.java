package org.mcalab.gateway.pki;

import static org.mcalab.protocol.Requirement.MCA_LIM_5;
import static org.mcalab.protocol.Requirement.MCA_LIM_6;
import static org.mcalab.protocol.Requirement.MCA_PKI_1;
import static org.mcalab.protocol.Requirement.MCA_PKI_2;
import static org.mcalab.protocol.Requirement.MCA_PKI_3;
import static org.mcalab.protocol.Requirement.MCA_PKI_5;
import static org.mcalab.protocol.Requirement.MCA_PKI_6;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.security.GeneralSecurityException;
import java.security.cert.CertPath;
import java.security.cert.CertPathValidator;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertPathValidatorException.BasicReason;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateFactory;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.CertificateParsingException;
import java.security.cert.PKIXCertPathValidatorResult;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.bouncycastle.asn1.x509.CRLDistPoint;
import org.bouncycastle.asn1.x509.DistributionPoint;
import org.bouncycastle.asn1.x509.DistributionPointName;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.mcalab.gateway.pki.ValidatedCertificate.CertificateKind;
import org.mcalab.gateway.trace.DebugCategory;
import org.mcalab.gateway.trace.Trace;
import org.mcalab.protocol.Refusal;
import org.mcalab.protocol.Requirement;

/**
 * Validates one presented certificate set (the TLS chain, or the PKCS#7 of the auth-reply) against the configured
 * trustpoints. Pure apart from the {@link CrlSource}; the time comes from the {@link Clock}.
 *
 * <p>The checks run in a fixed order so that a certificate with a single defect is refused with that defect's
 * requirement id, not with whatever a generic PKIX engine happens to report first (see package-info).
 */
public final class CertificateValidator {
    /** Largest certificate set accepted (MCA-PKI-5); openconnect sends one or two, Cisco's client three. */
    public static final int MAX_CERTIFICATES = 10;

    /** The certificate signature algorithms MCA-LIM-6 allows: RSASSA-PKCS1-v1_5 with SHA-256/384/512. */
    private static final Map<String, String> RSA_SHA2 = Map.of(
            "1.2.840.113549.1.1.11", "SHA256withRSA",
            "1.2.840.113549.1.1.12", "SHA384withRSA",
            "1.2.840.113549.1.1.13", "SHA512withRSA");
    private static final String EKU_CLIENT_AUTH = "1.3.6.1.5.5.7.3.2";
    private static final String EKU_ANY = "2.5.29.37.0";
    private static final Map<String, String> EKU_NAMES = Map.of(
            "1.3.6.1.5.5.7.3.1", "serverAuth",
            EKU_CLIENT_AUTH, "clientAuth",
            "1.3.6.1.5.5.7.3.3", "codeSigning",
            "1.3.6.1.5.5.7.3.4", "emailProtection",
            "1.3.6.1.5.5.7.3.8", "timeStamping",
            "1.3.6.1.5.5.7.3.9", "OCSPSigning");

    /** The keyUsage bits in RFC 5280 order (bit 0 is digitalSignature). */
    private static final List<String> KEY_USAGE_NAMES = List.of("digitalSignature", "nonRepudiation",
            "keyEncipherment", "dataEncipherment", "keyAgreement", "keyCertSign", "cRLSign", "encipherOnly",
            "decipherOnly");

    private final List<TrustpointCa> trustpoints;
    private final CrlSource crls;
    private final Clock clock;
    private final Trace trace;
    private final int maxCertificates;
    private final List<ChainCheck> checks;
    private final Function<String, CertificateKind> kinds;

    /**
     * Trustpoints in configuration order; kinds by name ({@link #kindByName}), at most 10 certificates per set, every
     * {@link ChainCheck}.
     */
    public CertificateValidator(List<TrustpointCa> trustpoints, CrlSource crls, Clock clock, Trace trace) {
        this(trustpoints, crls, clock, trace, MAX_CERTIFICATES, ChainCheck.ALL, CertificateValidator::kindByName);
    }

    private CertificateValidator(List<TrustpointCa> trustpoints, CrlSource crls, Clock clock, Trace trace,
                                 int maxCertificates, List<ChainCheck> checks, Function<String, CertificateKind> kinds) {
        this.trustpoints = List.copyOf(trustpoints);
        this.crls = Objects.requireNonNull(crls, "crls");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.trace = Objects.requireNonNull(trace, "trace");
        if (maxCertificates < 1) {
            throw new IllegalArgumentException("maxCertificates must be at least 1");
        }
        this.maxCertificates = maxCertificates;
        this.checks = List.copyOf(checks);
        this.kinds = Objects.requireNonNull(kinds, "kinds");
    }

    /**
     * The same trustpoints, CRL source and checks under another policy.
     *
     * @param kinds which trustpoints are machine and which user
     */
    public CertificateValidator withPolicy(int maxCertificates, Function<String, CertificateKind> kinds) {
        return new CertificateValidator(trustpoints, crls, clock, trace, maxCertificates, checks, kinds);
    }

    /**
     * The same validator running these checks, in their {@link ChainCheck} order. The gateway runs
     * {@link ChainCheck#ALL}; fewer make a lab gateway that does not enforce the others' requirements.
     */
    public CertificateValidator withChecks(List<ChainCheck> checks) {
        return new CertificateValidator(trustpoints, crls, clock, trace, maxCertificates, checks, kinds);
    }

    /** The default classification: a trustpoint whose name contains "machine" (any case) is a machine trustpoint. */
    public static CertificateKind kindByName(String trustpoint) {
        return trustpoint.toLowerCase(Locale.ROOT).contains("machine") ? CertificateKind.MACHINE : CertificateKind.USER;
    }

    public List<TrustpointCa> trustpoints() {
        return trustpoints;
    }

    /** Validates against every trustpoint, in configuration order. */
    public ValidationResult validate(List<X509Certificate> certificates, String role, String correlation) {
        return validate(certificates, role, correlation, List.of());
    }

    /**
     * Validates a certificate set.
     *
     * @param certificates         any order, may hold intermediates and the root
     * @param role                 how refusals name the certificate: "user certificate", "machine certificate"...
     * @param correlation          put on every trace line (the aggauth-handle)
     * @param preferredTrustpoints tried first, in this order, before the other trustpoints (so a CA configured in two
     *                             trustpoints is attributed to the one the caller expects)
     */
    public ValidationResult validate(List<X509Certificate> certificates, String role, String correlation,
                                     List<String> preferredTrustpoints) {
        try {
            return new ValidationResult.Valid(run(certificates, role, correlation, ordered(preferredTrustpoints)));
        } catch (Stop stop) {
            crypto(correlation, "CRYPTO_PKI: Certificate validation: Failed, " + stop.refusal.text());
            return new ValidationResult.Invalid(stop.refusal);
        }
    }

    /**
     * What is known of one set when a {@link ChainCheck} runs; later stages know more (null before).
     *
     * @param set       the presented certificates, duplicates removed, in the order presented
     * @param sorted    the path from the end-entity certificate up, as far as the set reaches
     * @param presented the part of {@code sorted} the client is responsible for ({@link #belowAnchors})
     * @param anchored  the trustpoint and path PKIX accepted
     */
    record Chain(String role, String correlation, Instant now, List<X509Certificate> set,
                 List<X509Certificate> sorted, List<X509Certificate> presented, Anchored anchored) {
        Chain sorted(List<X509Certificate> path, List<X509Certificate> below) {
            return new Chain(role, correlation, now, set, path, below, null);
        }

        Chain anchored(Anchored a) {
            return new Chain(role, correlation, now, set, sorted, presented, a);
        }
    }

    private ValidatedCertificate run(List<X509Certificate> certificates, String role, String correlation,
                                     List<TrustpointCa> order) throws Stop {
        if (certificates == null || certificates.isEmpty()) {
            throw new Stop(MCA_PKI_5, role + " is missing: no certificate was presented");
        }
        Chain chain = new Chain(role, correlation, clock.instant(), List.copyOf(new LinkedHashSet<>(certificates)),
                null, null, null);
        run(ChainCheck.Stage.SET, chain);
        List<X509Certificate> sorted = sortedChain(chain.set(), role);
        chain = chain.sorted(sorted, belowAnchors(sorted));
        run(ChainCheck.Stage.PATH, chain);
        traceSortedChain(correlation, sorted);
        run(ChainCheck.Stage.PRESENTED, chain);
        X509Certificate leaf = sorted.get(0);
        crypto(correlation, "CRYPTO_PKI: Verifying certificate with serial number: " + CertificateText.serial(leaf)
                + ", subject name: " + CertificateText.subject(leaf) + ", issuer_name: " + CertificateText.issuer(leaf)
                + ", signature alg: " + CertificateText.signatureAlgorithm(leaf) + ".");
        Anchored anchored = anchor(chain, order);
        chain = chain.anchored(anchored);
        run(ChainCheck.Stage.TIME, chain);
        run(ChainCheck.Stage.REVOCATION, chain);
        crypto(correlation, "CRYPTO_PKI: valid cert status.");
        String name = anchored.trustpoint.name();
        return new ValidatedCertificate(leaf, List.copyOf(anchored.path), name, kinds.apply(name));
    }

    private void run(ChainCheck.Stage stage, Chain chain) throws Stop {
        for (ChainCheck check : checks) {
            if (check.stage() == stage) {
                check.check(this, chain);
            }
        }
    }

    // ---- MCA-PKI-5: the shape of the set ----

    void checkSetSize(Chain chain) throws Stop {
        List<X509Certificate> set = chain.set();
        if (set.size() > maxCertificates) {
            throw new Stop(MCA_PKI_5, chain.role() + " set holds " + set.size() + " certificates; at most "
                    + maxCertificates + " are accepted");
        }
        List<X509Certificate> leaves = set.stream().filter(c -> c.getBasicConstraints() < 0).toList();
        if (leaves.size() > 1) {
            throw new Stop(MCA_PKI_5, chain.role() + " set holds " + leaves.size() + " end-entity certificates ("
                    + leaves.stream().map(CertificateText::subject).collect(Collectors.joining("; "))
                    + "); exactly one is allowed");
        }
    }

    void checkOnePath(Chain chain) throws Stop {
        List<X509Certificate> rest = chain.set().stream().filter(c -> !chain.sorted().contains(c)).toList();
        if (!rest.isEmpty()) {
            throw new Stop(MCA_PKI_5, chain.role() + " set holds a certificate that is not on the path of its "
                    + "end-entity certificate: " + CertificateText.subject(rest.get(0)));
        }
    }

    /** The path from the (first) end-entity certificate up, as far as the set reaches. */
    private static List<X509Certificate> sortedChain(List<X509Certificate> set, String role) throws Stop {
        List<X509Certificate> leaves = set.stream().filter(c -> c.getBasicConstraints() < 0).toList();
        if (leaves.isEmpty()) {
            throw new Stop(MCA_PKI_5, role + " set holds no end-entity certificate, only CA certificates");
        }
        X509Certificate leaf = leaves.get(0);
        List<X509Certificate> path = new ArrayList<>(List.of(leaf));
        List<X509Certificate> rest = new ArrayList<>(set);
        rest.remove(leaf);
        X509Certificate current = leaf;
        while (!selfIssued(current)) {
            X509Certificate next = issuerOf(current, rest);
            if (next == null) {
                break;
            }
            path.add(next);
            rest.remove(next);
            current = next;
        }
        return path;
    }

    /** The certificate in {@code candidates} that issued {@code child}: same name, and its key verifies if several do. */
    private static X509Certificate issuerOf(X509Certificate child, List<X509Certificate> candidates) {
        List<X509Certificate> named = candidates.stream()
                .filter(c -> c.getSubjectX500Principal().equals(child.getIssuerX500Principal()))
                .toList();
        if (named.size() <= 1) {
            return named.isEmpty() ? null : named.get(0);
        }
        return named.stream().filter(c -> signedBy(child, c)).findFirst().orElse(named.get(0));
    }

    private static boolean signedBy(X509Certificate child, X509Certificate issuer) {
        try {
            child.verify(issuer.getPublicKey());
            return true;
        } catch (GeneralSecurityException | RuntimeException e) {
            return false;
        }
    }

    private static boolean selfIssued(X509Certificate c) {
        return c.getSubjectX500Principal().equals(c.getIssuerX500Principal());
    }

    /**
     * The part of the sorted chain the client is responsible for: the leaf and its intermediates, up to (not
     * including) a configured CA certificate or a self-issued root. Key and algorithm policy apply to these; the
     * admin chose the anchors.
     */
    private List<X509Certificate> belowAnchors(List<X509Certificate> sorted) {
        List<X509Certificate> below = new ArrayList<>();
        for (int i = 0; i < sorted.size(); i++) {
            X509Certificate c = sorted.get(i);
            if (i > 0 && (selfIssued(c) || trustpoints.stream().anyMatch(tp -> tp.holds(c)))) {
                break;
            }
            below.add(c);
        }
        return below;
    }

    // ---- MCA-LIM-5, MCA-LIM-6, MCA-PKI-6: policy on the presented certificates ----

    void checkKeys(Chain chain) throws Stop {
        List<X509Certificate> presented = chain.presented();
        String role = chain.role();
        for (int i = 0; i < presented.size(); i++) {
            X509Certificate c = presented.get(i);
            if (!(c.getPublicKey() instanceof RSAPublicKey)) {
                throw new Stop(MCA_LIM_5, who(role, c, i) + " has " + CertificateText.key(c.getPublicKey())
                        + "; only RSA is supported");
            }
        }
    }

    void checkSignatureAlgorithms(Chain chain) throws Stop {
        List<X509Certificate> presented = chain.presented();
        String role = chain.role();
        for (int i = 0; i < presented.size(); i++) {
            X509Certificate c = presented.get(i);
            if (!RSA_SHA2.containsKey(c.getSigAlgOID())) {
                throw new Stop(MCA_LIM_6, who(role, c, i) + " is signed with " + c.getSigAlgName()
                        + "; only SHA-256, SHA-384 or SHA-512 with RSA is accepted");
            }
        }
    }

    void checkKeyUsage(Chain chain) throws Stop {
        X509Certificate leaf = chain.sorted().get(0);
        String role = chain.role();
        List<String> eku;
        try {
            eku = leaf.getExtendedKeyUsage();
        } catch (CertificateParsingException e) {
            throw new Stop(MCA_PKI_6, role + " has an unreadable extended key usage extension");
        }
        if (eku != null && !eku.contains(EKU_CLIENT_AUTH) && !eku.contains(EKU_ANY)) {
            throw new Stop(MCA_PKI_6, role + " is not allowed for client authentication (extended key usage: "
                    + eku.stream().map(o -> EKU_NAMES.getOrDefault(o, o)).collect(Collectors.joining(", ")) + ")");
        }
        // both certificates sign: the TLS one its handshake, the PKCS#7 one the MCA challenge
        boolean[] usage = leaf.getKeyUsage();
        if (usage != null && (usage.length == 0 || !usage[0])) {
            List<String> granted = new ArrayList<>();
            for (int i = 0; i < Math.min(usage.length, KEY_USAGE_NAMES.size()); i++) {
                if (usage[i]) {
                    granted.add(KEY_USAGE_NAMES.get(i));
                }
            }
            throw new Stop(MCA_PKI_6, role + " may not sign: its key usage (" + (granted.isEmpty() ? "none"
                    : String.join(", ", granted)) + ") lacks digitalSignature");
        }
    }

    private static String who(String role, X509Certificate c, int index) {
        return index == 0 ? role : role + "'s issuing CA " + CertificateText.subject(c);
    }

    // ---- MCA-PKI-1: a path to a trustpoint ----

    record Anchored(TrustpointCa trustpoint, List<X509Certificate> path, X509Certificate anchor) {}

    private Anchored anchor(Chain chain, List<TrustpointCa> order) throws Stop {
        List<X509Certificate> sorted = chain.sorted();
        String role = chain.role();
        Instant now = chain.now();
        String nearMiss = null;
        for (TrustpointCa tp : order) {
            if (tp.caCertificates().isEmpty()) {
                continue;
            }
            List<X509Certificate> path = pathBelow(sorted, tp);
            X509Certificate top = path.get(path.size() - 1);
            if (!tp.hasCaNamed(top.getIssuerX500Principal())) {
                continue;
            }
            try {
                X509Certificate anchor = pkix(path, tp, pkixDate(path, now));
                return new Anchored(tp, path, anchor);
            } catch (CertPathValidatorException e) {
                if (e.getReason() == BasicReason.EXPIRED || e.getReason() == BasicReason.NOT_YET_VALID) {
                    // the certificates' validity windows do not overlap: report the time defect, not a path defect
                    run(ChainCheck.Stage.TIME, chain.anchored(new Anchored(tp, path, null)));
                }
                if (nearMiss == null) {
                    nearMiss = role + " does not chain to trustpoint " + tp.name() + ": " + pkixReason(e, top, tp);
                }
            } catch (GeneralSecurityException e) {
                if (nearMiss == null) {
                    nearMiss = role + " does not chain to trustpoint " + tp.name() + ": " + e.getMessage();
                }
            }
        }
        if (nearMiss != null) {
            throw new Stop(MCA_PKI_1, nearMiss);
        }
        X509Certificate top = sorted.get(sorted.size() - 1);
        throw new Stop(MCA_PKI_1, role + " is issued by " + CertificateText.issuer(top)
                + ", which is not the CA of any configured trustpoint");
    }

    /** The sorted chain without this trustpoint's own CA certificates and without any other self-issued root. */
    private static List<X509Certificate> pathBelow(List<X509Certificate> sorted, TrustpointCa tp) {
        List<X509Certificate> path = new ArrayList<>();
        for (int i = 0; i < sorted.size(); i++) {
            X509Certificate c = sorted.get(i);
            if (i > 0 && (tp.holds(c) || selfIssued(c))) {
                break;
            }
            path.add(c);
        }
        return path;
    }

    /**
     * PKIX at a moment every certificate of the path is valid, so that this step answers only "is there a path"
     * and an expired certificate is refused by {@link #checkValidity} as MCA-PKI-2. Revocation is checked separately.
     */
    private static Instant pkixDate(List<X509Certificate> path, Instant now) {
        boolean allValidNow = path.stream().allMatch(c -> validAt(c, now));
        if (allValidNow) {
            return now;
        }
        Instant latestStart = path.stream().map(c -> c.getNotBefore().toInstant()).max(Instant::compareTo).orElse(now);
        Instant earliestEnd = path.stream().map(c -> c.getNotAfter().toInstant()).min(Instant::compareTo).orElse(now);
        return latestStart.isAfter(earliestEnd) ? now : latestStart;
    }

    private static boolean validAt(X509Certificate c, Instant when) {
        return !when.isBefore(c.getNotBefore().toInstant()) && !when.isAfter(c.getNotAfter().toInstant());
    }

    private static X509Certificate pkix(List<X509Certificate> path, TrustpointCa tp, Instant date)
            throws GeneralSecurityException {
        CertPath certPath = CertificateFactory.getInstance("X.509").generateCertPath(path);
        Set<TrustAnchor> anchors = tp.caCertificates().stream()
                .map(ca -> new TrustAnchor(ca, null))
                .collect(Collectors.toSet());
        PKIXParameters params = new PKIXParameters(anchors);
        params.setRevocationEnabled(false);
        params.setDate(Date.from(date));
        PKIXCertPathValidatorResult result =
                (PKIXCertPathValidatorResult) CertPathValidator.getInstance("PKIX").validate(certPath, params);
        return result.getTrustAnchor().getTrustedCert();
    }

    /** PKIX's words, except for the case it words worst: a CA with the trustpoint's name but another key. */
    private static String pkixReason(CertPathValidatorException e, X509Certificate top, TrustpointCa tp) {
        boolean signedByAnchor = tp.caCertificates().stream()
                .filter(ca -> ca.getSubjectX500Principal().equals(top.getIssuerX500Principal()))
                .anyMatch(ca -> signedBy(top, ca));
        if (!signedByAnchor) {
            return CertificateText.subject(top) + " names " + CertificateText.issuer(top)
                    + " as issuer but is not signed by that CA's key";
        }
        return e.getMessage() == null ? String.valueOf(e.getReason()) : e.getMessage();
    }

    // ---- MCA-PKI-2: validity at the clock's time ----

    void checkValidity(Chain chain) throws Stop {
        Anchored anchored = chain.anchored();
        String role = chain.role();
        Instant now = chain.now();
        List<X509Certificate> all = new ArrayList<>(anchored.path);
        if (anchored.anchor != null) {
            all.add(anchored.anchor);
        }
        Date at = Date.from(now);
        for (int i = 0; i < all.size(); i++) {
            X509Certificate c = all.get(i);
            String who = i == anchored.path.size() ? "trustpoint " + anchored.trustpoint.name() + "'s CA certificate"
                    : who(role, c, i);
            try {
                c.checkValidity(at);
            } catch (CertificateExpiredException e) {
                throw new Stop(MCA_PKI_2, who + " expired on " + c.getNotAfter().toInstant());
            } catch (CertificateNotYetValidException e) {
                throw new Stop(MCA_PKI_2, who + " is not valid before " + c.getNotBefore().toInstant());
            }
        }
    }

    // ---- MCA-PKI-3: revocation ----

    /** A status that could not be had, where the trustpoint allows that, is traced as a warning. */
    void checkRevocation(Chain chain) throws Stop {
        Anchored anchored = chain.anchored();
        String role = chain.role();
        String correlation = chain.correlation();
        RevocationCheck policy = anchored.trustpoint.revocationCheck();
        if (policy == RevocationCheck.NONE) {
            return;
        }
        boolean warning = false;
        List<X509Certificate> path = anchored.path;
        for (int i = 0; i < path.size(); i++) {
            X509Certificate c = path.get(i);
            X509Certificate issuer = i + 1 < path.size() ? path.get(i + 1) : anchored.anchor;
            String who = who(role, c, i);
            Optional<URI> cdp = distributionPoint(c);
            String unknown;
            if (cdp.isEmpty()) {
                if (i > 0) {
                    // intermediates often carry no CDP; the leaf's status is what MCA-PKI-3 is about
                    crypto(correlation, "CRYPTO_PKI: no CRL distribution point in " + CertificateText.subject(c)
                            + ", revocation not checked for this CA");
                    continue;
                }
                unknown = "the certificate names no http(s) CRL distribution point";
            } else {
                URI uri = cdp.get();
                crypto(correlation, "CRYPTO_PKI: Checking revocation of serial number " + CertificateText.serial(c)
                        + " with CRL from " + uri);
                try {
                    X509CRL crl = crls.crl(uri, issuer);
                    if (crl.isRevoked(c)) {
                        crypto(correlation, "CRYPTO_PKI: certificate revoked, serial number " + CertificateText.serial(c));
                        throw new Stop(MCA_PKI_3, who + " (serial " + CertificateText.serial(c)
                                + ") is revoked by the CRL from " + uri);
                    }
                    crypto(correlation, "CRYPTO_PKI: certificate not revoked");
                    continue;
                } catch (CrlUnavailableException e) {
                    unknown = e.getMessage();
                }
            }
            if (policy == RevocationCheck.CRL) {
                throw new Stop(MCA_PKI_3, who + ": revocation status unknown: " + unknown);
            }
            crypto(correlation, "CRYPTO_PKI: WARNING: revocation status unknown (" + unknown
                    + "); revocation-check crl none: accepting " + CertificateText.subject(c));
            warning = true;
        }
        if (warning) {
            crypto(correlation, "CRYPTO_PKI: valid cert with warning.");
        }
    }

    /** The first http(s) URI of the certificate's CRL distribution points extension. */
    static Optional<URI> distributionPoint(X509Certificate c) {
        byte[] ext = c.getExtensionValue(Extension.cRLDistributionPoints.getId());
        if (ext == null) {
            return Optional.empty();
        }
        try {
            CRLDistPoint points = CRLDistPoint.getInstance(JcaX509ExtensionUtils.parseExtensionValue(ext));
            for (DistributionPoint dp : points.getDistributionPoints()) {
                DistributionPointName name = dp.getDistributionPoint();
                if (name == null || name.getType() != DistributionPointName.FULL_NAME) {
                    continue;
                }
                for (GeneralName g : GeneralNames.getInstance(name.getName()).getNames()) {
                    if (g.getTagNo() != GeneralName.uniformResourceIdentifier) {
                        continue;
                    }
                    URI uri = new URI(g.getName().toString());
                    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
                    if (scheme.equals("http") || scheme.equals("https")) {
                        return Optional.of(uri);
                    }
                }
            }
        } catch (IOException | URISyntaxException | IllegalArgumentException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    // ---- helpers ----

    private List<TrustpointCa> ordered(List<String> preferred) {
        List<TrustpointCa> order = new ArrayList<>();
        for (String name : preferred) {
            trustpoints.stream().filter(tp -> tp.name().equals(name) && !order.contains(tp)).forEach(order::add);
        }
        trustpoints.stream().filter(tp -> !order.contains(tp)).forEach(order::add);
        return order;
    }

    private void traceSortedChain(String correlation, List<X509Certificate> sorted) {
        if (!trace.enabled(DebugCategory.CRYPTO_CA)) {
            return;
        }
        crypto(correlation, "CRYPTO_PKI: Begin sorted cert chain");
        for (X509Certificate c : sorted) {
            crypto(correlation, "-----Certificate-----:");
            crypto(correlation, "Serial: " + CertificateText.serial(c));
            crypto(correlation, "Subject: " + CertificateText.subject(c));
            crypto(correlation, "Issuer: " + CertificateText.issuer(c));
        }
        crypto(correlation, "CRYPTO_PKI: End sorted cert chain");
        crypto(correlation, "CRYPTO_PKI: Sorted chain size is: " + sorted.size());
        X509Certificate leaf = sorted.get(0);
        crypto(correlation, "CRYPTO_PKI: Found ID cert. serial number: " + CertificateText.serial(leaf)
                + ", subject name: " + CertificateText.subject(leaf));
    }

    private void crypto(String correlation, String message) {
        if (trace.enabled(DebugCategory.CRYPTO_CA)) {
            trace.emit(DebugCategory.CRYPTO_CA, correlation, message);
        }
    }

    /** Ends validation with a refusal; no stack trace, it is control flow. */
    static final class Stop extends Exception {
        final Refusal refusal;

        Stop(Requirement requirement, String reason) {
            super(reason, null, false, false);
            this.refusal = new Refusal(requirement, reason);
        }
    }
}
