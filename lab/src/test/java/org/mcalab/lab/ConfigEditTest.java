package org.mcalab.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mcalab.fixtures.PkiOptions;
import org.mcalab.fixtures.TestPki;
import org.mcalab.gateway.config.AsaConfig;
import org.mcalab.gateway.config.AsaConfigParser;

/** Typed edits on the minted asa.cfg: each changes exactly its setting, and one naming a missing line says so. */
class ConfigEditTest {
    @TempDir
    static Path dir;
    static AsaConfig minted;

    @BeforeAll
    static void mint() throws Exception {
        minted = AsaConfigParser.parse(TestPki.mint(dir.resolve("pki"), PkiOptions.defaults()).manifest().asaConfig());
    }

    @Test
    void poolEditReplacesTheNamedPoolOnly() {
        AsaConfig edited = ConfigEdit.pool("ANYCONNECT-POOL", "192.168.100.1", "192.168.100.8", "255.255.255.0").apply(minted);
        assertThat(edited.pools().get("ANYCONNECT-POOL").size()).isEqualTo(8);
        assertThat(minted.pools().get("ANYCONNECT-POOL").size()).isEqualTo(254);
        assertThat(edited.tunnelGroups()).isEqualTo(minted.tunnelGroups());
    }

    @Test
    void policyEditsChainAndKeepTheRestOfThePolicy() {
        AsaConfig edited = ConfigEdit.simultaneousLogins("Grouppolicy-MCA", 100)
                .then(ConfigEdit.gatewayDpd("Grouppolicy-MCA", Duration.ofSeconds(10))).apply(minted);
        var before = minted.groupPolicies().get("Grouppolicy-MCA");
        var after = edited.groupPolicies().get("Grouppolicy-MCA");
        assertThat(after.simultaneousLogins()).isEqualTo(100);
        assertThat(after.anyconnect().dpdGateway()).isEqualTo(Optional.of(Duration.ofSeconds(10)));
        assertThat(after.anyconnect().dpdClient()).isEqualTo(before.anyconnect().dpdClient());
        assertThat(after.addressPools()).isEqualTo(before.addressPools());
    }

    @Test
    void anEditOfAMissingLineFailsNamingIt() {
        assertThatThrownBy(() -> ConfigEdit.pool("NO-SUCH-POOL", "192.0.2.1", "192.0.2.2", "255.255.255.0").apply(minted))
                .isInstanceOf(LabException.class).hasMessageContaining("ip local pool NO-SUCH-POOL");
        assertThatThrownBy(() -> ConfigEdit.simultaneousLogins("Nope", 5).apply(minted))
                .isInstanceOf(LabException.class).hasMessageContaining("group-policy Nope");
        assertThatThrownBy(() -> ConfigEdit.pool("P", "example.com", "192.0.2.2", "255.255.255.0"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not an IPv4 address");
    }
}
