package org.mcalab.client;

import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.KeyManagerFactorySpi;
import javax.net.ssl.ManagerFactoryParameters;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import javax.net.ssl.X509ExtendedKeyManager;

/**
 * The client side of TLS, set up in one place (okhttp-tls's {@code HandshakeCertificates} idea): how the gateway's
 * certificate is trusted ({@link GatewayTrust}) and which certificate the client presents ({@link ClientIdentity}),
 * turned into the JDK {@link SSLContext}, Netty {@link SslContext} or {@link KeyManagerFactory} a connection takes.
 * The certificate is offered whenever the gateway asks, whatever CA names it lists, as openconnect does (GnuTLS
 * {@code GNUTLS_FORCE_CLIENT_CERT}), so a gateway sees rogue and defective certificates too.
 */
public final class ClientTls {
    /** What openconnect 9.01 offers. */
    private static final String[] PROTOCOLS = {"TLSv1.3", "TLSv1.2"};
    private static final SecureRandom RANDOM = new SecureRandom();

    private final GatewayTrust trust;
    private final Function<SSLEngine, ClientIdentity> identity;
    private final String maxProtocol;

    private ClientTls(GatewayTrust trust, Function<SSLEngine, ClientIdentity> identity, String maxProtocol) {
        this.trust = trust;
        this.identity = identity;
        this.maxProtocol = maxProtocol;
    }

    /** Trusts the gateway by {@code trust} and presents {@code identity} (or nothing: {@link ClientIdentity#none()}). */
    public static ClientTls of(GatewayTrust trust, ClientIdentity identity) {
        return new ClientTls(trust, engine -> identity, null);
    }

    /**
     * One context for thousands of connections, each presenting its own certificate: {@code byEngine} names the
     * identity of the engine asking (null: none). With OpenSSL a context per connection would cost native memory.
     */
    public static ClientTls perEngine(GatewayTrust trust, Function<SSLEngine, ClientIdentity> byEngine) {
        return new ClientTls(trust, byEngine, null);
    }

    /** The same, offering at most {@code protocol} (e.g. "TLSv1.2", to see a gateway's floor). */
    public ClientTls upTo(String protocol) {
        return new ClientTls(trust, identity, protocol);
    }

    public GatewayTrust trust() {
        return trust;
    }

    /**
     * A new JDK context. Each call makes its own, so nothing is resumed across contexts: each handshake shows the
     * gateway the certificate of that connection.
     */
    public SSLContext sslContext() {
        try {
            SSLContext context = SSLContext.getInstance(maxProtocol == null ? "TLS" : maxProtocol);
            context.init(new KeyManager[] {new ForcedKeyManager(identity)}, trust.factory().getTrustManagers(), RANDOM);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK has no TLS client: " + e.getMessage(), e);
        }
    }

    /** The protocols a socket or engine from {@link #sslContext()} should enable. */
    public String[] protocols() {
        return maxProtocol == null ? PROTOCOLS.clone() : new String[] {maxProtocol};
    }

    /** A Netty client context ({@link SslProvider#OPENSSL} when the load generator asks and tcnative loads). */
    public SslContext nettyContext(SslProvider provider) throws SSLException {
        return SslContextBuilder.forClient()
                .sslProvider(provider)
                .protocols(protocols())
                .keyManager(keyManagerFactory(identity))
                .trustManager(trust.factory())
                .build();
    }

    /** The key side alone, for clients that take a factory and trust on their own (Gatling's per-user key managers). */
    public static KeyManagerFactory keyManagerFactory(ClientIdentity identity) {
        return keyManagerFactory(engine -> identity);
    }

    private static KeyManagerFactory keyManagerFactory(Function<SSLEngine, ClientIdentity> identity) {
        KeyManager[] managers = {new ForcedKeyManager(identity)};
        return new KeyManagerFactory(new KeyManagerFactorySpi() {
            @Override
            protected void engineInit(KeyStore ks, char[] password) {
                // holds its identities already
            }

            @Override
            protected void engineInit(ManagerFactoryParameters spec) {
                // holds its identities already
            }

            @Override
            protected KeyManager[] engineGetKeyManagers() {
                return managers;
            }
        }, null, "mcalab-forced") { };
    }

    /** Offers the identity of the connection for any issuer list, as long as its key type is one the handshake can use. */
    private static final class ForcedKeyManager extends X509ExtendedKeyManager {
        private final Function<SSLEngine, ClientIdentity> identity;
        private final Map<ClientIdentity, String> aliases = new ConcurrentHashMap<>();
        private final Map<String, ClientIdentity> byAlias = new ConcurrentHashMap<>();
        private final AtomicLong next = new AtomicLong();

        ForcedKeyManager(Function<SSLEngine, ClientIdentity> identity) {
            this.identity = identity;
        }

        private String choose(String[] keyTypes, SSLEngine engine) {
            ClientIdentity id = identity.apply(engine);
            if (id == null || !id.present() || !fits(id.key().getAlgorithm(), keyTypes)) {
                return null;
            }
            return aliases.computeIfAbsent(id, i -> {
                String alias = "client-" + next.incrementAndGet();
                byAlias.put(alias, i);
                return alias;
            });
        }

        private static boolean fits(String algorithm, String[] keyTypes) {
            for (String type : keyTypes) {
                if (type.equalsIgnoreCase(algorithm)
                        || (algorithm.equals("RSA") && type.startsWith("RSA"))
                        || (algorithm.equals("EdDSA") && type.equalsIgnoreCase("Ed25519"))) {
                    return true;
                }
            }
            return false;
        }

        @Override
        public String chooseClientAlias(String[] keyTypes, Principal[] issuers, Socket socket) {
            return choose(keyTypes, null);
        }

        @Override
        public String chooseEngineClientAlias(String[] keyTypes, Principal[] issuers, SSLEngine engine) {
            return choose(keyTypes, engine);
        }

        @Override
        public String[] getClientAliases(String keyType, Principal[] issuers) {
            return byAlias.keySet().toArray(new String[0]);
        }

        @Override
        public X509Certificate[] getCertificateChain(String alias) {
            ClientIdentity id = alias == null ? null : byAlias.get(alias);
            return id == null ? null : id.chain().toArray(new X509Certificate[0]);
        }

        @Override
        public PrivateKey getPrivateKey(String alias) {
            ClientIdentity id = alias == null ? null : byAlias.get(alias);
            return id == null ? null : id.key();
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
