package org.mcalab.load;

import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.KeyManagerFactorySpi;
import javax.net.ssl.ManagerFactoryParameters;
import org.mcalab.client.ClientIdentity;

/**
 * The client's forced key manager ({@link ClientIdentity#keyManagers()}: presents its one certificate
 * whenever the gateway asks, as openconnect does) wrapped in a {@link KeyManagerFactory}, because that is what
 * Gatling and Netty take.
 */
final class ForcedKeyManager {
    private ForcedKeyManager() {
    }

    static KeyManagerFactory factory(PrivateKey key, List<X509Certificate> chain) {
        KeyManager[] managers = ClientIdentity.of(key, chain).keyManagers();
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
}
