package org.mcalab.protocol.xml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mcalab.protocol.Requirement;

class ConfigAuthParserTest {
    private static ConfigAuth parse(String s) throws ConfigAuthException {
        return ConfigAuthParser.parse(s.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void parsesOpenconnectInitFromTheLab() throws Exception {
        ConfigAuth m = parse("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<config-auth client=\"vpn\" type=\"init\" "
                + "aggregate-auth-version=\"2\"><version who=\"vpn\">v9.01-3</version><device-id>linux-64</device-id>"
                + "<capabilities><auth-method>single-sign-on-v2</auth-method><auth-method>single-sign-on-external-browser"
                + "</auth-method><auth-method>multiple-cert</auth-method></capabilities><group-access>https://127.0.0.1:8443/"
                + "</group-access></config-auth>\n");
        assertThat(m.type()).isEqualTo("init");
        assertThat(m.version()).isEqualTo("v9.01-3");
        assertThat(m.deviceId()).isEqualTo("linux-64");
        assertThat(m.advertises("multiple-cert")).isTrue();
        assertThat(m.capabilitiesElements()).isEqualTo(1);
        assertThat(m.groupAccess()).isEqualTo("https://127.0.0.1:8443/");
        assertThat(m.clientCertFail()).isFalse();
    }

    @Test
    void parsesTheSeedsWindowsInitWithGroupSelect() throws Exception {
        ConfigAuth m = parse("<?xml version=\"1.0\" encoding=\"UTF-8\"?> <config-auth client=\"vpn\" type=\"init\" "
                + "aggregate-auth-version=\"2\">\n<version who=\"vpn\">4.4.01054</version>\n<device-id device-type=\"VMware\" "
                + "platform-version=\"10.0.14393\">win</device-id>\n<mac-address-list>\n<mac-address>00-0c-29-e4-f5-bd</mac-address>"
                + "</mac-address-list>\n<group-select>ANYCONNECT-MCA</group-select>\n<group-access>https://10.197.223.81/MCA"
                + "</group-access>\n<capabilities>\n<auth-method>single-sign-on</auth-method>\n<auth-method>multiple-cert"
                + "</auth-method></capabilities>\n</config-auth>");
        assertThat(m.deviceId()).isEqualTo("win");
        assertThat(m.groupSelect()).isEqualTo("ANYCONNECT-MCA");
        assertThat(m.authMethods()).containsExactly("single-sign-on", "multiple-cert");
    }

    @Test
    void toleratesRepeatedCapabilities() throws Exception {
        ConfigAuth m = parse("<config-auth type=\"init\"><capabilities><auth-method>a</auth-method></capabilities>"
                + "<capabilities><auth-method>multiple-cert</auth-method></capabilities></config-auth>");
        assertThat(m.capabilitiesElements()).isEqualTo(2);
        assertThat(m.authMethods()).containsExactly("a", "multiple-cert");
    }

    @Test
    void roundTripsAnMcaReplyAndKeepsTheOpaqueVerbatim() throws Exception {
        byte[] request = GatewayMessages.mcaAuthRequest(
                new GatewayMessages.OpaqueState("ANYCONNECT-MCA", "136775778", "multiple-cert", "1506879881148"),
                GatewayMessages.MCA_HASHES, "FA4003BD", true);
        ConfigAuth req = ConfigAuthParser.parse(request);
        assertThat(req.multipleCertRequest()).isTrue();
        assertThat(req.hashAlgorithms()).containsExactly("sha256", "sha384", "sha512");
        assertThat(req.certAuthenticated()).isTrue();
        assertThat(req.random()).isEqualTo("FA4003BD");
        assertThat(req.opaque().aggauthHandle()).isEqualTo("136775778");

        String p7 = ClientMessages.base64Lines(new byte[100]);
        byte[] reply = ClientMessages.mcaAuthReply(ClientMessages.ClientInfo.openconnectLinux(true), req.opaqueXml(),
                List.of(ClientMessages.Chain.viaTls("1M"), new ClientMessages.Chain("1U", false, p7, "sha512", "c2ln")));
        ConfigAuth m = ConfigAuthParser.parse(reply);
        assertThat(new String(reply, StandardCharsets.UTF_8)).contains(req.opaqueXml());
        assertThat(m.type()).isEqualTo("auth-reply");
        assertThat(m.opaque().tunnelGroup()).isEqualTo("ANYCONNECT-MCA");
        assertThat(m.opaque().aggauthHandle()).isEqualTo("136775778");
        assertThat(m.certChains()).hasSize(2);
        assertThat(m.certChains().get(0).certStore()).isEqualTo("1M");
        assertThat(m.certChains().get(0).sentViaProtocol()).isTrue();
        assertThat(m.certChains().get(1).certBase64()).isEqualTo(p7);
        assertThat(m.certChains().get(1).hashAlgorithmChosen()).isEqualTo("sha512");
        assertThat(m.certChains().get(1).signatureBase64()).isEqualTo("c2ln");
        assertThat(m.sessionToken()).isEmpty();
    }

    @Test
    void readsFormsAndSuccessFromTheGatewaySide() throws Exception {
        var opaque = new GatewayMessages.OpaqueState("AAA", "1", "password", "2");
        ConfigAuth form = ConfigAuthParser.parse(GatewayMessages.passwordForm(opaque, "Please log in", "Login failed",
                List.of(new GatewayMessages.GroupChoice("AAA", "aaa"), new GatewayMessages.GroupChoice("MCA", "mca")), "AAA"));
        assertThat(form.formInputs()).containsExactly("username", "password");
        assertThat(form.errors()).containsExactly("Login failed");
        ConfigAuth done = ConfigAuthParser.parse(GatewayMessages.complete("sid", "tok<&>", "Hello"));
        assertThat(done.authId()).isEqualTo("success");
        assertThat(done.sessionToken()).isEqualTo("tok<&>");
        assertThat(done.banner()).isEqualTo("Hello");
        ConfigAuth err = ConfigAuthParser.parse(GatewayMessages.error("MCA-LIM-5: non-RSA key in user certificate"));
        assertThat(Requirement.citedIn(err.errors().get(0))).contains(Requirement.MCA_LIM_5);
    }

    @Test
    void passwordRepliesCarryTheirFields() throws Exception {
        ConfigAuth m = ConfigAuthParser.parse(ClientMessages.passwordReply(ClientMessages.ClientInfo.openconnectLinux(false),
                null, "alice", "p&ss", "AAA"));
        assertThat(m.authField("username")).contains("alice");
        assertThat(m.authField("password")).contains("p&ss");
        assertThat(m.groupSelect()).isEqualTo("AAA");
    }

    @Test
    void refusesXxe() {
        assertThatThrownBy(() -> parse("<?xml version=\"1.0\"?><!DOCTYPE foo [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>"
                + "<config-auth type=\"init\"><group-access>&xxe;</group-access></config-auth>"))
                .isInstanceOf(ConfigAuthException.class)
                .hasMessageStartingWith("MCA-ROB-1: ");
    }

    @Test
    void refusesBillionLaughs() {
        StringBuilder b = new StringBuilder("<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\">");
        for (int i = 1; i < 10; i++) {
            b.append("<!ENTITY lol").append(i).append(" \"").append(("&lol" + (i == 1 ? "" : i - 1) + ";").repeat(10)).append("\">");
        }
        b.append("]><config-auth type=\"init\"><group-access>&lol9;</group-access></config-auth>");
        assertThatThrownBy(() -> parse(b.toString())).isInstanceOf(ConfigAuthException.class);
    }

    @Test
    void refusesUndeclaredEntitiesOversizeAndGarbage() {
        assertThatThrownBy(() -> parse("<config-auth type=\"init\"><group-access>&foo;</group-access></config-auth>"))
                .isInstanceOf(ConfigAuthException.class);
        assertThatThrownBy(() -> ConfigAuthParser.parse(new byte[ConfigAuthParser.MAX_BODY_BYTES + 1]))
                .isInstanceOf(ConfigAuthException.class).hasMessageContaining("exceeds");
        assertThatThrownBy(() -> parse("not xml")).isInstanceOf(ConfigAuthException.class);
        assertThatThrownBy(() -> parse("<config-auth><x>")).isInstanceOf(ConfigAuthException.class);
        assertThatThrownBy(() -> parse("<other type=\"init\"/>")).isInstanceOf(ConfigAuthException.class)
                .hasMessageContaining("root element");
        assertThatThrownBy(() -> parse("<config-auth/>")).isInstanceOf(ConfigAuthException.class)
                .hasMessageContaining("type");
        assertThatThrownBy(() -> parse("<config-auth type=\"init\">" + "<a>".repeat(40) + "</a>".repeat(40) + "</config-auth>"))
                .isInstanceOf(ConfigAuthException.class).hasMessageContaining("deeper");
    }

    @Test
    void base64LinesMatchOpenconnect() {
        String s = ClientMessages.base64Lines(new byte[100]);
        assertThat(s.lines().findFirst().orElseThrow()).hasSize(64);
        assertThat(s).doesNotEndWith("\n").contains("\n");
    }
}
