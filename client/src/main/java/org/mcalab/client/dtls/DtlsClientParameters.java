package org.mcalab.client.dtls;

import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * What the client needs to resume the gateway's legacy DTLS session (docs/protocol.md §10.4): the suite the gateway named, its
 * 32-byte {@code X-DTLS-Session-ID} and our own master secret.
 *
 * @param suiteName e.g. {@code OC-DTLS1_2-AES256-GCM}
 * @param suite     the IANA cipher suite it stands for
 * @param port      {@code X-DTLS-Port}
 */
public record DtlsClientParameters(String suiteName, int suite, byte[] sessionId, byte[] masterSecret, int port) {
    /** The legacy names this client can resume, as openconnect's table maps them (docs/protocol.md §10.2). */
    static final Map<String, Integer> SUITES = Map.of(
            "OC-DTLS1_2-AES256-GCM", 0x009D,
            "OC-DTLS1_2-AES128-GCM", 0x009C,
            "ECDHE-RSA-AES256-GCM-SHA384", 0xC030,
            "ECDHE-RSA-AES128-GCM-SHA256", 0xC02F,
            "AES256-GCM-SHA384", 0x009D,
            "AES128-GCM-SHA256", 0x009C);

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
     * Reads the gateway's CONNECT answer. Empty when it offered no DTLS (no port, no session id) or a suite this client
     * cannot resume (PSK-NEGOTIATE, DTLS 0.9): the tunnel then stays on CSTP, as openconnect's would.
     */
    public static Optional<DtlsClientParameters> fromConnectResponse(Function<String, String> responseHeaders,
                                                                     DtlsOfferHeaders offer) {
        String port = responseHeaders.apply("X-DTLS-Port");
        String id = responseHeaders.apply("X-DTLS-Session-ID");
        // the last cipher header wins in openconnect; the gateway sends only one
        String name = Optional.ofNullable(responseHeaders.apply("X-DTLS12-CipherSuite"))
                .orElse(responseHeaders.apply("X-DTLS-CipherSuite"));
        if (port == null || id == null || name == null || !SUITES.containsKey(name.trim()) || id.trim().length() != 64) {
            return Optional.empty();
        }
        try {
            return Optional.of(new DtlsClientParameters(name.trim(), SUITES.get(name.trim()),
                    HexFormat.of().parseHex(id.trim()), offer.masterSecret(), Integer.parseInt(port.trim())));
        } catch (IllegalArgumentException malformed) {
            return Optional.empty();
        }
    }

    @Override
    public String toString() {
        return "DtlsClientParameters[" + suiteName + ", port " + port + "]";
    }
}
