package org.mcalab.gateway.dtls;

import org.bouncycastle.tls.CipherSuite;
import org.bouncycastle.tls.PSKTlsServer;
import org.bouncycastle.tls.ProtocolVersion;
import org.bouncycastle.tls.TlsPSKIdentityManager;
import org.bouncycastle.tls.crypto.TlsCrypto;

/**
 * PSK-NEGOTIATE (docs/protocol.md §10.3): a full DTLS handshake with plain PSK suites, keyed by the CSTP session's exporter. The
 * identity ("psk" from openconnect) is not checked: the session was found by its App-ID already.
 */
final class PskServer extends PSKTlsServer implements NegotiatedServer {
    /** openconnect's order (B.6), restricted to what BouncyCastle implements for DTLS. BC's defaults do not intersect. */
    private static final int[] SUITES = {
        CipherSuite.TLS_PSK_WITH_AES_256_GCM_SHA384,
        CipherSuite.TLS_PSK_WITH_AES_128_GCM_SHA256,
        CipherSuite.TLS_PSK_WITH_AES_256_CBC_SHA,
        CipherSuite.TLS_PSK_WITH_AES_128_CBC_SHA,
    };

    PskServer(TlsCrypto crypto, byte[] psk) {
        super(crypto, new TlsPSKIdentityManager() {
            @Override
            public byte[] getHint() {
                return null;
            }

            @Override
            public byte[] getPSK(byte[] identity) {
                return psk.clone();
            }
        });
    }

    @Override
    protected ProtocolVersion[] getSupportedVersions() {
        return ProtocolVersion.DTLSv12.downTo(ProtocolVersion.DTLSv10);
    }

    @Override
    protected int[] getSupportedCipherSuites() {
        return SUITES.clone();
    }

    @Override
    public int getHandshakeTimeoutMillis() {
        return HANDSHAKE_TIMEOUT_MILLIS;
    }

    @Override
    public int negotiatedSuite() {
        return context.getSecurityParametersConnection().getCipherSuite();
    }

    @Override
    public ProtocolVersion negotiatedVersion() {
        return context.getServerVersion();
    }
}
