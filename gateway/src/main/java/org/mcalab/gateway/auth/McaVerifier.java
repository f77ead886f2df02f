package org.mcalab.gateway.auth;

import static org.mcalab.protocol.Requirement.MCA_FLOW_6;
import static org.mcalab.protocol.Requirement.MCA_LIM_1;
import static org.mcalab.protocol.Requirement.MCA_PKI_4;

import java.io.ByteArrayInputStream;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.CertPath;
import java.security.cert.Certificate;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.interfaces.DSAPublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.EdECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.mcalab.gateway.auth.McaPolicy.UsernameSource;
import org.mcalab.gateway.pki.CertificateText;
import org.mcalab.gateway.pki.CertificateValidator;
import org.mcalab.gateway.pki.TrustpointCa;
import org.mcalab.gateway.pki.ValidatedCertificate;
import org.mcalab.gateway.pki.ValidatedCertificate.CertificateKind;
import org.mcalab.gateway.pki.ValidationResult;
import org.mcalab.gateway.trace.DebugCategory;
import org.mcalab.gateway.trace.Trace;
import org.mcalab.protocol.Refusal;
import org.mcalab.protocol.Requirement;
import org.mcalab.protocol.xml.ConfigAuth;
import org.mcalab.protocol.xml.ConfigAuth.ClientCertChain;

/**
 * Decides one MCA auth-reply: both certificates, the signature over the saved challenge, and the username. Pure
 * and synchronous apart from the CRL fetches the {@link CertificateValidator} may do; the HTTP front end calls it
 * once per auth-reply, after finding the {@link AuthInfo} by handle.
 *
 * <p>Checks, in this order; the first failure ends the verdict with its requirement id:
 * <ol>
 *   <li>MCA-LIM-1: a TLS client certificate on this connection (the {@code client-cert-sent-via-protocol} element
 *       proves nothing, openconnect always sends it), and exactly one XML certificate chain.</li>
 *   <li>MCA-FLOW-3: that chain is {@code cert-format="pkcs7"} with a {@code client-cert-auth-signature} carrying
 *       {@code hash-algorithm-chosen}.</li>
 *   <li>MCA-LIM-6: the chosen hash is one the gateway offered (exact, lowercase).</li>
 *   <li>MCA-PKI-4: signature and PKCS#7 are MIME base64 and the PKCS#7 parses.</li>
 *   <li>MCA-ROB-4: the TLS certificate is the one the init came with, when the init had one.</li>
 *   <li>MCA-LIM-1: the PKCS#7 certificates are neither the TLS certificate nor another certificate for its public
 *       key: two certificates are two certificates and two keys.</li>
 *   <li>The TLS certificate set through {@link CertificateValidator} (which checks MCA-PKI-5, LIM-5, LIM-6,
 *       PKI-6, PKI-1, PKI-2, PKI-3 in that order) against the trustpoints of {@link McaPolicy#tlsKinds()}: by
 *       default it must chain to a machine trustpoint (MCA-PKI-1), for every client. The {@code device-id} the client
 *       sends ({@code win}, {@code linux-64}...) is the client's own claim and selects no rule; user+user
 *       (MCA-LIM-4) is a policy the configuration opts into, for all clients alike.</li>
 *   <li>The PKCS#7 set through the validator, preferring user trustpoints; one that chains to a machine
 *       trustpoint is refused (MCA-LIM-3: two machine certificates are not supported).</li>
 *   <li>MCA-PKI-4: the signature over {@link AuthInfo#savedRequest()}, byte for byte, with the declared hash
 *       (RSASSA-PKCS1-v1_5); a signature that verifies only with another hash is MCA-LIM-6.</li>
 *   <li>MCA-FLOW-6 / MCA-PKI-7: the username from the configured certificate and attribute only; a username in
 *       the XML is traced and ignored.</li>
 * </ol>
 * Revocation fails closed: see {@link org.mcalab.gateway.pki.HttpCrlCache}. The checks a lab gateway may leave out
 * are the {@link ReplyCheck}s, run in their order at their stage; the gateway runs them all.
 */
public final class McaVerifier {
    /** Digests tried to tell "wrong hash declared" (MCA-LIM-6) from "bad signature" (MCA-PKI-4). */
    private static final Map<String, String> DIGESTS = Map.of(
            "sha1", "SHA1", "sha256", "SHA256", "sha384", "SHA384", "sha512", "SHA512", "md5", "MD5");
    private static final List<String> DIGEST_ORDER = List.of("sha256", "sha384", "sha512", "sha1", "md5");

    private final CertificateValidator validator;
    private final McaPolicy policy;
    private final Trace trace;
    private final List<ReplyCheck> checks;

