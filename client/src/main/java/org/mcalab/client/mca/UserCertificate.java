package org.mcalab.client.mca;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;
import org.mcalab.fixtures.Credential;

/**
 * The second MCA certificate, proven in XML (store 1U): its chain goes into the reply's PKCS#7, its key signs the
 * challenge.
 *
 * @param chain the leaf first, then intermediates, no root (what openconnect puts into the PKCS#7)
 */
public record UserCertificate(PrivateKey key, List<X509Certificate> chain) {
    public UserCertificate {
        Objects.requireNonNull(key, "key");
        chain = List.copyOf(chain);
        if (chain.isEmpty()) {
            throw new IllegalArgumentException("a user certificate needs at least its own certificate");
        }
    }

    /** A minted credential's key and chain; null stays null (no certificate proven in XML). */
    public static UserCertificate of(Credential credential) {
        return credential == null ? null : new UserCertificate(credential.privateKey(), credential.chain());
    }
}
