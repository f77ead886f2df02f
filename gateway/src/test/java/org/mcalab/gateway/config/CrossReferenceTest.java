package org.mcalab.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import org.junit.jupiter.api.Test;

/** References to things the config never defines fail at the line of the reference. */
class CrossReferenceTest {
    private static final String BASE = """
            ip local pool POOL 10.0.0.1-10.0.0.10 mask 255.255.255.0
            access-list split standard permit 192.168.1.0 255.255.255.0
            group-policy GP internal
            group-policy GP attributes
             split-tunnel-policy tunnelspecified
             split-tunnel-network-list value split
            crypto ca trustpoint TP
             enrollment terminal
            tunnel-group TG type remote-access
            tunnel-group TG general-attributes
             address-pool POOL
             default-group-policy GP
            tunnel-group TG webvpn-attributes
             authentication aaa
             group-url https://vpn.example.com/TG enable
            """; // 15 lines

    static AsaConfigException error(String text) {
        return catchThrowableOfType(AsaConfigException.class, () -> AsaConfigParser.parse(text));
    }

    @Test
    void baseIsConsistent() {
        assertThatCode(() -> AsaConfigParser.parse(BASE)).doesNotThrowAnyException();
    }

    @Test
    void missingAddressPool() {
        AsaConfigException e = error(BASE.replace(" address-pool POOL", " address-pool NOPOOL"));
        assertThat(e.line()).isEqualTo(11);
        assertThat(e.text()).isEqualTo("address-pool NOPOOL");
        assertThat(e.getMessage()).isEqualTo("line 11: address-pool: ip local pool 'NOPOOL' is not defined; got 'address-pool NOPOOL'");
    }

    @Test
    void missingDefaultGroupPolicy() {
        AsaConfigException e = error(BASE.replace("default-group-policy GP", "default-group-policy NOGP"));
        assertThat(e.line()).isEqualTo(12);
        assertThat(e.getMessage()).contains("group-policy 'NOGP' is not defined");
    }

    @Test
    void missingSplitTunnelAcl() {
        AsaConfigException e = error(BASE.replace("value split", "value nosplit"));
        assertThat(e.line()).isEqualTo(6);
        assertThat(e.command()).isEqualTo("split-tunnel-network-list");
        assertThat(e.getMessage()).contains("access-list 'nosplit' is not defined");
    }

    @Test
    void missingPolicyAddressPool() {
        AsaConfigException e = error(BASE + "group-policy GP attributes\n address-pools value NOPOOL\n");
        assertThat(e.line()).isEqualTo(17);
        assertThat(e.getMessage()).contains("ip local pool 'NOPOOL' is not defined");
    }

    @Test
    void sslTrustPointMustNameATrustpoint() {
        AsaConfigException e = error(BASE + "ssl trust-point NOTP outside\n");
        assertThat(e.line()).isEqualTo(16);
        assertThat(e.getMessage()).contains("crypto ca trustpoint 'NOTP' is not defined");
    }

    @Test
    void certificateChainMustNameATrustpoint() {
        AsaConfigException e = error(BASE + "crypto ca certificate chain NOTP\n certificate ca 01\n  3082\n  quit\n");
        assertThat(e.line()).isEqualTo(16);
        assertThat(e.command()).isEqualTo("crypto ca certificate chain");
    }

    @Test
    void attributesNeedTheDeclaration() {
        assertThat(error(BASE + "tunnel-group OTHER general-attributes\n address-pool POOL\n").getMessage())
                .startsWith("line 16: tunnel-group: 'tunnel-group OTHER type remote-access' is not defined");
        assertThat(error(BASE + "group-policy OTHER attributes\n vpn-simultaneous-logins 1\n").getMessage())
                .startsWith("line 16: group-policy: 'group-policy OTHER internal' is not defined");
        // The built-in ones exist without a declaration.
        assertThatCode(() -> AsaConfigParser.parse(BASE + "group-policy DfltGrpPolicy attributes\n vpn-simultaneous-logins 1\n"
                + "tunnel-group DefaultWEBVPNGroup webvpn-attributes\n authentication certificate\n")).doesNotThrowAnyException();
    }

    @Test
    void anEnabledGroupUrlOrAliasBelongsToOneGroup() {
        String second = """
                tunnel-group TG2 type remote-access
                tunnel-group TG2 webvpn-attributes
                 group-url https://VPN.example.com/tg/ enable
                """;
        AsaConfigException e = error(BASE + second);
        assertThat(e.line()).isEqualTo(18);
        assertThat(e.getMessage()).contains("already used at line 15");

        assertThatCode(() -> AsaConfigParser.parse(BASE + second.replace("/ enable", "/ disable"))).doesNotThrowAnyException();
        assertThat(error(BASE + "tunnel-group TG webvpn-attributes\n group-alias A enable\n" + second.replace("group-url https://VPN.example.com/tg/", "group-alias A"))
                .getMessage()).contains("group-alias").contains("'A' is already used at line 17");
    }

    @Test
    void duplicatePoolIsAnError() {
        AsaConfigException e = error(BASE + "ip local pool POOL 10.1.0.1-10.1.0.10 mask 255.255.255.0\n");
        assertThat(e.line()).isEqualTo(16);
        assertThat(e.getMessage()).contains("already defined at line 1");
    }

    @Test
    void theFirstErrorByLineIsReported() {
        String text = BASE.replace("value split", "value nosplit").replace(" address-pool POOL", " address-pool NOPOOL");
        assertThat(error(text).line()).isEqualTo(6);
    }

    @Test
    void referencesMayComeBeforeTheDefinition() {
        String reordered = """
                tunnel-group TG type remote-access
                tunnel-group TG general-attributes
                 address-pool POOL
                 default-group-policy GP
                group-policy GP internal
                ip local pool POOL 10.0.0.1-10.0.0.10 mask 255.255.255.0
                """;
        assertThat(AsaConfigParser.parse(reordered).poolFor(AsaConfigParser.parse(reordered).tunnelGroup("TG").orElseThrow()))
                .map(IpPool::name).contains("POOL");
    }
}
