package org.mcalab.client.dtls;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import org.bouncycastle.tls.AbstractTlsClient;
import org.bouncycastle.tls.AlertDescription;
import org.bouncycastle.tls.DTLSClientProtocol;
import org.bouncycastle.tls.DTLSTransport;
import org.bouncycastle.tls.ProtocolVersion;
import org.bouncycastle.tls.SessionParameters;
import org.bouncycastle.tls.TlsAuthentication;
import org.bouncycastle.tls.TlsFatalAlert;
import org.bouncycastle.tls.TlsSession;
import org.bouncycastle.tls.TlsUtils;
import org.bouncycastle.tls.UDPTransport;
import org.bouncycastle.tls.crypto.TlsCrypto;
import org.bouncycastle.tls.crypto.impl.jcajce.JcaTlsCryptoProvider;
import org.mcalab.protocol.cstp.CstpPacketType;

/**
 * The client's DTLS data channel: resumes the legacy DTLS 1.2 session the gateway announced (a ClientHello with its
 * Session-ID, offering only the named suite and no extended master secret, as openconnect does) and carries 1-byte
 * typed frames (docs/protocol.md §10.6). One thread may send while another receives.
 */
public final class DtlsTunnelChannel implements AutoCloseable {
    private static final TlsCrypto CRYPTO = new JcaTlsCryptoProvider().create(new SecureRandom());
    private static final int LIMIT = 16 * 1024;
    private static final int HANDSHAKE_TIMEOUT_MILLIS = 5000;

    /** A received record: type and payload. */
    public record Frame(CstpPacketType type, byte[] payload) {
    }

    private final DatagramSocket socket;
    private final DTLSTransport dtls;
    private final Object sendLock = new Object();
    private final byte[] receiveBuffer = new byte[LIMIT];

    private DtlsTunnelChannel(DatagramSocket socket, DTLSTransport dtls) {
        this.socket = socket;
        this.dtls = dtls;
    }

    /**
     * Handshakes with the gateway's UDP port; fails with an IOException when nothing answers within 5 s (the caller
     * then stays on CSTP).
     */
    public static DtlsTunnelChannel open(InetSocketAddress gatewayUdp, DtlsClientParameters parameters) throws IOException {
        DatagramSocket socket = new DatagramSocket();
        try {
            socket.connect(gatewayUdp);
            socket.setReceiveBufferSize(1 << 20);
            DTLSTransport dtls = new DTLSClientProtocol().connect(new ResumingClient(parameters),
                    new UDPTransport(socket, LIMIT));
            return new DtlsTunnelChannel(socket, dtls);
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    /** Sends one record: the type byte, then the payload. */
    public void send(CstpPacketType type, byte[] payload) throws IOException {
        byte[] record = new byte[1 + payload.length];
        record[0] = (byte) type.code();
        System.arraycopy(payload, 0, record, 1, payload.length);
        synchronized (sendLock) {
            dtls.send(record, 0, record.length);
        }
    }

    /** The next record, or empty after {@code timeout}. Records with an unknown type byte are returned with a null type. */
    public Optional<Frame> receive(Duration timeout) throws IOException {
        synchronized (receiveBuffer) {
            int n = dtls.receive(receiveBuffer, 0, receiveBuffer.length, (int) Math.max(1, timeout.toMillis()));
            if (n < 1) {
                return Optional.empty();
            }
            return Optional.of(new Frame(CstpPacketType.of(receiveBuffer[0] & 0xff), Arrays.copyOfRange(receiveBuffer, 1, n)));
        }
    }

    public InetSocketAddress localAddress() {
        return (InetSocketAddress) socket.getLocalSocketAddress();
    }

    @Override
    public void close() {
        try {
            dtls.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        socket.close();
    }

    /** A BC client that can only resume: a full handshake would need the gateway's certificate, which legacy DTLS never sends. */
    private static final class ResumingClient extends AbstractTlsClient {
        private final DtlsClientParameters p;

        ResumingClient(DtlsClientParameters p) {
            super(CRYPTO);
            this.p = p;
        }

        @Override
        protected ProtocolVersion[] getSupportedVersions() {
            return ProtocolVersion.DTLSv12.only();
        }

        @Override
        protected int[] getSupportedCipherSuites() {
            return new int[] {p.suite()};
        }

        @Override
        public TlsSession getSessionToResume() {
            return TlsUtils.importSession(p.sessionId(), new SessionParameters.Builder()
                    .setCipherSuite(p.suite())
                    .setMasterSecret(getCrypto().createSecret(p.masterSecret()))
                    .setNegotiatedVersion(ProtocolVersion.DTLSv12)
                    .setExtendedMasterSecret(false)
                    .build());
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
            return HANDSHAKE_TIMEOUT_MILLIS;
        }

        @Override
        public TlsAuthentication getAuthentication() throws IOException {
            throw new TlsFatalAlert(AlertDescription.handshake_failure, "the gateway did not resume the DTLS session");
        }
    }
}
