package org.mcalab.load;

import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslProvider;
import io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.KeyManagerFactorySpi;
import javax.net.ssl.ManagerFactoryParameters;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedKeyManager;

/**
 * One client TLS context for thousands of tunnels, each presenting its own machine certificate: the key manager
 * picks the identity by the {@link SSLEngine} asking (registered when the handler is made), so no per-tunnel
 * SslContext is built (with OpenSSL that would cost native memory per tunnel).
 */
final class TunnelKeys {
    private final Map<SSLEngine, LoadIdentity> byEngine = new ConcurrentHashMap<>();
    private final Map<String, LoadIdentity> byAlias = new ConcurrentHashMap<>();
    private final SslContext context;
    private final String engineName;

    TunnelKeys(boolean openSsl, Path caBundle) throws IOException {
        // OpenSSL when asked for and netty-tcnative loads on this platform; the JDK engine otherwise
        SslProvider provider = openSsl && OpenSsl.isAvailable() ? SslProvider.OPENSSL : SslProvider.JDK;
        this.engineName = provider == SslProvider.OPENSSL ? "openssl" : "jdk";
        try {
            context = SslContextBuilder.forClient()
                    .sslProvider(provider)
                    .protocols("TLSv1.3", "TLSv1.2")
                    .keyManager(new KeyManagerFactory(new Spi(new PerEngine()), null, "mcalab-per-engine") { })
                    .trustManager(caBundle == null ? InsecureTrustManagerFactory.INSTANCE : trust(caBundle))
                    .build();
        } catch (SSLException e) {
            throw new IOException("cannot set up client TLS: " + e.getMessage(), e);
        }
    }

    String engineName() {
        return engineName;
    }

    /**
     * A client handler for one tunnel. No peer host is given on purpose: the TLS session cache is keyed by host and
     * port, and a resumed session would show the gateway the certificate of the tunnel that opened it, not this
     * tunnel's own (every tunnel must do a full handshake with its own machine certificate, as openconnect does).
     */
    SslHandler newHandler(ByteBufAllocator alloc, LoadIdentity identity) {
        SslHandler handler = context.newHandler(alloc);
        byAlias.putIfAbsent(alias(identity), identity);
        byEngine.put(handler.engine(), identity);
        handler.handshakeFuture().addListener(f -> byEngine.remove(handler.engine()));
        return handler;
    }

    private static String alias(LoadIdentity identity) {
        return "id-" + identity.index();
    }

    private static TrustManagerFactory trust(Path pem) throws IOException {
        try (InputStream in = Files.newInputStream(pem)) {
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            int i = 0;
            for (Certificate c : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                store.setCertificateEntry("ca" + i++, c);
            }
            TrustManagerFactory f = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            f.init(store);
            return f;
        } catch (java.security.GeneralSecurityException e) {
            throw new IOException("cannot read CA bundle " + pem + ": " + e.getMessage(), e);
        }
    }

    private static final class Spi extends KeyManagerFactorySpi {
        private final KeyManager[] managers;

        Spi(KeyManager manager) {
            this.managers = new KeyManager[] {manager};
        }

        @Override
        protected void engineInit(KeyStore ks, char[] password) {
        }

        @Override
        protected void engineInit(ManagerFactoryParameters spec) {
        }

        @Override
        protected KeyManager[] engineGetKeyManagers() {
            return managers;
        }
    }

    /** Offers the engine's identity whatever CA names the gateway lists (openconnect forces its certificate too). */
    private final class PerEngine extends X509ExtendedKeyManager {
        @Override
        public String chooseEngineClientAlias(String[] keyTypes, Principal[] issuers, SSLEngine engine) {
            LoadIdentity id = byEngine.get(engine);
            return id == null ? null : alias(id);
        }

        @Override
        public String chooseClientAlias(String[] keyTypes, Principal[] issuers, Socket socket) {
            return null;
        }

        @Override
        public String[] getClientAliases(String keyType, Principal[] issuers) {
            return byAlias.keySet().toArray(new String[0]);
        }

        @Override
        public X509Certificate[] getCertificateChain(String alias) {
            LoadIdentity id = byAlias.get(alias);
            return id == null ? null : id.machineChain().toArray(new X509Certificate[0]);
        }

        @Override
        public PrivateKey getPrivateKey(String alias) {
            LoadIdentity id = byAlias.get(alias);
            return id == null ? null : id.machineKey();
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
