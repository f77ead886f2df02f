package org.mcalab.gateway.dtls;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.mcalab.gateway.config.AnyConnectClient;
import org.mcalab.protocol.dtls.DtlsOffer;

/** Which X-DTLS-* headers the gateway answers for which client offer, policy and exporter availability. */
class DtlsNegotiatorTest {
    /** openconnect 9.01's defaults (docs/protocol.md §8.2). */
    static final String OC_SUITES = "PSK-NEGOTIATE:OC-DTLS1_2-AES256-GCM:OC2-DTLS1_2-CHACHA20-POLY1305:OC-DTLS1_2-AES128-GCM:"
            + "DHE-RSA-AES256-SHA:DHE-RSA-AES128-SHA:AES256-SHA:AES128-SHA";
    static final String OC_DTLS12 = "ECDHE-RSA-AES256-GCM-SHA384:ECDHE-RSA-AES128-GCM-SHA256:AES256-GCM-SHA384:"
            + "AES128-GCM-SHA256:DHE-RSA-AES256-SHA:DHE-RSA-AES128-SHA:AES256-SHA:AES128-SHA";
    static final String MASTER = "E5F62DD1" + "00".repeat(44);
    static final DtlsPolicy ON = new DtlsPolicy(true, 443, 30, 20, 1406);
    static final Optional<byte[]> KEY = Optional.of(new byte[32]);

    private final DtlsNegotiator negotiator = new DtlsNegotiator(new Random(1));

    static DtlsOffer offer(String master, String suites, String dtls12) {
        Map<String, String> h = new java.util.HashMap<>();
        if (master != null) {
            h.put("X-DTLS-Master-Secret", master);
        }
        if (suites != null) {
            h.put("X-DTLS-CipherSuite", suites);
        }
        if (dtls12 != null) {
            h.put("X-DTLS12-CipherSuite", dtls12);
        }
        return DtlsOffer.fromHeaders(h::get);
    }

    static Stream<Arguments> table() {
        return Stream.of(
                // offer, exporter key?, expected cipher header, expected name (null = no DTLS at all)
                Arguments.of(offer(MASTER, OC_SUITES, OC_DTLS12), true, "X-DTLS-CipherSuite", "PSK-NEGOTIATE"),
                Arguments.of(offer(MASTER, OC_SUITES, OC_DTLS12), false, "X-DTLS-CipherSuite", "OC-DTLS1_2-AES256-GCM"),
                Arguments.of(offer(MASTER, "OC-DTLS1_2-AES128-GCM:AES256-SHA", null), false, "X-DTLS-CipherSuite",
                        "OC-DTLS1_2-AES128-GCM"),
                Arguments.of(offer(MASTER, "AES256-SHA:AES128-SHA", OC_DTLS12), false, "X-DTLS12-CipherSuite",
                        "ECDHE-RSA-AES256-GCM-SHA384"),
                Arguments.of(offer(MASTER, null, "AES128-GCM-SHA256:AES256-GCM-SHA384"), true, "X-DTLS12-CipherSuite",
                        "AES256-GCM-SHA384"),
                // only Cisco DTLS 0.9 names: BouncyCastle cannot speak 0x0100
                Arguments.of(offer(MASTER, "AES256-SHA:AES128-SHA", null), true, null, null),
                // PSK offered but no exporter and no master secret: nothing left
                Arguments.of(offer(null, "PSK-NEGOTIATE", null), false, null, null),
                // legacy names but a malformed master secret
                Arguments.of(offer("ABCD", OC_SUITES.replace("PSK-NEGOTIATE:", ""), null), true, null, null),
                Arguments.of(offer("Z".repeat(96), "OC-DTLS1_2-AES256-GCM", null), false, null, null),
                // --no-dtls on the client: no headers at all
                Arguments.of(DtlsOffer.NONE, true, null, null),
                Arguments.of(offer(MASTER, "", ""), true, null, null));
    }

