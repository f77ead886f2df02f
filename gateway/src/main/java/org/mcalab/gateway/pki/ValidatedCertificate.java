package org.mcalab.gateway.pki;

import java.security.cert.X509Certificate;
import java.util.List;

/**
 * A certificate that passed validation: its path to a trustpoint and what kind it is.
 *
 * @param chain     leaf first, up to (not including) the trust anchor
 * @param trustpoint name of the ASA trustpoint it chains to (e.g. "MachineCA")
 */
public record ValidatedCertificate(X509Certificate leaf, List<X509Certificate> chain, String trustpoint, CertificateKind kind) {
    public enum CertificateKind { MACHINE, USER }
}
