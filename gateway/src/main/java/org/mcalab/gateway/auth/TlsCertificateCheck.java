package org.mcalab.gateway.auth;

import java.security.cert.X509Certificate;
import java.util.List;
import org.mcalab.gateway.pki.ValidationResult;

/**
 * Validates a lone TLS client certificate chain, leaf first (the init on an MCA group, certificate-only
 * groups). The gateway wires {@code pki.CertificateValidator} in here; tests may use stubs.
 */
@FunctionalInterface
public interface TlsCertificateCheck {
    /** @param correlation put on trace lines (the client's address:port) */
    ValidationResult check(List<X509Certificate> chain, String correlation);
}
