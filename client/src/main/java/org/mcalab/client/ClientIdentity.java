package org.mcalab.client;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import org.mcalab.fixtures.Credential;

/**
 * The certificate a client presents in the TLS handshake, or none; {@link ClientTls} offers it whenever the gateway
 * asks. Compared by identity: one instance per simulated client.
 */
public final class ClientIdentity {
    private static final ClientIdentity NONE = new ClientIdentity(null, List.of());

    private final PrivateKey key;
    private final List<X509Certificate> chain;

    private ClientIdentity(PrivateKey key, List<X509Certificate> chain) {
        this.key = key;
        this.chain = List.copyOf(chain);
    }

    public static ClientIdentity none() {
        return NONE;
    }

    /** @param chain the leaf first, then intermediates (no root), as openconnect sends it */
    public static ClientIdentity of(PrivateKey key, List<X509Certificate> chain) {
        if (chain.isEmpty()) {
            throw new IllegalArgumentException("a client identity needs at least its own certificate");
        }
        return new ClientIdentity(key, chain);
    }

    /** A minted credential's key and chain; null means none. */
    public static ClientIdentity of(Credential credential) {
        return credential == null ? NONE : of(credential.privateKey(), credential.chain());
    }

    public boolean present() {
        return key != null;
    }

    /** The leaf, or null. */
    public X509Certificate certificate() {
        return chain.isEmpty() ? null : chain.get(0);
    }

    PrivateKey key() {
        return key;
    }

    List<X509Certificate> chain() {
        return chain;
    }
}
