package org.mcalab.gateway.dtls;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.bouncycastle.tls.AbstractTlsClient;
import org.bouncycastle.tls.AlertDescription;
import org.bouncycastle.tls.BasicTlsPSKIdentity;
import org.bouncycastle.tls.CipherSuite;
import org.bouncycastle.tls.DTLSClientProtocol;
import org.bouncycastle.tls.DTLSTransport;
import org.bouncycastle.tls.DatagramTransport;
import org.bouncycastle.tls.PSKTlsClient;
import org.bouncycastle.tls.ProtocolVersion;
import org.bouncycastle.tls.SessionParameters;
import org.bouncycastle.tls.TlsAuthentication;
import org.bouncycastle.tls.TlsClient;
import org.bouncycastle.tls.TlsFatalAlert;
import org.bouncycastle.tls.TlsSession;
import org.bouncycastle.tls.TlsUtils;
import org.bouncycastle.tls.UDPTransport;
import org.bouncycastle.tls.crypto.TlsCrypto;
import org.bouncycastle.tls.crypto.impl.jcajce.JcaTlsCryptoProvider;

/** A BouncyCastle DTLS client behaving like openconnect on the wire (session id = Session-ID / App-ID, no EMS). */
final class TestDtlsClient implements AutoCloseable {
    private static final TlsCrypto CRYPTO = new JcaTlsCryptoProvider().create(new SecureRandom());

    final DatagramSocket socket;
    final RecordingTransport wire;
    final DTLSTransport dtls;

    private TestDtlsClient(DatagramSocket socket, RecordingTransport wire, DTLSTransport dtls) {
        this.socket = socket;
        this.wire = wire;
        this.dtls = dtls;
    }

    static TestDtlsClient legacy(InetSocketAddress server, DtlsParameters p) throws IOException {
        return connect(server, new LegacyClient(p.suite().code(), p.id(), p.secret()));
    }

    static TestDtlsClient psk(InetSocketAddress server, byte[] appId, byte[] psk) throws IOException {
        return connect(server, new PskClient(appId, psk));
    }

    private static TestDtlsClient connect(InetSocketAddress server, TlsClient client) throws IOException {
        DatagramSocket socket = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0));
        try {
            socket.connect(server);
            RecordingTransport wire = new RecordingTransport(new UDPTransport(socket, 16 * 1024));
            DTLSTransport dtls = new DTLSClientProtocol().connect(client, wire);
            return new TestDtlsClient(socket, wire, dtls);
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    void send(int type, byte[] payload) throws IOException {
        byte[] r = new byte[1 + payload.length];
        r[0] = (byte) type;
        System.arraycopy(payload, 0, r, 1, payload.length);
        dtls.send(r, 0, r.length);
    }

    /** The next record (type byte first), or null on timeout. */
    byte[] receive(int millis) throws IOException {
        byte[] buf = new byte[16 * 1024];
        int n = dtls.receive(buf, 0, buf.length, millis);
        return n < 0 ? null : Arrays.copyOf(buf, n);
    }

    /** Sends raw bytes from the client's own address (for replays and garbage). */
    void sendRaw(byte[] datagram) throws IOException {
        socket.send(new DatagramPacket(datagram, datagram.length));
    }

    InetSocketAddress localAddress() {
        return (InetSocketAddress) socket.getLocalSocketAddress();
    }

    @Override
    public void close() {
        socket.close();
    }

    /** Keeps a copy of every datagram the client sent, so a test can replay one. */
    static final class RecordingTransport implements DatagramTransport {
        private final DatagramTransport inner;
        final List<byte[]> sent = new ArrayList<>();

        RecordingTransport(DatagramTransport inner) {
            this.inner = inner;
        }

        @Override
        public int getReceiveLimit() throws IOException {
            return inner.getReceiveLimit();
        }

        @Override
        public int receive(byte[] buf, int off, int len, int waitMillis) throws IOException {
            return inner.receive(buf, off, len, waitMillis);
        }

        @Override
        public int getSendLimit() throws IOException {
            return inner.getSendLimit();
        }

        @Override
        public synchronized void send(byte[] buf, int off, int len) throws IOException {
            sent.add(Arrays.copyOfRange(buf, off, off + len));
            inner.send(buf, off, len);
        }

        synchronized byte[] last() {
            return sent.get(sent.size() - 1);
        }

        @Override
        public void close() throws IOException {
            inner.close();
        }
    }

    private static TlsSession session(byte[] id, int suite, byte[] masterSecret) {
        return TlsUtils.importSession(id, new SessionParameters.Builder().setCipherSuite(suite)
                .setMasterSecret(CRYPTO.createSecret(masterSecret)).setNegotiatedVersion(ProtocolVersion.DTLSv12)
                .setExtendedMasterSecret(false).build());
    }

    private static final class LegacyClient extends AbstractTlsClient {
        private final int suite;
        private final byte[] id;
        private final byte[] masterSecret;

        LegacyClient(int suite, byte[] id, byte[] masterSecret) {
            super(CRYPTO);
            this.suite = suite;
            this.id = id;
            this.masterSecret = masterSecret;
        }

        @Override
        protected ProtocolVersion[] getSupportedVersions() {
            return ProtocolVersion.DTLSv12.only();
        }

        @Override
        protected int[] getSupportedCipherSuites() {
            return new int[] {suite};
        }

        @Override
        public TlsSession getSessionToResume() {
            return session(id, suite, masterSecret);
        }

        @Override
        public boolean allowLegacyResumption() {
            return true;
        }

        @Override
        public boolean shouldUseExtendedMasterSecret() {
            return false;
        }

        @Override
        public int getHandshakeTimeoutMillis() {
            return 3000;
        }

        @Override
        public TlsAuthentication getAuthentication() throws IOException {
            throw new TlsFatalAlert(AlertDescription.handshake_failure, "server did not resume");
        }
    }

    private static final class PskClient extends PSKTlsClient {
        private final byte[] appId;

        PskClient(byte[] appId, byte[] psk) {
            super(CRYPTO, new BasicTlsPSKIdentity("psk", psk));
            this.appId = appId;
        }

        @Override
        protected ProtocolVersion[] getSupportedVersions() {
            return ProtocolVersion.DTLSv12.downTo(ProtocolVersion.DTLSv10);
        }

        @Override
        protected int[] getSupportedCipherSuites() {
            return new int[] {CipherSuite.TLS_PSK_WITH_AES_256_GCM_SHA384, CipherSuite.TLS_PSK_WITH_AES_128_CBC_SHA};
        }

        /** openconnect copies the App-ID into the session id field (docs/protocol.md §10.3); a dummy session does that in BC. */
        @Override
        public TlsSession getSessionToResume() {
            byte[] dummy = new byte[48];
            new SecureRandom().nextBytes(dummy);
            return session(appId, CipherSuite.TLS_PSK_WITH_AES_256_GCM_SHA384, dummy);
        }

        @Override
        public boolean allowLegacyResumption() {
            return true;
        }

        @Override
        public int getHandshakeTimeoutMillis() {
            return 3000;
        }
    }
}