    /**
     * A verifier running every {@link ReplyCheck}.
     *
     * @param validator the trustpoints, CRL source and certificate checks; it is re-configured with the policy's
     *                  limits and kinds
     */
    public McaVerifier(CertificateValidator validator, McaPolicy policy, Trace trace) {
        this(validator, policy, trace, ReplyCheck.ALL);
    }

    /**
     * @param checks the reply checks to run, in their {@link ReplyCheck} order: the gateway runs
     *               {@link ReplyCheck#ALL}; fewer make a lab gateway that does not enforce the others' requirements
     */
    public McaVerifier(CertificateValidator validator, McaPolicy policy, Trace trace, List<ReplyCheck> checks) {
        this.policy = policy;
        this.validator = validator.withPolicy(policy.maxPkcs7Certificates(), policy::kindOf);
        this.trace = trace;
        this.checks = List.copyOf(checks);
    }

    public McaPolicy policy() {
        return policy;
    }

    /**
     * @param info     the saved state of the challenge this reply answers
     * @param reply    the parsed auth-reply
     * @param tlsChain the client certificate chain of the TLS connection the reply came on (leaf first, as
     *                 {@code SSLSession.getPeerCertificates()}), empty when none was presented
     */
    public McaOutcome verify(AuthInfo info, ConfigAuth reply, List<X509Certificate> tlsChain) {
        String handle = info.handle();
        ssl(handle, "Multi cert authentication");
        try {
            return run(info, reply, tlsChain == null ? List.of() : tlsChain);
        } catch (Stop stop) {
            ssl(handle, "Multi cert authentication failed: " + stop.refusal.text());
            return new McaOutcome.Refused(stop.refusal);
        }
    }

    private McaOutcome.Accepted run(AuthInfo info, ConfigAuth reply, List<X509Certificate> tlsChain) throws Stop {
        String handle = info.handle();
        ReplyFacts facts = new ReplyFacts(info, tlsChain);

        // MCA-LIM-1: two certificates, the first one proven by this TLS handshake
        run(ReplyCheck.Stage.TLS, facts);
        if (!tlsChain.isEmpty()) {
            ssl(handle, "First cert came in SSL protocol, len " + derLength(tlsChain.get(0)));
        }
        facts.xmlChains = (reply.certChains() == null ? List.<ClientCertChain>of() : reply.certChains())
                .stream().filter(McaVerifier::carriesCertificate).toList();
        if (facts.xmlChains.isEmpty()) {
            throw new Stop(MCA_LIM_1, "only one certificate: the auth-reply carries no client-cert for the second "
                    + "certificate");
        }
        ClientCertChain chain = facts.xmlChains.get(0);
        facts.chain = chain;
        facts.chosen = chain.hashAlgorithmChosen() == null ? "" : chain.hashAlgorithmChosen();

        // MCA-LIM-1 (one chain), MCA-FLOW-3 (its shape), MCA-LIM-6 (a hash the gateway offered)
        if (chain.hashAlgorithmChosen() != null) {
            xml(handle, "Received attribute hash-algorithm-chosen in XML message from client");
        }
        run(ReplyCheck.Stage.REPLY, facts);

        // MCA-PKI-4: readable signature and PKCS#7
        String signatureText = chain.signatureBase64() == null ? "" : chain.signatureBase64();
        xml(handle, "Base64 Signature (len=" + signatureText.length() + "):");
        byte[] signature = base64(signatureText, "the signature");
        xml(handle, "Successful Base64 signature decode, len " + signature.length);
        facts.userSet = pkcs7(base64(chain.certBase64() == null ? "" : chain.certBase64(), "the user certificate"));

        // MCA-ROB-4 (the init's TLS certificate), MCA-LIM-1 (not the first certificate or key again)
        run(ReplyCheck.Stage.PARSED, facts);

        // the first certificate
        ValidatedCertificate first = tlsChain.isEmpty() ? null : first(facts);
        if (first != null) {
            ssl(handle, "Success loading cert into PKI");
        }

        // the second certificate
        ssl(handle, "Authenticating second cert");
        facts.second = valid(validator.validate(facts.userSet, "user certificate", handle,
                trustpointsOfKind(CertificateKind.USER)));
        run(ReplyCheck.Stage.SECOND, facts);
        ssl(handle, "Certificate Authentication success - verifying signature");

        // MCA-PKI-4 / MCA-LIM-6: the signature over the exact challenge bytes
        facts.signedWith = signedWith(info.savedRequest(), signature, facts.chosen, facts.second.leaf().getPublicKey());
        run(ReplyCheck.Stage.SIGNATURE, facts);
        if (facts.signedWith.isPresent()) {
            ssl(handle, "Signature verify success");
        }

        // MCA-FLOW-6 / MCA-PKI-7: the username comes from the certificate, never from the XML
        Optional<String> supplied = reply.authFields() == null ? Optional.empty()
                : Optional.ofNullable(reply.authFields().get("username")).filter(u -> !u.isBlank());
        supplied.ifPresent(u -> ssl(handle, "Ignoring username '" + u
                + "' supplied in the auth-reply; the username comes from the certificate"));
        String username = username(first, facts.second);
        ssl(handle, "Authorization username = " + username);
        return new McaOutcome.Accepted(username, first, facts.second, facts.chosen);
    }

