package org.mcalab.gateway.pki;

import java.net.URI;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;

/** Where revocation lists come from. {@link HttpCrlCache} is the real one; tests may supply fixed CRLs. */
public interface CrlSource {

    /** A source that never has a CRL: with {@link RevocationCheck#CRL} every certificate is refused (fail closed). */
    CrlSource NONE = (uri, issuer) -> {
        throw new CrlUnavailableException(uri, "no CRL source configured");
    };

    /**
     * The current CRL published at {@code distributionPoint}, issued and signed by {@code issuer}.
     *
     * @throws CrlUnavailableException when it cannot be fetched, does not parse, is not signed by the issuer,
     *                                 or is past its nextUpdate
     */
    X509CRL crl(URI distributionPoint, X509Certificate issuer) throws CrlUnavailableException;
}
