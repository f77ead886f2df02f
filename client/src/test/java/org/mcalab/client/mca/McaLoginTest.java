package org.mcalab.client.mca;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.Signature;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mcalab.fixtures.HeldCertificate;
import org.mcalab.fixtures.Pkcs7;
import org.mcalab.protocol.xml.ClientMessages;
import org.mcalab.protocol.xml.ClientMessages.ClientInfo;
import org.mcalab.protocol.xml.ConfigAuth;
import org.mcalab.protocol.xml.ConfigAuthParser;
import org.mcalab.protocol.xml.GatewayMessages;
import org.mcalab.protocol.xml.GatewayMessages.OpaqueState;

/**
 * The one MCA login's bytes: the reply is exactly what openconnect 9.01 sends (1M via protocol, 1U with the certs-only
 * PKCS#7 and an sha512 signature over the challenge's exact bytes), a hook changes it, and the load generators'
 * refusals say why the client stopped.
 */
class McaLoginTest {
    static final HeldCertificate CA = HeldCertificate.builder().subject("cn=user ca").rsa(2048).certificateAuthority(0).build();
    static final HeldCertificate USER = HeldCertificate.builder().subject("cn=alice").rsa(2048).issuedBy(CA).clientAuth().build();
    static final UserCertificate ALICE = new UserCertificate(USER.privateKey(), List.of(USER.certificate()));
    static final McaLogin LOGIN = McaLogin.openconnect("https://127.0.0.1:8443/MCA");
    static final OpaqueState OPAQUE = new OpaqueState("ANYCONNECT-MCA", "7A3B", "multiple-cert", "1");

    static byte[] challenge(List<String> hashes) {
        return GatewayMessages.mcaAuthRequest(OPAQUE, hashes, "00FF", true);
    }

    @Test
    void theReplyIsOpenconnectsByteForByte() throws Exception {
        byte[] challenge = challenge(GatewayMessages.MCA_HASHES);
        ConfigAuth request = ConfigAuthParser.parse(challenge);
        Signature rsa = Signature.getInstance("SHA512withRSA");
        rsa.initSign(USER.privateKey());
        rsa.update(challenge);
        byte[] expected = ClientMessages.mcaAuthReply(ClientInfo.openconnectLinux(true), request.opaqueXml(), List.of(
                ClientMessages.Chain.viaTls("1M"),
                new ClientMessages.Chain("1U", false, Pkcs7.wireBase64(Pkcs7.certsOnly(ALICE.chain())), "sha512",
                        ClientMessages.base64Lines(rsa.sign()))));

        McaLogin.Answer answer = LOGIN.answer(challenge, ALICE);

        assertThat(answer).isInstanceOf(McaLogin.Answer.Reply.class);
        assertThat(new String(((McaLogin.Answer.Reply) answer).body(), "UTF-8")).isEqualTo(new String(expected, "UTF-8"));
    }

    @Test
    void theInitAdvertisesMultipleCertAndNamesTheGroupUrl() throws Exception {
        ConfigAuth init = ConfigAuthParser.parse(LOGIN.init());
        assertThat(new String(LOGIN.init(), "UTF-8")).contains("<capabilities>", "multiple-cert",
                "<group-access>https://127.0.0.1:8443/MCA</group-access>");
        assertThat(init.type()).isEqualTo("init");
    }

    @Test
    void aHookChangesTheReplyBeforeItIsSent() throws Exception {
        byte[] challenge = challenge(GatewayMessages.MCA_HASHES);
        Challenge ch = new Challenge(new org.mcalab.client.HttpResponse(200, "OK", java.util.Map.of(), challenge),
                ConfigAuthParser.parse(challenge), -1);
        ReplyDraft draft = LOGIN.draft(ch, ALICE, (d, c) -> d.userChain().declaredHash = "sha256");
        ConfigAuth sent = ConfigAuthParser.parse(draft.bytes());
        assertThat(new String(draft.bytes(), "UTF-8")).contains("hash-algorithm-chosen=\"sha256\"");
        assertThat(sent.type()).isEqualTo("auth-reply");
        Signature sha512 = Signature.getInstance("SHA512withRSA");
        sha512.initVerify(USER.certificate());
        sha512.update(challenge);
        assertThat(sha512.verify(Base64.getMimeDecoder().decode(draft.userChain().build().signatureBase64())))
                .as("only the declaration changed: the signature is still sha512 over the exact challenge").isTrue();
    }

    @Test
    void refusesWhatOpenconnectWouldNotAnswer() {
        assertThat(LOGIN.answer(challenge(List.of("sha1", "SHA512")), ALICE))
                .isEqualTo(new McaLogin.Answer.Refused("init: no sha256/384/512 offered"));
        assertThat(LOGIN.answer("not xml".getBytes(), ALICE))
                .isEqualTo(new McaLogin.Answer.Refused("init: answer is not config-auth XML"));
        assertThat(LOGIN.answer(GatewayMessages.error("MCA-PKI-1: no machine certificate"), ALICE))
                .isInstanceOfSatisfying(McaLogin.Answer.Refused.class,
                        r -> assertThat(r.why()).startsWith("init: no MCA auth-request (error: MCA-PKI-1"));
        assertThat(LOGIN.answer(GatewayMessages.complete("1", "tok", null), ALICE))
                .isInstanceOf(McaLogin.Answer.Complete.class);
    }
}
