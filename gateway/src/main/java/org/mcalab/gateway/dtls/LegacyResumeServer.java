package org.mcalab.gateway.dtls;

import java.util.Arrays;
import org.bouncycastle.tls.AbstractTlsServer;
import org.bouncycastle.tls.AlertDescription;
import org.bouncycastle.tls.ProtocolVersion;
import org.bouncycastle.tls.SessionParameters;
import org.bouncycastle.tls.TlsCredentials;
import org.bouncycastle.tls.TlsFatalAlert;
import org.bouncycastle.tls.TlsSession;
import org.bouncycastle.tls.TlsUtils;
import org.bouncycastle.tls.crypto.TlsCrypto;

/**
 * Legacy DTLS 1.2 "resumption" (docs/protocol.md §10.4): the client resumes a session that never existed, made of its own
 * {@code X-DTLS-Master-Secret}, our {@code X-DTLS-Session-ID} and the suite we named. Only the abbreviated handshake
 * can succeed: there is no certificate, so a full handshake fails, as openconnect expects ("possible MITM attack").
 */
final class LegacyResumeServer extends AbstractTlsServer implements NegotiatedServer {
    private final DtlsParameters parameters;

    LegacyResumeServer(TlsCrypto crypto, DtlsParameters parameters) {
        super(crypto);
        this.parameters = parameters;
    }

    @Override
    protected ProtocolVersion[] getSupportedVersions() {
        return ProtocolVersion.DTLSv12.only();
    }

    @Override
    protected int[] getSupportedCipherSuites() {
        return new int[] {parameters.suite().code()};
    }

    @Override
    public TlsSession getSessionToResume(byte[] sessionId) {
        if (!Arrays.equals(sessionId, parameters.id())) {
            return null;
        }
        // openconnect offers no extended_master_secret (%COMPAT), so the session is a non-EMS one.
        return TlsUtils.importSession(sessionId, new SessionParameters.Builder()
                .setCipherSuite(parameters.suite().code())
                .setMasterSecret(getCrypto().createSecret(parameters.secret()))
                .setNegotiatedVersion(ProtocolVersion.DTLSv12)
                .setExtendedMasterSecret(false)
                .build());
    }

    /** BC refuses to resume a non-EMS session unless told this is acceptable. */
    @Override
    public boolean allowLegacyResumption() {
        return true;
    }

    @Override
    public int getHandshakeTimeoutMillis() {
        return HANDSHAKE_TIMEOUT_MILLIS;
    }

    @Override
    public TlsCredentials getCredentials() throws java.io.IOException {
        throw new TlsFatalAlert(AlertDescription.handshake_failure, "legacy DTLS allows only resumption");
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
