package org.mcalab.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** A known command in the wrong form stops the parse with its line, its text and the form it should have. */
class MalformedCommandTest {

    private static final String GP = "group-policy GP internal\ngroup-policy GP attributes\n";
    private static final String GP_WEBVPN = GP + " webvpn\n";
    private static final String TG = "tunnel-group TG type remote-access\n";

    static Stream<Arguments> cases() {
        return Stream.of(
                // preamble, bad line, command, expected form
                Arguments.of("", "ASA Version", "ASA Version", "ASA Version VERSION"),
                Arguments.of("", "hostname", "hostname", "hostname NAME"),
                Arguments.of("", "hostname a b", "hostname", "hostname NAME"),
                Arguments.of("", "ip local pool P 10.0.0.1 mask 255.255.255.0", "ip local pool", "ip local pool NAME FIRST-LAST mask MASK"),
                Arguments.of("", "ip local pool P 10.0.0.1-10.0.0.9 mask 255.0.255.0", "ip local pool", "ip local pool NAME FIRST-LAST mask MASK"),
                Arguments.of("", "ip local pool P 10.0.0.9-10.0.0.1 mask 255.255.255.0", "ip local pool", "ip local pool NAME FIRST-LAST mask MASK"),
                Arguments.of("", "ip local pool P 10.0.0.1-10.0.0.256 mask 255.255.255.0", "ip local pool", "ip local pool NAME FIRST-LAST mask MASK"),
                Arguments.of("", "ip local pool P 10.0.0.1-10.0.0.9 netmask 255.255.255.0", "ip local pool", "ip local pool NAME FIRST-LAST mask MASK"),
                Arguments.of("", "interface", "interface", "interface NAME"),
                Arguments.of("interface G0\n", " security-level 101", "security-level", "security-level 0-100"),
                Arguments.of("interface G0\n", " ip address 10.0.0.300 255.255.255.0", "ip address", "ip address ADDRESS MASK [standby ADDRESS]"),
                Arguments.of("interface G0\n", " nameif", "nameif", "nameif NAME"),
                Arguments.of("object network O\n", " subnet 10.0.0.0", "subnet", "subnet NETWORK MASK"),
                Arguments.of("object network O\n", " host 10.0.0.x", "host", "host ADDRESS"),
                Arguments.of("", "access-list split standard allow 10.0.0.0 255.0.0.0", "access-list", "access-list NAME standard permit|deny NETWORK MASK|host ADDRESS|any4"),
                Arguments.of("", "access-list split standard permit 10.0.0.0", "access-list", "access-list NAME standard permit|deny NETWORK MASK|host ADDRESS|any4"),
                Arguments.of("", "nat inside,outside source static a b", "nat", TopLevelMode.NAT.expected()),
                Arguments.of("", "crypto ca trustpoint", "crypto ca trustpoint", "crypto ca trustpoint NAME"),
                Arguments.of("crypto ca trustpoint T\n", " enrollment by-mail", "enrollment", "enrollment terminal|self|url URL"),
                Arguments.of("crypto ca trustpoint T\n", " revocation-check sometimes", "revocation-check", "revocation-check crl|ocsp|none [crl|ocsp|none ...]"),
                Arguments.of("crypto ca trustpoint T\n", " keypair", "keypair", "keypair NAME"),
                Arguments.of("crypto ca trustpoint T\ncrypto ca certificate chain T\n", " certificate ca zz12", "certificate", "certificate [ca] SERIAL"),
                Arguments.of("crypto ca trustpoint T\ncrypto ca certificate chain T\n", " certificate", "certificate", "certificate [ca] SERIAL"),
                Arguments.of("", "webvpn now", "webvpn", "webvpn"),
                Arguments.of("webvpn\n", " enable", "enable", "enable IFNAME [tls-only]"),
                Arguments.of("webvpn\n", " anyconnect image", "anyconnect image", WebVpnMode.IMAGE.expected()),
                Arguments.of("webvpn\n", " anyconnect image disk0:/a.pkg first", "anyconnect image", WebVpnMode.IMAGE.expected()),
                Arguments.of("webvpn\n", " anyconnect enable now", "anyconnect enable", "anyconnect enable"),
                Arguments.of("", "group-policy GP", "group-policy", "group-policy NAME internal|attributes"),
                Arguments.of("", "group-policy GP interna", "group-policy", "group-policy NAME internal|attributes"),
                Arguments.of(GP, " vpn-tunnel-protocol ssl-vpn", "vpn-tunnel-protocol", GroupPolicyMode.PROTOCOL.expected()),
                Arguments.of(GP, " split-tunnel-policy tunnelsome", "split-tunnel-policy", "split-tunnel-policy tunnelspecified|tunnelall|excludespecified"),
                Arguments.of(GP, " split-tunnel-network-list split", "split-tunnel-network-list", "split-tunnel-network-list value ACL|none"),
                Arguments.of(GP, " banner Welcome", "banner", "banner value TEXT|none"),
                Arguments.of(GP, " vpn-idle-timeout 0", "vpn-idle-timeout", "vpn-idle-timeout MINUTES|none"),
                Arguments.of(GP, " vpn-session-timeout 99999999999", "vpn-session-timeout", "vpn-session-timeout MINUTES|none"),
                Arguments.of(GP, " vpn-simultaneous-logins many", "vpn-simultaneous-logins", "vpn-simultaneous-logins N"),
                Arguments.of(GP, " dns-server value 1.2.3", "dns-server", "dns-server value ADDRESS [ADDRESS]|none"),
                Arguments.of(GP, " dns-server value 1.1.1.1 2.2.2.2 3.3.3.3", "dns-server", "dns-server value ADDRESS [ADDRESS]|none"),
                Arguments.of(GP, " default-domain example.com", "default-domain", "default-domain value DOMAIN|none"),
                Arguments.of(GP, " address-pools value", "address-pools", "address-pools value POOL [POOL ...]|none"),
                Arguments.of(GP_WEBVPN, "  anyconnect ssl dtls maybe", "anyconnect ssl dtls", "anyconnect ssl dtls enable|none"),
                Arguments.of(GP_WEBVPN, "  anyconnect ssl keepalive 5", "anyconnect ssl keepalive", "anyconnect ssl keepalive SECONDS|none"),
                Arguments.of(GP_WEBVPN, "  anyconnect dpd-interval client", "anyconnect dpd-interval", GroupPolicyWebVpnMode.DPD.expected()),
                Arguments.of(GP_WEBVPN, "  anyconnect dpd-interval client 30 client 40", "anyconnect dpd-interval", GroupPolicyWebVpnMode.DPD.expected()),
                Arguments.of(GP_WEBVPN, "  anyconnect mtu 9000", "anyconnect mtu", "anyconnect mtu 576-1462"),
                Arguments.of("", "tunnel-group TG type", "tunnel-group", TopLevelMode.TUNNEL_GROUP.expected()),
                Arguments.of("", "tunnel-group TG type site-to-site", "tunnel-group", TopLevelMode.TUNNEL_GROUP.expected()),
                Arguments.of("", "tunnel-group TG extra-attributes", "tunnel-group", TopLevelMode.TUNNEL_GROUP.expected()),
                Arguments.of(TG + "tunnel-group TG general-attributes\n", " address-pool", "address-pool", "address-pool [(IFNAME)] POOL [POOL ...]"),
                Arguments.of(TG + "tunnel-group TG general-attributes\n", " default-group-policy", "default-group-policy", "default-group-policy NAME"),
                Arguments.of(TG + "tunnel-group TG general-attributes\n", " username-from-certificate XX", "username-from-certificate", TunnelGroupGeneralMode.USERNAME.expected()),
                Arguments.of(TG + "tunnel-group TG general-attributes\n", " username-from-certificate use-script", "username-from-certificate", TunnelGroupGeneralMode.USERNAME.expected()),
                Arguments.of(TG + "tunnel-group TG general-attributes\n", " username-from-certificate-choice third-certificate", "username-from-certificate-choice", "username-from-certificate-choice first-certificate|second-certificate"),
                Arguments.of(TG + "tunnel-group TG webvpn-attributes\n", " authentication password", "authentication", "authentication multiple-certificate|certificate|aaa|aaa certificate"),
                Arguments.of(TG + "tunnel-group TG webvpn-attributes\n", " authentication saml", "authentication", "authentication multiple-certificate|certificate|aaa|aaa certificate"),
                Arguments.of(TG + "tunnel-group TG webvpn-attributes\n", " authentication multiple-certificate aaa", "authentication", "authentication multiple-certificate|certificate|aaa|aaa certificate"),
                Arguments.of(TG + "tunnel-group TG webvpn-attributes\n", " group-url /MCA enable", "group-url", "group-url URL [enable|disable]"),
                Arguments.of(TG + "tunnel-group TG webvpn-attributes\n", " group-url ftp://host/MCA enable", "group-url", "group-url URL [enable|disable]"),
                Arguments.of(TG + "tunnel-group TG webvpn-attributes\n", " group-url https://host/MCA on", "group-url", "group-url URL [enable|disable]"),
                Arguments.of(TG + "tunnel-group TG webvpn-attributes\n", " group-alias A maybe", "group-alias", "group-alias NAME [enable|disable]"),
                Arguments.of("", "ssl trust-point", "ssl trust-point", "ssl trust-point TRUSTPOINT [IFNAME]"),
                Arguments.of("", "username bob password", "username", TopLevelMode.USERNAME.expected()),
                Arguments.of("", "username bob secret s3cret", "username", TopLevelMode.USERNAME.expected()),
                Arguments.of("", "username bob password s3cret privilege 99", "username", TopLevelMode.USERNAME.expected()));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("cases")
    void failsWithLineNumberTextAndExpectedForm(String preamble, String bad, String command, String expected) {
        String text = "hostname GCE-ASA\n!\n" + preamble + bad + "\nhostname after\n";
        int line = (int) (text.substring(0, text.indexOf(bad + "\n")).chars().filter(c -> c == '\n').count()) + 1;

        AsaConfigException e = catchThrowableOfType(AsaConfigException.class, () -> AsaConfigParser.parse(text));

        assertThat(e).as("error for '%s'", bad).isNotNull();
        assertThat(e.line()).isEqualTo(line);
        assertThat(e.command()).isEqualTo(command);
        assertThat(e.expected()).isEqualTo(expected);
        assertThat(e.getMessage()).startsWith("line " + line + ": " + command + ": expected '" + expected + "'");
        if (bad.startsWith("username")) {
            assertThat(e.getMessage()).doesNotContain("s3cret");
        } else {
            assertThat(e.text()).isEqualTo(bad.strip());
        }
    }

    @ParameterizedTest(name = "unindented: {1}")
    @MethodSource("cases")
    void theSameLinesUnindentedFailTheSameWay(String preamble, String bad, String command, String expected) {
        String text = (preamble + bad + "\n").lines().map(String::strip).reduce("", (a, b) -> a + b + "\n");
        AsaConfigException e = catchThrowableOfType(AsaConfigException.class, () -> AsaConfigParser.parse(text));
        assertThat(e).as("error for '%s'", bad).isNotNull();
        assertThat(e.command()).isEqualTo(command);
    }

    @org.junit.jupiter.api.Test
    void messageLooksLikeTheBrief() {
        AsaConfigException e = catchThrowableOfType(AsaConfigException.class,
                () -> AsaConfigParser.parse("ip local pool P 10.0.0.1 mask 255.255.255.0\n"));
        assertThat(e.getMessage()).isEqualTo("line 1: ip local pool: expected 'ip local pool NAME FIRST-LAST mask MASK';"
                + " got 'ip local pool P 10.0.0.1 mask 255.255.255.0'");
    }
}
