package org.mcalab.gateway.dtls;

import java.util.HexFormat;
import org.mcalab.protocol.dtls.DtlsSuite;

/**
 * What the UDP side needs to accept one client's DTLS handshake.
 *
 * @param suite  the negotiated name (a legacy suite to resume, or PSK-NEGOTIATE)
 * @param id     32 bytes: the {@code X-DTLS-Session-ID} (legacy) or {@code X-DTLS-App-ID} (PSK); the client puts it
 *               into the ClientHello session id, which is how the UDP side finds the session (docs/protocol.md §10.5)
 * @param secret the client's 48-byte master secret (legacy) or the 32-byte exported PSK
 */
public record DtlsParameters(DtlsSuite suite, byte[] id, byte[] secret) {

    public DtlsParameters {
        id = id.clone();
        secret = secret.clone();
    }

    @Override
    public byte[] id() {
        return id.clone();
    }

    @Override
    public byte[] secret() {
        return secret.clone();
    }

    public String idHex() {
        return HexFormat.of().formatHex(id);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DtlsParameters p && p.suite == suite && java.util.Arrays.equals(p.id, id)
                && java.util.Arrays.equals(p.secret, secret);
    }

    @Override
    public int hashCode() {
        return suite.hashCode() * 31 + java.util.Arrays.hashCode(id);
    }

    /** Never prints the secret. */
    @Override
    public String toString() {
        return "DtlsParameters[" + suite.offerName() + ", id=" + idHex().substring(0, 8) + "...]";
    }
}
