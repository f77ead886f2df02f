package org.mcalab.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The lookups the gateway makes: tunnel group by group-url or alias, its policy, pool, split networks, users. */
class LookupTest {
    static final AsaConfig CONFIG = AsaConfigParser.parse("""
            ip local pool TG-POOL 10.0.0.1-10.0.0.10 mask 255.255.255.0
            ip local pool GP-POOL 10.1.0.1-10.1.0.10 mask 255.255.255.0
            access-list split standard permit 192.168.1.0 255.255.255.0
            access-list split standard deny host 192.168.1.7
            access-list split standard permit host 10.9.9.9
            access-list local standard permit any4
            group-policy DfltGrpPolicy attributes
             vpn-simultaneous-logins 1
             banner value Authorised use only
             webvpn
              anyconnect ssl dtls none
            group-policy GP internal
            group-policy GP attributes
             vpn-tunnel-protocol ssl-client ikev2
             split-tunnel-policy excludespecified
             split-tunnel-network-list value local
             banner value Line one
             banner value Line two
             vpn-idle-timeout none
             vpn-session-timeout 600
             dns-server value 10.0.0.53 10.0.0.54
             default-domain value example.com
             address-pools value GP-POOL
             webvpn
              anyconnect ssl keepalive none
              anyconnect dpd-interval gateway 60 client none
              anyconnect mtu 1300
            group-policy SPLIT internal
            group-policy SPLIT attributes
             split-tunnel-policy tunnelspecified
             split-tunnel-network-list value split
            tunnel-group MCA type remote-access
            tunnel-group MCA general-attributes
             address-pool TG-POOL
             default-group-policy SPLIT
             username-from-certificate UID OU
             username-from-certificate-choice second-certificate
            tunnel-group MCA webvpn-attributes
             authentication multiple-certificate
             group-alias MCA-ALIAS enable
             group-alias OLD disable
             group-url https://10.197.223.81/MCA enable
             group-url https://vpn.example.com/legacy disable
            tunnel-group PLAIN type remote-access
            tunnel-group PLAIN general-attributes
             address-pool TG-POOL
            tunnel-group PLAIN webvpn-attributes
             authentication aaa certificate
             group-url https://vpn.example.com/plain/ enable
            tunnel-group WITHPOOLS type remote-access
            tunnel-group WITHPOOLS general-attributes
             address-pool TG-POOL
             default-group-policy GP
            username alice password mcalab-alice privilege 0
            username bob password 3USUcOPFUiMCO4Jk encrypted
            username carol password secret
            """);

    static TunnelGroup group(String name) {
        return CONFIG.tunnelGroup(name).orElseThrow();
    }

    @Test
    void groupUrlMatchesOnPathIgnoringCaseTrailingSlashAndQuery() {
        for (String path : List.of("/MCA", "/mca", "/MCA/", "/Mca//", "/MCA?x=1", "MCA")) {
            assertThat(CONFIG.tunnelGroupByUrlPath(path)).as(path).contains(group("MCA"));
        }
        assertThat(CONFIG.tunnelGroupByUrlPath("/plain")).contains(group("PLAIN"));
        assertThat(CONFIG.tunnelGroupByUrlPath("/MCAX")).isEmpty();
        assertThat(CONFIG.tunnelGroupByUrlPath("/MCA/x")).isEmpty();
        assertThat(CONFIG.tunnelGroupByUrlPath("/")).isEmpty();
        assertThat(CONFIG.tunnelGroupByUrlPath("/legacy")).as("disabled group-url").isEmpty();
    }

    @Test
    void groupUrlWithHostMatchesTheHostToo() {
        assertThat(CONFIG.tunnelGroupByUrl("10.197.223.81", "/MCA")).contains(group("MCA"));
        assertThat(CONFIG.tunnelGroupByUrl("10.197.223.81:443", "/mca/")).contains(group("MCA"));
        assertThat(CONFIG.tunnelGroupByUrl("VPN.example.com", "/plain")).contains(group("PLAIN"));
        assertThat(CONFIG.tunnelGroupByUrl("vpn.example.com", "/MCA")).isEmpty();
        assertThat(CONFIG.tunnelGroupByUrl("127.0.0.1:8443", "/MCA")).isEmpty();
    }

    @Test
    void aliasesOnlyWhenEnabled() {
        assertThat(CONFIG.tunnelGroupByAlias("MCA-ALIAS")).contains(group("MCA"));
        assertThat(CONFIG.tunnelGroupByAlias("OLD")).isEmpty();
        assertThat(CONFIG.tunnelGroupByAlias("MCA")).isEmpty();
    }

