package org.mcalab.gateway.pki;

/**
 * A trustpoint's {@code revocation-check}. Only CRLs are implemented; OCSP is not part of the seed.
 */
public enum RevocationCheck {
    /** No revocation check (the ASA default when {@code crl configure} / {@code revocation-check crl} is absent). */
    NONE,
    /**
     * {@code revocation-check crl}: the status must be known. A revoked certificate is refused, and so is one whose
     * CRL cannot be fetched or verified (fail closed, MCA-PKI-3).
     */
    CRL,
    /**
     * {@code revocation-check crl none}: a revoked certificate is still refused, but when the CRL is unavailable the
     * certificate is accepted with a trace warning ("valid cert with warning").
     */
    CRL_OR_NONE;

    /**
     * @param crl            the trustpoint checks CRLs
     * @param noneAsFallback {@code none} follows {@code crl} in its revocation-check list
     */
    public static RevocationCheck of(boolean crl, boolean noneAsFallback) {
        if (!crl) {
            return NONE;
        }
        return noneAsFallback ? CRL_OR_NONE : CRL;
    }
}
