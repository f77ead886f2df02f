package org.mcalab.gateway.dtls;

import org.bouncycastle.tls.ProtocolVersion;
import org.bouncycastle.tls.TlsServer;

/** Our two BouncyCastle servers, asked after the handshake what they agreed on (for the session DB row). */
interface NegotiatedServer extends TlsServer {
    /** A client that vanishes mid-handshake must not keep a worker forever. */
    int HANDSHAKE_TIMEOUT_MILLIS = 30_000;

    int negotiatedSuite();

    ProtocolVersion negotiatedVersion();
}