    private void run(ReplyCheck.Stage stage, ReplyFacts facts) throws Stop {
        for (ReplyCheck check : checks) {
            if (check.stage() == stage) {
                check.check(facts);
            }
        }
    }

    /**
     * The PKCS#7 set's end-entity certificate must be neither the TLS certificate nor another certificate for its
     * public key (openconnect with {@code -c user.pem --mca-certificate user.pem} sends the same certificate twice).
     * A set without exactly one end-entity certificate has no second certificate to compare: the validator refuses
     * it under MCA-PKI-5.
     */
    static void distinct(X509Certificate tlsLeaf, List<X509Certificate> userSet) throws Stop {
        List<X509Certificate> leaves = userSet.stream().filter(c -> c.getBasicConstraints() < 0).distinct().toList();
        if (leaves.size() != 1) {
            return;
        }
        byte[] tlsKey = tlsLeaf.getPublicKey().getEncoded();
        for (X509Certificate c : leaves) {
            if (c.equals(tlsLeaf)) {
                throw new Stop(MCA_LIM_1, "only one certificate: the auth-reply's PKCS#7 carries the TLS client "
                        + "certificate again (" + CertificateText.subject(c) + ", serial " + CertificateText.serial(c)
                        + "); the second certificate must be a different certificate");
            }
            if (Arrays.equals(c.getPublicKey().getEncoded(), tlsKey)) {
                throw new Stop(MCA_LIM_1, "only one key: the auth-reply's certificate " + CertificateText.subject(c)
                        + " has the same public key as the TLS client certificate " + CertificateText.subject(tlsLeaf)
                        + "; the two certificates must have different keys");
            }
        }
    }

    /**
     * The TLS certificate, validated against the trustpoints of the kinds the configuration allows in the TLS
     * position ({@link McaPolicy#tlsKinds()}), whatever the client says it is.
     */
    private ValidatedCertificate first(ReplyFacts facts) throws Stop {
        Set<CertificateKind> allowed = policy.tlsKinds();
        List<String> trustpoints = new ArrayList<>();
        allowed.stream().sorted().forEach(kind -> trustpoints.addAll(trustpointsOfKind(kind)));
        String role = allowed.equals(Set.of(CertificateKind.MACHINE)) ? "machine certificate" : "TLS client certificate";
        facts.first = valid(validator.validate(facts.tlsChain, role, facts.info.handle(), trustpoints));
        facts.tlsKinds = allowed;
        facts.tlsRole = role;
        facts.tlsTrustpoints = trustpoints;
        // a user certificate where a machine one is due is a trustpoint defect (MCA-PKI-1); a machine one where only
        // user certificates are allowed is the group's policy on the received types (MCA-LIM-4)
        run(ReplyCheck.Stage.FIRST, facts);
        return facts.first;
    }

    /** The refusal of a TLS certificate from a trustpoint of a kind the TLS position does not allow. */
    static String wrongTlsKind(ReplyFacts f) {
        return "the " + f.tlsRole + " in the TLS handshake must chain to a " + kinds(f.tlsKinds) + " trustpoint ("
                + (f.tlsTrustpoints.isEmpty() ? "none is configured" : String.join(", ", f.tlsTrustpoints))
                + ") for every client, whatever device-id it sends; it chains to " + lower(f.first.kind())
                + " trustpoint " + f.first.trustpoint();
    }

    private static String kinds(Set<CertificateKind> kinds) {
        return kinds.stream().map(McaVerifier::lower).sorted().collect(Collectors.joining(" or "));
    }

    private List<String> trustpointsOfKind(CertificateKind kind) {
        List<String> names = new ArrayList<>();
        for (TrustpointCa tp : validator.trustpoints()) {
            if (policy.kindOf(tp.name()) == kind) {
                names.add(tp.name());
            }
        }
        return names;
    }

    private static ValidatedCertificate valid(ValidationResult result) throws Stop {
        if (result instanceof ValidationResult.Invalid invalid) {
            throw new Stop(invalid.refusal());
        }
        return ((ValidationResult.Valid) result).certificate();
    }

