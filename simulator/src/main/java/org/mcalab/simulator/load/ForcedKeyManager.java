package org.mcalab.simulator.load;

import java.net.Socket;
import java.security.KeyStore;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.KeyManagerFactorySpi;
import javax.net.ssl.ManagerFactoryParameters;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedKeyManager;

/**
 * Presents one certificate whenever the gateway asks, whatever CA names it lists, as openconnect does
 * ({@code GNUTLS_FORCE_CLIENT_CERT}); the JDK's own key managers would stay silent when the gateway's CA list does
 * not name the issuer. Wrapped in a {@link KeyManagerFactory} because that is what Gatling and Netty take.
 */
final class ForcedKeyManager extends X509ExtendedKeyManager {
    private static final String ALIAS = "client";

    private final PrivateKey key;
    private final X509Certificate[] chain;

    private ForcedKeyManager(PrivateKey key, List<X509Certificate> chain) {
        this.key = key;
        this.chain = chain.toArray(new X509Certificate[0]);
    }

    static KeyManagerFactory factory(PrivateKey key, List<X509Certificate> chain) {
        KeyManager[] managers = {new ForcedKeyManager(key, chain)};
        return new KeyManagerFactory(new KeyManagerFactorySpi() {
            @Override
            protected void engineInit(KeyStore ks, char[] password) {
                // already holds its one key
            }

            @Override
            protected void engineInit(ManagerFactoryParameters spec) {
                // already holds its one key
            }

            @Override
            protected KeyManager[] engineGetKeyManagers() {
                return managers;
            }
        }, null, "mcalab-forced") { };
    }

    private String choose(String[] keyTypes) {
        String algorithm = key.getAlgorithm();
        for (String type : keyTypes) {
            if (type.equalsIgnoreCase(algorithm) || (algorithm.equals("RSA") && type.startsWith("RSA"))) {
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
        return ALIAS.equals(alias) ? chain.clone() : null;
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
