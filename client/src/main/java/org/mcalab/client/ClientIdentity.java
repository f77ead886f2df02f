package org.mcalab.client;

import java.net.Socket;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedKeyManager;

/**
 * The certificate a client presents in the TLS handshake, or none. Like openconnect (GnuTLS
 * {@code GNUTLS_FORCE_CLIENT_CERT}) it is offered whenever the gateway asks, whatever CA names the
 * gateway lists, so a gateway sees rogue and defective certificates too.
 */
public final class ClientIdentity {
    private static final String ALIAS = "client";
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

    public boolean present() {
        return key != null;
    }

    /** The leaf, or null. */
    public X509Certificate certificate() {
        return chain.isEmpty() ? null : chain.get(0);
    }

    /**
     * Key managers that present this certificate whenever the gateway asks, whatever CA names it lists, as
     * openconnect does ({@code GNUTLS_FORCE_CLIENT_CERT}); the load generators wrap them for Gatling and Netty.
     */
    public KeyManager[] keyManagers() {
        return present() ? new KeyManager[] {new ForcedKeyManager()} : new KeyManager[0];
    }

    /** Offers the one certificate for any issuer list, as long as the key type is one the handshake can use. */
    private final class ForcedKeyManager extends X509ExtendedKeyManager {
        private String choose(String[] keyTypes) {
            String algorithm = key.getAlgorithm();
            for (String type : keyTypes) {
                if (type.equalsIgnoreCase(algorithm)
                        || (algorithm.equals("RSA") && type.startsWith("RSA"))
                        || (algorithm.equals("EdDSA") && type.equalsIgnoreCase("Ed25519"))) {
                    return ALIAS;
                }
            }
            return null;
        }

        @Override
        public String chooseClientAlias(String[] keyTypes, Principal[] issuers, Socket socket) {
            return choose(keyTypes);
        }

        @Override
        public String chooseEngineClientAlias(String[] keyTypes, Principal[] issuers, SSLEngine engine) {
            return choose(keyTypes);
        }

        @Override
        public String[] getClientAliases(String keyType, Principal[] issuers) {
            return choose(new String[] {keyType}) == null ? new String[0] : new String[] {ALIAS};
        }

        @Override
        public X509Certificate[] getCertificateChain(String alias) {
            return ALIAS.equals(alias) ? chain.toArray(new X509Certificate[0]) : null;
        }

        @Override
        public PrivateKey getPrivateKey(String alias) {
            return ALIAS.equals(alias) ? key : null;
        }

        @Override
        public String[] getServerAliases(String keyType, Principal[] issuers) {
            return new String[0];
        }

        @Override
        public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
            return null;
        }
    }
}
