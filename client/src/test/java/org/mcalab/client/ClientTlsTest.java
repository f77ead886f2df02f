package org.mcalab.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.mcalab.fixtures.HeldCertificate;

/**
 * Client TLS against a loopback server that asks for a certificate and names only its own CA: the client's
 * certificate is offered anyway (openconnect forces it), none is offered for {@link ClientIdentity#none()}, a CA
 * bundle refuses a gateway it does not vouch for, and the insecure mode accepts it.
 */
class ClientTlsTest {
    static final HeldCertificate GATEWAY_CA = HeldCertificate.builder().subject("cn=gateway ca").ec("secp256r1").certificateAuthority(0).build();
    static final HeldCertificate GATEWAY = HeldCertificate.builder().subject("cn=gateway").issuedBy(GATEWAY_CA)
            .serverAuth().subjectAlternativeName("127.0.0.1").ec("secp256r1").build();
    static final HeldCertificate NAMED_CA = HeldCertificate.builder().subject("cn=the only ca the gateway names")
            .ec("secp256r1").certificateAuthority(0).build();
    static final HeldCertificate ROGUE_CA = HeldCertificate.builder().subject("cn=rogue ca").ec("secp256r1").certificateAuthority(0).build();
    static final HeldCertificate ROGUE = HeldCertificate.builder().subject("cn=rogue machine").issuedBy(ROGUE_CA)
            .clientAuth().ec("secp256r1").build();

    @Test
    void offersItsCertificateWhateverCaTheGatewayNames() throws Exception {
        ClientTls tls = ClientTls.of(GatewayTrust.certificates(List.of(GATEWAY_CA.certificate())),
                ClientIdentity.of(ROGUE.privateKey(), List.of(ROGUE.certificate())));
        Certificate[] seen = handshake(tls);
        assertThat(seen).isNotNull();
        assertThat(((X509Certificate) seen[0]).getSubjectX500Principal().getName()).isEqualTo("CN=rogue machine");
    }

    @Test
    void offersNothingWithoutAnIdentity() throws Exception {
        ClientTls tls = ClientTls.of(GatewayTrust.certificates(List.of(GATEWAY_CA.certificate())), ClientIdentity.none());
        assertThat(handshake(tls)).isNull();
    }

    @Test
    void aCaBundleRefusesAGatewayItDoesNotVouchFor() {
        ClientTls tls = ClientTls.of(GatewayTrust.certificates(List.of(ROGUE_CA.certificate())), ClientIdentity.none());
        assertThatThrownBy(() -> handshake(tls)).isInstanceOf(SSLHandshakeException.class);
    }

    @Test
    void insecureTrustAcceptsAnyGateway() throws Exception {
        ClientTls tls = ClientTls.of(GatewayTrust.insecure(), ClientIdentity.none());
        assertThat(handshake(tls)).isNull();
    }

    @Test
    void upToCapsTheProtocol() throws Exception {
        ClientTls tls = ClientTls.of(GatewayTrust.insecure(), ClientIdentity.none()).upTo("TLSv1.2");
        try (SSLServerSocket server = server(); SSLSocket client = connect(tls, server)) {
            CompletableFuture<String> accepted = CompletableFuture.supplyAsync(() -> accept(server).getSession().getProtocol());
            client.startHandshake();
            assertThat(client.getSession().getProtocol()).isEqualTo("TLSv1.2");
            accepted.get(10, TimeUnit.SECONDS);
        }
    }

    /** The client certificates the server saw (null: none), after a full handshake. */
    private static Certificate[] handshake(ClientTls tls) throws Exception {
        try (SSLServerSocket server = server(); SSLSocket client = connect(tls, server)) {
            CompletableFuture<Certificate[]> seen = CompletableFuture.supplyAsync(() -> {
                SSLSocket s = accept(server);
                try {
                    return s.getSession().getPeerCertificates();
                } catch (SSLPeerUnverifiedException none) {
                    return null;
                }
            });
            client.startHandshake();
            client.getInputStream().available();
            return seen.get(10, TimeUnit.SECONDS);
        }
    }

    private static SSLSocket connect(ClientTls tls, SSLServerSocket server) throws IOException {
        SSLSocket client = (SSLSocket) tls.sslContext().getSocketFactory()
                .createSocket(InetAddress.getLoopbackAddress(), server.getLocalPort());
        client.setEnabledProtocols(tls.protocols());
        client.setSoTimeout(10_000);
        return client;
    }

    private static SSLSocket accept(SSLServerSocket server) {
        try {
            SSLSocket s = (SSLSocket) server.accept();
            s.setSoTimeout(10_000);
            s.startHandshake();
            return s;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Wants a client certificate and names only {@link #NAMED_CA}; accepts whatever is presented. */
    private static SSLServerSocket server() throws Exception {
        KeyStore keys = KeyStore.getInstance("PKCS12");
        keys.load(null, null);
        keys.setKeyEntry("gw", GATEWAY.privateKey(), new char[0], new Certificate[] {GATEWAY.certificate()});
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(keys, new char[0]);
        KeyStore named = KeyStore.getInstance("PKCS12");
        named.load(null, null);
        named.setCertificateEntry("ca", NAMED_CA.certificate());
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(named);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(kmf.getKeyManagers(), new javax.net.ssl.TrustManager[] {new AcceptAnyClient(tmf)}, null);
        SSLServerSocket server = (SSLServerSocket) context.getServerSocketFactory()
                .createServerSocket(0, 1, InetAddress.getLoopbackAddress());
        server.setWantClientAuth(true);
        return server;
    }

    /** Names the CA of the real trust manager in the CertificateRequest, but lets any certificate through. */
    private static final class AcceptAnyClient implements javax.net.ssl.X509TrustManager {
        private final javax.net.ssl.X509TrustManager named;

        AcceptAnyClient(TrustManagerFactory tmf) {
            this.named = (javax.net.ssl.X509TrustManager) tmf.getTrustManagers()[0];
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
            // the test looks at what was offered, not whether it is valid
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
            throw new UnsupportedOperationException("server side only");
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return named.getAcceptedIssuers();
        }
    }
}
