package org.mcalab.gateway.pki;

import org.mcalab.protocol.Refusal;

/** The verdict of {@link CertificateValidator}: a validated certificate, or the refusal citing the failed requirement. */
public sealed interface ValidationResult {

    record Valid(ValidatedCertificate certificate) implements ValidationResult {}

    record Invalid(Refusal refusal) implements ValidationResult {}
}