    @ParameterizedTest
    @MethodSource("table")
    void choosesTheModeFromTheOffer(DtlsOffer offer, boolean exporter, String header, String name) {
        DtlsNegotiation n = negotiator.negotiate(offer, ON, exporter ? KEY : Optional.empty());
        if (name == null) {
            assertThat(n.offered()).isFalse();
            assertThat(n.headers()).isEmpty();
            return;
        }
        assertThat(n.header(header)).contains(name);
        String other = header.equals("X-DTLS-CipherSuite") ? "X-DTLS12-CipherSuite" : "X-DTLS-CipherSuite";
        assertThat(n.header(other)).as("exactly one cipher header (the last one wins in openconnect)").isEmpty();
        assertThat(n.header("X-DTLS-Port")).contains("443");
        assertThat(n.header("X-DTLS-DPD")).contains("30");
        assertThat(n.header("X-DTLS-Keepalive")).contains("20");
        assertThat(n.headers()).noneMatch(h -> h.name().startsWith("X-DTLS-Rekey"));
        assertThat(n.parameters().orElseThrow().suite().offerName()).isEqualTo(name);
    }

    @Test
    void legacyModeSendsA64HexSessionIdAndMtuAndKeepsTheClientsMasterSecret() {
        DtlsNegotiation n = negotiator.negotiate(offer(MASTER, OC_SUITES, OC_DTLS12), ON, Optional.empty());
        String sessionId = n.header("X-DTLS-Session-ID").orElseThrow();
        assertThat(sessionId).matches("[0-9A-F]{64}");
        assertThat(n.header("X-DTLS-MTU")).contains("1406");
        assertThat(n.header("X-DTLS-App-ID")).isEmpty();
        DtlsParameters p = n.parameters().orElseThrow();
        assertThat(p.id()).isEqualTo(HexFormat.of().parseHex(sessionId));
        assertThat(p.secret()).isEqualTo(HexFormat.of().parseHex(MASTER));
        assertThat(n.headers()).extracting(DtlsNegotiation.Header::name).containsExactly("X-DTLS-Port", "X-DTLS-DPD",
                "X-DTLS-Keepalive", "X-DTLS-Session-ID", "X-DTLS-CipherSuite", "X-DTLS-MTU");
    }

    @Test
    void pskModeSendsAnAppIdAndNoMtuAndUsesTheExportedKey() {
        byte[] key = new byte[32];
        new Random(3).nextBytes(key);
        DtlsNegotiation n = negotiator.negotiate(offer(MASTER, OC_SUITES, OC_DTLS12), ON, Optional.of(key));
        String appId = n.header("X-DTLS-App-ID").orElseThrow();
        assertThat(appId).matches("[0-9a-f]{64}");
        assertThat(n.header("X-DTLS-MTU")).isEmpty();
        assertThat(n.header("X-DTLS-Session-ID")).isEmpty();
        assertThat(n.parameters().orElseThrow().secret()).isEqualTo(key);
        assertThat(n.parameters().orElseThrow().id()).isEqualTo(HexFormat.of().parseHex(appId));
    }

    @Test
    void aKeyOfTheWrongLengthDoesNotEnablePsk() {
        DtlsNegotiation n = negotiator.negotiate(offer(MASTER, OC_SUITES, null), ON, Optional.of(new byte[16]));
        assertThat(n.header("X-DTLS-CipherSuite")).contains("OC-DTLS1_2-AES256-GCM");
    }

    @Test
    void groupPolicyDtlsNoneOrTheNoDtlsSwitchTurnsEverythingOff() {
        AnyConnectClient dtlsNone = new AnyConnectClient(false, Optional.empty(), Optional.empty(), Optional.empty(), 1406);
        DtlsOffer full = offer(MASTER, OC_SUITES, OC_DTLS12);
        assertThat(negotiator.negotiate(full, DtlsPolicy.of(dtlsNone, false, 443), KEY).headers()).isEmpty();
        assertThat(negotiator.negotiate(full, DtlsPolicy.of(AnyConnectClient.ASA_DEFAULTS, true, 443), KEY).headers())
                .isEmpty();
        DtlsNegotiation defaults = negotiator.negotiate(full, DtlsPolicy.of(AnyConnectClient.ASA_DEFAULTS, false, 8443),
                Optional.empty());
        assertThat(defaults.header("X-DTLS-Port")).contains("8443");
        assertThat(defaults.header("X-DTLS-DPD")).contains("30");
        assertThat(defaults.header("X-DTLS-Keepalive")).contains("20");
    }

    @Test
    void everyNegotiationDrawsAFreshId() {
        DtlsOffer full = offer(MASTER, OC_SUITES, OC_DTLS12);
        List<String> ids = Stream.generate(() -> negotiator.negotiate(full, ON, Optional.empty()))
                .limit(5).map(n -> n.header("X-DTLS-Session-ID").orElseThrow()).distinct().toList();
        assertThat(ids).hasSize(5);
    }
}
