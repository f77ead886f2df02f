package org.mcalab.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The CLI block of the seed document ("Configure ASA for Multiple Certificate Authentication via CLI"),
 * copied as it is there (unindented, with the {@code <snip>} lines and the nat line wrapped in two) minus
 * the document's ``` fences.
 */
class SeedConfigTest {
    static AsaConfig config;

    @BeforeAll
    static void parseSeed() throws IOException {
        config = seed();
    }

    static AsaConfig seed() throws IOException {
        return AsaConfigParser.parse(Path.of("src/test/resources/config/seed-running-config.txt"));
    }

    @Test
    void loadsWithWarningsAtTheLinesThatCouldNotBeUsed() {
        assertThat(config.warnings()).extracting(ParseWarning::line).containsExactly(30, 31, 45, 47, 53, 56, 78);
        assertThat(config.warnings().get(1).text()).isEqualTo("AnyConnect_pool obj-AnyConnect_pool no-proxy-arp route-lookup");
        assertThat(config.warnings().get(1).message()).contains("unknown command").contains("line 30 ends with '-'");
        assertThat(config.warnings().get(2).message())
                .isEqualTo("certificate ca 00ea473dc301c2fdc7: hex does not decode to an X.509 certificate;"
                        + " trustpoint UserCA has no usable CA certificate");
        assertThat(config.warnings().get(3).text()).isEqualTo("<snip>");
        assertThat(config.warnings().get(4).message()).contains("trustpoint MachineCA has no usable CA certificate");
        assertThat(config.warnings().get(6).message()).contains("ANYCONNECT-MCA").contains("no trustpoint has a usable CA certificate");
    }

    @Test
    void hostnameVersionAndInterfaces() throws Exception {
        assertThat(config.hostname()).contains("GCE-ASA");
        assertThat(config.version()).contains("9.7(1)");
        Interface outside = config.interfaces().get("GigabitEthernet0/0");
        assertThat(outside.nameif()).contains("outside");
        assertThat(outside.securityLevel()).isEqualTo(100);
        assertThat(outside.address()).contains((java.net.Inet4Address) InetAddress.getByName("10.197.223.81"));
        assertThat(outside.mask()).contains((java.net.Inet4Address) InetAddress.getByName("255.255.254.0"));
        assertThat(config.interfaces().get("GigabitEthernet0/1").nameif()).contains("inside");
    }

    @Test
    void poolOf254Addresses() throws Exception {
        IpPool pool = config.pools().get("ANYCONNECT-POOL");
        assertThat(pool.size()).isEqualTo(254);
        assertThat(pool.first().getHostAddress()).isEqualTo("192.168.100.1");
        assertThat(pool.last().getHostAddress()).isEqualTo("192.168.100.254");
        assertThat(pool.mask().getHostAddress()).isEqualTo("255.255.255.0");
        assertThat(pool.addressAt(253).getHostAddress()).isEqualTo("192.168.100.254");
        assertThat(pool.indexOf(InetAddress.getByName("192.168.100.10"))).hasValue(9);
        assertThat(pool.contains(InetAddress.getByName("192.168.100.255"))).isFalse();
        assertThat(pool).hasSize(254);
        assertThat(pool.subnet()).hasToString("192.168.100.0/24");
    }

    @Test
    void objectsAndSplitAcl() {
        assertThat(config.networkObjects().get("obj-Local_Lan").subnet()).map(Subnet::toString).contains("192.168.1.0/24");
        assertThat(config.networkObjects().get("obj-AnyConnect_pool").subnet()).map(Subnet::toString).contains("192.168.100.0/24");
        assertThat(config.accessLists().get("split").permitted()).extracting(Subnet::toString).containsExactly("192.168.1.0/24");
    }

    @Test
    void natIsKeptVerbatimNotApplied() {
        assertThat(config.nats()).singleElement().satisfies(nat -> {
            assertThat(nat.line()).isEqualTo(30);
            assertThat(nat.realInterface()).isEqualTo("inside");
            assertThat(nat.mappedInterface()).isEqualTo("outside");
            assertThat(nat.text()).startsWith("nat (inside,outside) source static obj-Local_Lan");
        });
        assertThat(AsaConfigSummary.render(config)).contains("nat: parsed, not applied");
    }

