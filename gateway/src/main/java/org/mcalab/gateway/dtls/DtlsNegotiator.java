package org.mcalab.gateway.dtls;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.mcalab.protocol.cstp.ConnectHeaders;
import org.mcalab.protocol.dtls.DtlsSuite;
import org.mcalab.protocol.dtls.DtlsOffer;

/**
 * Chooses the DTLS mode for a CONNECT (docs/protocol.md §10.1) and writes the matching {@code X-DTLS-*} headers.
 *
 * <p>Order of preference: PSK-NEGOTIATE when the client offers it <em>and</em> the CSTP TLS session could export
 * keying material; then openconnect's {@code OC-DTLS1_2-AES256/128-GCM}; then the Cisco {@code X-DTLS12-CipherSuite}
 * names. Legacy modes need the client's master secret. {@code X-DTLS-Rekey-*} are never sent: without them DTLS rekey
 * stays off, which the BouncyCastle server could not do anyway (docs/protocol.md §11.2).
 */
public final class DtlsNegotiator {
    public static final String SESSION_ID = ConnectHeaders.X_DTLS_SESSION_ID;
    public static final String APP_ID = ConnectHeaders.X_DTLS_APP_ID;
    public static final String PORT = ConnectHeaders.X_DTLS_PORT;
    public static final String DPD = ConnectHeaders.X_DTLS_DPD;
    public static final String KEEPALIVE = ConnectHeaders.X_DTLS_KEEPALIVE;
    public static final String MTU = ConnectHeaders.X_DTLS_MTU;

    static final int ID_BYTES = 32;
    static final int PSK_BYTES = 32;

    private static final List<DtlsSuite> LEGACY_PREFERENCE = List.of(DtlsSuite.OC_AES256_GCM, DtlsSuite.OC_AES128_GCM,
            DtlsSuite.ECDHE_RSA_AES256_GCM, DtlsSuite.AES256_GCM, DtlsSuite.ECDHE_RSA_AES128_GCM, DtlsSuite.AES128_GCM);

    private final Random random;

    public DtlsNegotiator() {
        this(new SecureRandom());
    }

    /** @param random source of session ids / App-IDs (tests pass a seeded one) */
    public DtlsNegotiator(Random random) {
        this.random = random;
    }

    /**
     * @param exportedPsk the 32-byte {@code EXPORTER-openconnect-psk} of the CSTP TLS session, when the TLS engine
     *                    could export it ({@link PskExporter})
     */
    public DtlsNegotiation negotiate(DtlsOffer offer, DtlsPolicy policy, Optional<byte[]> exportedPsk) {
        if (!policy.enabled()) {
            return DtlsNegotiation.NONE;
        }
        byte[] id = new byte[ID_BYTES];
        random.nextBytes(id);
        if (offer.offersPsk() && exportedPsk.filter(k -> k.length == PSK_BYTES).isPresent()) {
            DtlsParameters p = new DtlsParameters(DtlsSuite.PSK_NEGOTIATE, id, exportedPsk.get());
            List<DtlsNegotiation.Header> h = common(policy);
            h.add(new DtlsNegotiation.Header(APP_ID, p.idHex()));
            h.add(new DtlsNegotiation.Header(DtlsSuite.Header.X_DTLS.headerName(), DtlsSuite.PSK_NEGOTIATE.offerName()));
            // No X-DTLS-MTU in PSK mode: the client derives the DTLS MTU from X-CSTP-Base-MTU (docs/protocol.md §8.5).
            return new DtlsNegotiation(Optional.of(p), h);
        }
        if (offer.masterSecret().isEmpty()) {
            return DtlsNegotiation.NONE;
        }
        for (DtlsSuite suite : LEGACY_PREFERENCE) {
            List<String> offered = suite.header() == DtlsSuite.Header.X_DTLS ? offer.cipherSuites() : offer.dtls12CipherSuites();
            if (offered.contains(suite.offerName())) {
                DtlsParameters p = new DtlsParameters(suite, id, offer.masterSecret().get());
                List<DtlsNegotiation.Header> h = common(policy);
                h.add(new DtlsNegotiation.Header(SESSION_ID, HexFormat.of().withUpperCase().formatHex(id)));
                h.add(new DtlsNegotiation.Header(suite.header().headerName(), suite.offerName()));
                h.add(new DtlsNegotiation.Header(MTU, Integer.toString(policy.mtu())));
                return new DtlsNegotiation(Optional.of(p), h);
            }
        }
        return DtlsNegotiation.NONE;
    }

    private static List<DtlsNegotiation.Header> common(DtlsPolicy policy) {
        List<DtlsNegotiation.Header> h = new ArrayList<>();
        h.add(new DtlsNegotiation.Header(PORT, Integer.toString(policy.port())));
        h.add(new DtlsNegotiation.Header(DPD, Integer.toString(policy.dpdSeconds())));
        h.add(new DtlsNegotiation.Header(KEEPALIVE, Integer.toString(policy.keepaliveSeconds())));
        return h;
    }
}