    /**
     * The digest with which {@code signature} verifies over {@code signed} under {@code key}: the declared one if it
     * does, else the first other that does (to tell "wrong hash declared", MCA-LIM-6, from "bad signature", MCA-PKI-4).
     */
    private static Optional<String> signedWith(byte[] signed, byte[] signature, String chosen, PublicKey key) {
        if (signed == null || signed.length == 0) {
            return Optional.empty();
        }
        if (verifies(chosen, key, signed, signature)) {
            return Optional.of(chosen);
        }
        return DIGEST_ORDER.stream().filter(other -> !other.equals(chosen) && verifies(other, key, signed, signature))
                .findFirst();
    }

    private static boolean verifies(String digest, PublicKey key, byte[] data, byte[] signature) {
        String algorithm = jcaAlgorithm(digest, key);
        if (algorithm == null) {
            return false;
        }
        try {
            Signature s = Signature.getInstance(algorithm);
            s.initVerify(key);
            s.update(data);
            return s.verify(signature);
        } catch (GeneralSecurityException | RuntimeException e) {
            return false;
        }
    }

    /**
     * The JCA name for what the client does with its key (docs/protocol.md §6.4): RSASSA-PKCS1-v1_5 for RSA; ECDSA and
     * DSA only matter in a lab gateway without {@link org.mcalab.gateway.pki.ChainCheck#LIM5_RSA_KEYS}.
     */
    private static String jcaAlgorithm(String digest, PublicKey key) {
        if (key instanceof EdECPublicKey ed) {
            return ed.getParams().getName();
        }
        String d = DIGESTS.get(digest);
        if (d == null) {
            return null;
        }
        if (key instanceof RSAPublicKey) {
            return d + "withRSA";
        }
        if (key instanceof ECPublicKey) {
            return d + "withECDSA";
        }
        if (key instanceof DSAPublicKey) {
            return d + "withDSA";
        }
        return null;
    }

    private String username(ValidatedCertificate first, ValidatedCertificate second) throws Stop {
        UsernameSource source = policy.usernameSource();
        boolean fromFirst = source.certificate() == UsernameSource.Certificate.FIRST && first != null;
        X509Certificate certificate = fromFirst ? first.leaf() : second.leaf();
        Optional<String> name = McaUsername.read(certificate, source.primary());
        if (name.isEmpty() && source.secondary() != null) {
            name = McaUsername.read(certificate, source.secondary());
        }
        return name.orElseThrow(() -> new Stop(MCA_FLOW_6, "the " + (fromFirst ? "first (TLS)" : "second (user)")
                + " certificate has no " + source.primary()
                + (source.secondary() == null ? "" : " or " + source.secondary())
                + " attribute to take the username from"));
    }

    private static List<X509Certificate> pkcs7(byte[] der) throws Stop {
        try {
            CertPath path = CertificateFactory.getInstance("X.509").generateCertPath(new ByteArrayInputStream(der), "PKCS7");
            List<X509Certificate> certificates = new ArrayList<>();
            for (Certificate c : path.getCertificates()) {
                certificates.add((X509Certificate) c);
            }
            return certificates;
        } catch (CertificateException | RuntimeException e) {
            throw new Stop(MCA_PKI_4, "the user certificate is not a readable PKCS#7 certificate set");
        }
    }

    private static byte[] base64(String text, String what) throws Stop {
        try {
            byte[] bytes = Base64.getMimeDecoder().decode(text);
            if (bytes.length == 0) {
                throw new Stop(MCA_PKI_4, what + " is empty");
            }
            return bytes;
        } catch (IllegalArgumentException e) {
            throw new Stop(MCA_PKI_4, what + " is not valid base64");
        }
    }

    private static int derLength(X509Certificate certificate) {
        try {
            return certificate.getEncoded().length;
        } catch (CertificateEncodingException e) {
            return 0;
        }
    }

    private static boolean carriesCertificate(ClientCertChain chain) {
        return chain.certBase64() != null || chain.signatureBase64() != null || chain.certFormat() != null
                || chain.hashAlgorithmChosen() != null;
    }

    private static String lower(CertificateKind kind) {
        return kind.name().toLowerCase(Locale.ROOT);
    }

    private void ssl(String handle, String message) {
        if (trace.enabled(DebugCategory.AGGREGATE_AUTH_SSL)) {
            trace.emit(DebugCategory.AGGREGATE_AUTH_SSL, handle, message);
        }
    }

    private void xml(String handle, String message) {
        if (trace.enabled(DebugCategory.AGGREGATE_AUTH_XML)) {
            trace.emit(DebugCategory.AGGREGATE_AUTH_XML, handle, message);
        }
    }

    /** Ends verification with a refusal; control flow, so no stack trace. */
    static final class Stop extends Exception {
        final Refusal refusal;

        Stop(Requirement requirement, String reason) {
            this(new Refusal(requirement, reason));
        }

        Stop(Refusal refusal) {
            super(refusal.text(), null, false, false);
            this.refusal = refusal;
        }
    }
}
