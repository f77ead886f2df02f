package org.mcalab.gateway.dtls;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.security.KeyStore;
import java.security.Provider;
import java.security.SecureRandom;
import java.util.Optional;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.TrustManagerFactory;
import org.bouncycastle.jsse.provider.BouncyCastleJsseProvider;
import org.junit.jupiter.api.Test;
import org.mcalab.fixtures.HeldCertificate;

/** Which TLS engine can export the PSK-NEGOTIATE key (the answer decides whether PSK-NEGOTIATE is offered). */
class PskExporterTest {
    private static final HeldCertificate SERVER = HeldCertificate.builder().subject("CN=gateway").ec("secp256r1")
            .serverAuth().build();

    @Test
    void bcjsseNeverExportsThroughAnSslEngine() throws Exception {
        // BC 1.83 wipes the exporter secret when the handshake completes; its session API is a stub.
        SSLEngine[] pair = handshake(new BouncyCastleJsseProvider(), "TLSv1.3");
        assertThat(pair[1].getSession().getProtocol()).isEqualTo("TLSv1.3");
        assertThat(PskExporter.export(pair[1])).isEmpty();
    }

    @Test
    void sunJsseExportsOverTls13FromJdk25AndBothEndsAgree() throws Exception {
        SSLEngine[] pair = handshake(null, "TLSv1.3");
        Optional<byte[]> server = PskExporter.export(pair[1]);
        assertThat(server.isPresent()).isEqualTo(Runtime.version().feature() >= 25);
        assertThat(PskExporter.available()).isEqualTo(server.isPresent());
        if (server.isPresent()) {
            assertThat(server.get()).hasSize(32).isEqualTo(PskExporter.export(pair[0]).orElseThrow());
            SSLEngine[] other = handshake(null, "TLSv1.3");
            assertThat(PskExporter.export(other[1]).orElseThrow()).isNotEqualTo(server.get());
        }
    }

    @Test
    void tls12SessionsNeverExport() throws Exception {
        assertThat(PskExporter.export(handshake(null, "TLSv1.2")[1])).isEmpty();
        assertThat(PskExporter.export(handshake(new BouncyCastleJsseProvider(), "TLSv1.2")[1])).isEmpty();
    }

    /** An in-memory handshake; returns {client, server}. A null provider means the JDK's SunJSSE. */
    private static SSLEngine[] handshake(Provider provider, String protocol) throws Exception {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        ks.setKeyEntry("gw", SERVER.privateKey(), "pw".toCharArray(),
                new java.security.cert.Certificate[] {SERVER.certificate()});
        KeyStore ts = KeyStore.getInstance("PKCS12");
        ts.load(null, null);
        ts.setCertificateEntry("gw", SERVER.certificate());
        KeyManagerFactory kmf = provider == null ? KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm())
                : KeyManagerFactory.getInstance("PKIX", provider);
        kmf.init(ks, "pw".toCharArray());
        TrustManagerFactory tmf = provider == null ? TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm())
                : TrustManagerFactory.getInstance("PKIX", provider);
        tmf.init(ts);
        SSLContext ctx = provider == null ? SSLContext.getInstance("TLS") : SSLContext.getInstance("TLS", provider);
        ctx.init(kmf.getKeyManagers(), tmf.getTrustManagers(), new SecureRandom());
        SSLEngine client = ctx.createSSLEngine("gateway", 443);
        client.setUseClientMode(true);
        client.setEnabledProtocols(new String[] {protocol});
        SSLEngine server = ctx.createSSLEngine();
        server.setUseClientMode(false);
        server.setEnabledProtocols(new String[] {protocol});

        int size = 64 * 1024;
        ByteBuffer c2s = ByteBuffer.allocate(size);
        ByteBuffer s2c = ByteBuffer.allocate(size);
        ByteBuffer sink = ByteBuffer.allocate(size);
        ByteBuffer empty = ByteBuffer.allocate(0);
        client.beginHandshake();
        server.beginHandshake();
        for (int i = 0; i < 200 && !(done(client) && done(server)); i++) {
            step(client, empty, c2s, s2c, sink);
            step(server, empty, s2c, c2s, sink);
        }
        assertThat(done(client) && done(server)).as("handshake finished").isTrue();
        return new SSLEngine[] {client, server};
    }

    private static boolean done(SSLEngine e) {
        SSLEngineResult.HandshakeStatus s = e.getHandshakeStatus();
        return s == SSLEngineResult.HandshakeStatus.NOT_HANDSHAKING || s == SSLEngineResult.HandshakeStatus.FINISHED;
    }

    private static void step(SSLEngine e, ByteBuffer empty, ByteBuffer out, ByteBuffer in, ByteBuffer sink)
            throws Exception {
        while (true) {
            SSLEngineResult.HandshakeStatus hs = e.getHandshakeStatus();
            if (hs == SSLEngineResult.HandshakeStatus.NEED_TASK) {
                Runnable t;
                while ((t = e.getDelegatedTask()) != null) {
                    t.run();
                }
            } else if (hs == SSLEngineResult.HandshakeStatus.NEED_WRAP) {
                e.wrap(empty, out);
            } else if (hs == SSLEngineResult.HandshakeStatus.NEED_UNWRAP && in.position() > 0) {
                in.flip();
                SSLEngineResult r = e.unwrap(in, sink);
                in.compact();
                if (r.getStatus() == SSLEngineResult.Status.BUFFER_UNDERFLOW || r.bytesConsumed() == 0) {
                    return;
                }
            } else {
                return;
            }
        }
    }
}
