package org.mcalab.gateway.tunnel;

import org.mcalab.gateway.config.AsaConfig;
import org.mcalab.gateway.config.AsaConfigParser;

/** The seed's tunnel-relevant configuration (pool, split ACL, group policy, tunnel group), plus knobs tests vary. */
final class SeedConfig {
    private SeedConfig() {
    }

    static final String TEXT = """
            hostname GCE-ASA
            ip local pool ANYCONNECT-POOL 192.168.100.1-192.168.100.254 mask 255.255.255.0
            access-list split standard permit 192.168.1.0 255.255.255.0
            webvpn
             enable outside
             anyconnect enable
            group-policy Grouppolicy-MCA internal
            group-policy Grouppolicy-MCA attributes
             vpn-tunnel-protocol ssl-client
             split-tunnel-policy tunnelspecified
             split-tunnel-network-list value split
            tunnel-group ANYCONNECT-MCA type remote-access
            tunnel-group ANYCONNECT-MCA general-attributes
             address-pool ANYCONNECT-POOL
             default-group-policy Grouppolicy-MCA
            tunnel-group ANYCONNECT-MCA webvpn-attributes
             authentication multiple-certificate
            """;

    static AsaConfig seed() {
        return AsaConfigParser.parse(TEXT);
    }

    /** The seed with extra group-policy attribute lines (e.g. " vpn-idle-timeout 1") and another pool range. */
    static AsaConfig with(String poolRange, String... policyLines) {
        String text = TEXT.replace("192.168.100.1-192.168.100.254", poolRange)
                .replace(" split-tunnel-network-list value split\n",
                        " split-tunnel-network-list value split\n" + String.join("\n", policyLines) + (policyLines.length > 0 ? "\n" : ""));
        return AsaConfigParser.parse(text);
    }
}