    @Test
    void tunnelGroupAttributes() {
        TunnelGroup mca = group("MCA");
        assertThat(mca.usernameFromCertificate()).isEqualTo(new UsernameFromCertificate(CertificateAttribute.UID,
                Optional.of(CertificateAttribute.OU), UsernameFromCertificate.Choice.SECOND_CERTIFICATE));
        assertThat(group("PLAIN").authentication()).isEqualTo(AuthenticationMethod.AAA_CERTIFICATE);
        assertThat(group("WITHPOOLS").authentication()).as("ASA default").isEqualTo(AuthenticationMethod.AAA);
    }

    @Test
    void groupPolicyInheritsFromTheConfiguredDfltGrpPolicy() {
        GroupPolicy dflt = CONFIG.groupPolicyFor(group("PLAIN"));
        assertThat(dflt.name()).isEqualTo("DfltGrpPolicy");
        assertThat(dflt.simultaneousLogins()).isEqualTo(1);
        assertThat(dflt.anyconnect().dtls()).isFalse();
        assertThat(dflt.idleTimeout()).contains(Duration.ofMinutes(30));

        GroupPolicy split = CONFIG.groupPolicyFor(group("MCA"));
        assertThat(split.simultaneousLogins()).as("inherited").isEqualTo(1);
        assertThat(split.bannerText()).isEqualTo("Authorised use only");
        assertThat(split.anyconnect().dtls()).isFalse();
    }

    @Test
    void everyGroupPolicyAttribute() throws Exception {
        GroupPolicy gp = CONFIG.groupPolicies().get("GP");
        assertThat(gp.vpnTunnelProtocols()).isEqualTo(Set.of(TunnelProtocol.SSL_CLIENT, TunnelProtocol.IKEV2));
        assertThat(gp.allows(TunnelProtocol.SSL_CLIENTLESS)).isFalse();
        assertThat(gp.bannerText()).isEqualTo("Line one\nLine two");
        assertThat(gp.idleTimeout()).isEmpty();
        assertThat(gp.sessionTimeout()).contains(Duration.ofMinutes(600));
        assertThat(gp.dnsServers()).containsExactly((java.net.Inet4Address) InetAddress.getByName("10.0.0.53"),
                (java.net.Inet4Address) InetAddress.getByName("10.0.0.54"));
        assertThat(gp.defaultDomain()).contains("example.com");
        assertThat(gp.anyconnect()).isEqualTo(new AnyConnectClient(false, Optional.empty(), Optional.empty(),
                Optional.of(Duration.ofSeconds(60)), 1300));
    }

    @Test
    void policyPoolsTakePrecedenceOverTheTunnelGroupPool() {
        assertThat(CONFIG.poolFor(group("WITHPOOLS"))).map(IpPool::name).contains("GP-POOL");
        assertThat(CONFIG.poolFor(group("MCA"))).map(IpPool::name).contains("TG-POOL");
    }

    @Test
    void splitNetworksFollowThePolicyKind() {
        GroupPolicy split = CONFIG.groupPolicies().get("SPLIT");
        assertThat(CONFIG.splitIncludeNetworks(split)).extracting(Subnet::toString)
                .containsExactly("192.168.1.0/24", "10.9.9.9/32");
        assertThat(CONFIG.splitExcludeNetworks(split)).isEmpty();
        GroupPolicy gp = CONFIG.groupPolicies().get("GP");
        assertThat(CONFIG.splitIncludeNetworks(gp)).isEmpty();
        assertThat(CONFIG.splitExcludeNetworks(gp)).extracting(Subnet::toString).containsExactly("0.0.0.0/0");
        assertThat(CONFIG.splitIncludeNetworks(CONFIG.groupPolicies().get("DfltGrpPolicy"))).isEmpty();
    }

    @Test
    void localUsers() {
        LocalUser alice = CONFIG.localUser("alice").orElseThrow();
        assertThat(alice.privilege()).isZero();
        assertThat(alice.passwordMatches("mcalab-alice")).isTrue();
        assertThat(alice.passwordMatches("mcalab-alicE")).isFalse();
        assertThat(alice.passwordMatches(null)).isFalse();
        assertThat(alice.toString()).doesNotContain("mcalab-alice");
        assertThat(CONFIG.localUser("carol").orElseThrow().privilege()).as("ASA default").isEqualTo(2);

        LocalUser bob = CONFIG.localUser("bob").orElseThrow();
        assertThat(bob.usable()).isFalse();
        assertThat(bob.passwordMatches("3USUcOPFUiMCO4Jk")).isFalse();
        assertThat(CONFIG.warnings()).filteredOn(w -> w.message().contains("user bob")).singleElement().satisfies(w -> {
            assertThat(w.message()).contains("user bob").contains("hash");
            assertThat(w.text()).doesNotContain("3USUcOPFUiMCO4Jk");
        });
        assertThat(CONFIG.localUser("dave")).isEmpty();
    }
}