    @Test
    void trustpointsCheckCrlButHaveNoCertificate() {
        for (String name : List.of("UserCA", "MachineCA")) {
            Trustpoint tp = config.trustpoint(name).orElseThrow();
            assertThat(tp.enrollment()).contains("terminal");
            assertThat(tp.checksCrl()).isTrue();
            assertThat(tp.caCertificates()).isEmpty();
        }
    }

    @Test
    void webvpn() {
        WebVpn w = config.webvpn();
        assertThat(w.enabledInterfaces()).containsExactly("outside");
        assertThat(w.anyconnectImages()).singleElement().satisfies(i -> {
            assertThat(i.path()).isEqualTo("disk0:/anyconnect-win-4.4.00243-webdeploy-k9.pkg");
            assertThat(i.order()).hasValue(2);
        });
        assertThat(w.anyconnectEnabled()).isTrue();
        assertThat(w.tunnelGroupListEnabled()).isTrue();
    }

    @Test
    void tunnelGroupResolvesToPolicyPoolAndSplitNetworks() {
        TunnelGroup group = config.tunnelGroup("ANYCONNECT-MCA").orElseThrow();
        assertThat(group.authentication()).isEqualTo(AuthenticationMethod.MULTIPLE_CERTIFICATE);
        assertThat(group.aliases()).containsExactly(new TunnelGroup.GroupAlias("ANYCONNECT-MCA", true));
        assertThat(group.groupUrls()).containsExactly(new TunnelGroup.GroupUrl(URI.create("https://10.197.223.81/MCA"), true));
        assertThat(group.usernameFromCertificate()).isEqualTo(UsernameFromCertificate.DEFAULT);
        assertThat(group.authenticationServerGroup()).isEqualTo("LOCAL");

        assertThat(config.tunnelGroupByUrlPath("/MCA")).contains(group);
        assertThat(config.tunnelGroupByAlias("ANYCONNECT-MCA")).contains(group);
        assertThat(config.poolFor(group)).contains(config.pools().get("ANYCONNECT-POOL"));

        GroupPolicy policy = config.groupPolicyFor(group);
        assertThat(policy.name()).isEqualTo("Grouppolicy-MCA");
        assertThat(policy.vpnTunnelProtocols()).isEqualTo(Set.of(TunnelProtocol.SSL_CLIENT));
        assertThat(policy.splitTunnelPolicy()).isEqualTo(SplitTunnelPolicy.TUNNEL_SPECIFIED);
        assertThat(policy.splitTunnelNetworkList()).contains("split");
        assertThat(config.splitIncludeNetworks(policy)).extracting(Subnet::toString).containsExactly("192.168.1.0/24");
        assertThat(config.splitExcludeNetworks(policy)).isEmpty();
    }

    @Test
    void unsetPolicyAttributesTakeTheAsaDefaults() {
        GroupPolicy policy = config.groupPolicies().get("Grouppolicy-MCA");
        assertThat(policy.idleTimeout()).contains(Duration.ofMinutes(30));
        assertThat(policy.sessionTimeout()).isEmpty();
        assertThat(policy.simultaneousLogins()).isEqualTo(3);
        assertThat(policy.banner()).isEmpty();
        assertThat(policy.anyconnect()).isEqualTo(new AnyConnectClient(true, Optional.of(Duration.ofSeconds(20)),
                Optional.of(Duration.ofSeconds(30)), Optional.of(Duration.ofSeconds(30)), 1406));
        assertThat(config.groupPolicies()).containsKey("DfltGrpPolicy");
    }

    @Test
    void summaryNamesEverythingTheGatewayWillUse() {
        String summary = AsaConfigSummary.render(config);
        assertThat(summary)
                .contains("hostname GCE-ASA (ASA Version 9.7(1))")
                .contains("ANYCONNECT-POOL 192.168.100.1-192.168.100.254 mask 255.255.255.0  (254 addresses)")
                .contains("UserCA  enrollment terminal  revocation-check crl\n    no CA certificate")
                .contains("authentication multiple-certificate")
                .contains("group-url https://10.197.223.81/MCA")
                .contains("group-alias ANYCONNECT-MCA")
                .contains("split-tunnel-policy tunnelspecified, network list split: 192.168.1.0/24")
                .contains("warnings (7)")
                .contains("line 47: not certificate hex");
    }
}
