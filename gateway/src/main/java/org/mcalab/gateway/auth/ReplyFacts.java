package org.mcalab.gateway.auth;

import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.mcalab.gateway.pki.ValidatedCertificate;
import org.mcalab.gateway.pki.ValidatedCertificate.CertificateKind;
import org.mcalab.protocol.xml.ConfigAuth.ClientCertChain;

/**
 * What {@link McaVerifier} knows of one auth-reply when a {@link ReplyCheck} runs. The verifier fills the fields in
 * the order of {@link ReplyCheck.Stage}; a check reads only what its stage has (the rest is still null). One per
 * verification, never shared.
 */
final class ReplyFacts {
    final AuthInfo info;
    /** the TLS connection's client chain, leaf first; empty when none was presented */
    final List<X509Certificate> tlsChain;
    /** REPLY: the auth-reply's client-cert chains that carry anything, at least one */
    List<ClientCertChain> xmlChains;
    /** REPLY: the first of them, the second certificate */
    ClientCertChain chain;
    /** REPLY: hash-algorithm-chosen, "" when absent */
    String chosen;
    /** PARSED: the PKCS#7 certificate set */
    List<X509Certificate> userSet;
    /** FIRST: the validated TLS certificate, the kinds allowed in the TLS position and how refusals name it */
    ValidatedCertificate first;
    Set<CertificateKind> tlsKinds;
    String tlsRole;
    List<String> tlsTrustpoints;
    /** SECOND: the validated PKCS#7 certificate */
    ValidatedCertificate second;
    /** SIGNATURE: the digest the signature over the saved request verifies with, the declared one tried first */
    Optional<String> signedWith;

    ReplyFacts(AuthInfo info, List<X509Certificate> tlsChain) {
        this.info = info;
        this.tlsChain = tlsChain;
    }
}
