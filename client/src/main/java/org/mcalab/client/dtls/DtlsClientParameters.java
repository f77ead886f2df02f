package org.mcalab.client.dtls;

import java.util.Optional;
import org.mcalab.protocol.cstp.ConnectAnswer;
import org.mcalab.protocol.dtls.DtlsOffer;
import org.mcalab.protocol.dtls.DtlsSuite;

/**
 * What the client needs to resume the gateway's legacy DTLS session (docs/protocol.md §10.4): the suite the gateway named, its
 * 32-byte {@code X-DTLS-Session-ID} and our own master secret.
 *
 * @param suiteName e.g. {@code OC-DTLS1_2-AES256-GCM}
 * @param suite     the IANA cipher suite it stands for
 * @param port      {@code X-DTLS-Port}
 */
public record DtlsClientParameters(String suiteName, int suite, byte[] sessionId, byte[] masterSecret, int port) {
    public DtlsClientParameters {
        sessionId = sessionId.clone();
        masterSecret = masterSecret.clone();
    }

    @Override
    public byte[] sessionId() {
        return sessionId.clone();
    }

    @Override
    public byte[] masterSecret() {
        return masterSecret.clone();
    }

    /**
     * Reads the gateway's CONNECT answer (suite names from protocol's {@link DtlsSuite} table). Empty when it offered no
     * DTLS (no port, no session id), the offer had no master secret, or the suite cannot be resumed (PSK-NEGOTIATE, DTLS
     * 0.9): the tunnel then stays on CSTP, as openconnect's would.
     */
    public static Optional<DtlsClientParameters> fromAnswer(ConnectAnswer answer, DtlsOffer offer) {
        Optional<DtlsSuite> suite = answer.dtlsSuite().filter(s -> !s.psk());
        if (suite.isEmpty() || answer.dtlsPort().isEmpty() || answer.dtlsSessionId().isEmpty() || offer.masterSecret().isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new DtlsClientParameters(suite.get().offerName(), suite.get().code(), answer.dtlsSessionId().get(),
                offer.masterSecret().get(), answer.dtlsPort().getAsInt()));
    }

    @Override
    public String toString() {
        return "DtlsClientParameters[" + suiteName + ", port " + port + "]";
    }
}
