package org.mcalab.gateway.config;

import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;

/**
 * {@code crypto ca trustpoint NAME} joined with its {@code crypto ca certificate chain NAME}.
 *
 * @param revocationCheck     methods in order; empty means no revocation check (the ASA default)
 * @param caCertificates      decoded {@code certificate ca} entries; a block whose hex does not decode is
 *                            left out (with a warning), so this may be empty
 * @param identityCertificate the plain {@code certificate} entry: the gateway's own certificate, used by
 *                            {@code ssl trust-point}
 */
public record Trustpoint(String name, Optional<String> enrollment, List<RevocationMethod> revocationCheck,
                         Optional<String> keypair, Optional<String> subjectName, Optional<String> fqdn,
                         List<X509Certificate> caCertificates, Optional<X509Certificate> identityCertificate) {

    public Trustpoint {
        revocationCheck = List.copyOf(revocationCheck);
        caCertificates = List.copyOf(caCertificates);
    }

    public boolean checksCrl() {
        return revocationCheck.contains(RevocationMethod.CRL);
    }

    public boolean hasCaCertificate() {
        return !caCertificates.isEmpty();
    }
}
