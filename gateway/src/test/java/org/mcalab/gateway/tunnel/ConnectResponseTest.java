package org.mcalab.gateway.tunnel;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.Inet4Address;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.mcalab.gateway.config.AsaConfig;

class ConnectResponseTest {

    private static ConnectResponse build(AsaConfig config, Map<String, String> request) throws Exception {
        TunnelSettings s = TunnelSettings.resolve(config, "ANYCONNECT-MCA", null).orElseThrow();
        return ConnectResponse.build(s.hostname(), s.policy(), s.pool().orElseThrow(),
                (Inet4Address) InetAddress.getByName("192.168.100.1"), s.splitNetworks(), ConnectResponse.ClientRequest.of(request));
    }

    @Test
    void seedPolicyGivesAddressMaskSplitIncludeAndTimers() throws Exception {
        ConnectResponse r = build(SeedConfig.seed(), Map.of("X-CSTP-MTU", "1390", "X-CSTP-Base-MTU", "1500"));
        assertThat(r.wireText()).startsWith("HTTP/1.1 200 CONNECTED\r\n").endsWith("\r\n\r\n");
        assertThat(r.values("X-CSTP-Version")).containsExactly("1");
        assertThat(r.values("X-CSTP-Hostname")).containsExactly("GCE-ASA");
        assertThat(r.values("X-CSTP-Address")).containsExactly("192.168.100.1");
        assertThat(r.values("X-CSTP-Netmask")).containsExactly("255.255.255.0");
        assertThat(r.values("X-CSTP-Split-Include")).containsExactly("192.168.1.0/255.255.255.0");
        assertThat(r.values("X-CSTP-MTU")).containsExactly("1390");
        assertThat(r.values("X-CSTP-Base-MTU")).containsExactly("1500");
        // ASA defaults: DPD 30 s, keepalive 20 s, idle 30 min, no session timeout
        assertThat(r.values("X-CSTP-DPD")).containsExactly("30");
        assertThat(r.values("X-CSTP-Keepalive")).containsExactly("20");
        assertThat(r.values("X-CSTP-Idle-Timeout")).containsExactly("1800");
        assertThat(r.values("X-CSTP-Session-Timeout")).containsExactly("none");
        assertThat(r.values("X-CSTP-Rekey-Method")).containsExactly("none");
        assertThat(r.values("X-CSTP-Keep")).containsExactly("true");
        assertThat(r.values("X-CSTP-TCP-Keepalive")).containsExactly("true");
        assertThat(r.values("X-CSTP-License")).containsExactly("accept");
        assertThat(r.headers()).noneMatch(h -> h.name().startsWith("X-DTLS"));
        assertThat(r.headers()).noneMatch(h -> h.name().equals("X-CSTP-Content-Encoding"));
        assertThat(r.wireText()).contains("\r\nX-CSTP-MTU: 1390\r\n");
    }

    @Test
    void mtuIsTheSmallestOfClientPolicyAndLink() throws Exception {
        assertThat(build(SeedConfig.seed(), Map.of()).mtu()).as("policy default 1406 < 1500 - 70").isEqualTo(1406);
        assertThat(build(SeedConfig.seed(), Map.of("X-CSTP-Base-MTU", "1400")).mtu()).isEqualTo(1400 - ConnectResponse.LINK_OVERHEAD);
        assertThat(build(SeedConfig.seed(), Map.of("X-CSTP-MTU", "1300", "X-CSTP-Base-MTU", "65536")).mtu()).isEqualTo(1300);
        assertThat(build(SeedConfig.seed(), Map.of("X-CSTP-MTU", "65426", "X-CSTP-Base-MTU", "65536")).mtu()).isEqualTo(1406);
        assertThat(build(SeedConfig.with("192.168.100.1-192.168.100.254", " webvpn", "  anyconnect mtu 1200"), Map.of()).mtu())
                .isEqualTo(1200);
    }

    @Test
    void dnsDomainBannerAndTimeoutsComeFromThePolicy() throws Exception {
        AsaConfig config = SeedConfig.with("192.168.100.1-192.168.100.254",
                " dns-server value 192.168.1.53 192.168.1.54", " default-domain value lab.example",
                " banner value Authorized use only", " banner value 100% audited",
                " vpn-idle-timeout 5", " vpn-session-timeout 60");
        ConnectResponse r = build(config, Map.of());
        assertThat(r.values("X-CSTP-DNS")).containsExactly("192.168.1.53", "192.168.1.54");
        assertThat(r.values("X-CSTP-Default-Domain")).containsExactly("lab.example");
        assertThat(r.values("X-CSTP-Banner")).containsExactly("Authorized%20use%20only%0A100%25%20audited");
        assertThat(r.values("X-CSTP-Idle-Timeout")).containsExactly("300");
        assertThat(r.values("X-CSTP-Disconnected-Timeout")).containsExactly("300");
        assertThat(r.values("X-CSTP-Session-Timeout")).containsExactly("3600");
    }

    @Test
    void tunnelAllSendsNoSplitInclude() throws Exception {
        AsaConfig config = SeedConfig.with("192.168.100.1-192.168.100.254", " split-tunnel-policy tunnelall");
        assertThat(build(config, Map.of()).values("X-CSTP-Split-Include")).isEmpty();
        assertThat(Optional.of(config.groupPolicies().get("Grouppolicy-MCA").splitTunnelPolicy().keyword())).contains("tunnelall");
    }
}
