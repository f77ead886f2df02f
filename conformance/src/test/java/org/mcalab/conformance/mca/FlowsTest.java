package org.mcalab.conformance.mca;

import org.mcalab.client.mca.McaSigner;
import org.mcalab.client.mca.Profile;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.util.List;
import org.junit.jupiter.api.Test;

/** FLOW5-UNKNOWN-HANDLE on gateways that issue no handle: the reply still carries one they never issued (issue 12). */
class FlowsTest {
    private final Attempt attempt = new Attempt(null, null, null, Profile.WINDOWS, "/", Params.NONE, List.of(), List.of(),
            List.of(), false);

    @Test
    void aMissingOpaqueBecomesOneHoldingOnlyTheMadeUpHandle() {
        assertThat(Flows.withHandle(attempt, null, "123")).isEqualTo("<opaque is-for=\"sg\"><aggauth-handle>123</aggauth-handle></opaque>");
        assertThat(attempt.transcript().notes()).anyMatch(n -> n.contains("had no opaque"));
    }

    @Test
    void anOpaqueWithoutAHandleGetsOneAndAHandleIsReplaced() {
        assertThat(Flows.withHandle(attempt, "<opaque is-for=\"sg\"><tunnel-group>G</tunnel-group></opaque>", "7"))
                .isEqualTo("<opaque is-for=\"sg\"><tunnel-group>G</tunnel-group><aggauth-handle>7</aggauth-handle></opaque>");
        assertThat(Flows.withHandle(attempt, "<opaque><aggauth-handle>1</aggauth-handle></opaque>", "7"))
                .isEqualTo("<opaque><aggauth-handle>7</aggauth-handle></opaque>");
    }

    /** A challenge as the gateway sends it: the trailing newline is part of what is signed. */
    private static final byte[] CHALLENGE = ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
            + "<config-auth client=\"vpn\" type=\"auth-request\" aggregate-auth-version=\"2\">\n"
            + "<random>3F0C</random>\n</config-auth>\n").getBytes(StandardCharsets.UTF_8);

    /** The re-serialising mutations change the bytes, so a signature over the exact challenge no longer verifies. */
    @Test
    void aSignatureOverTheExactBytesDoesNotVerifyOverTrimmedOrReindentedBytes() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(2048);
        KeyPair rsa = g.generateKeyPair();
        byte[] signature = McaSigner.sign(rsa.getPrivate(), "sha256", CHALLENGE);
        for (byte[] other : List.of(Flows.trimmed(CHALLENGE), Flows.reindented(CHALLENGE))) {
            assertThat(other).isNotEqualTo(CHALLENGE);
            Signature verify = Signature.getInstance("SHA256withRSA");
            verify.initVerify(rsa.getPublic());
            verify.update(other);
            assertThat(verify.verify(signature)).isFalse();
        }
    }
}
