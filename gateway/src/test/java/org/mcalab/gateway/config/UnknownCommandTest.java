package org.mcalab.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Lines nobody models become warnings with their line number; they never stop the parse and are never dropped silently. */
class UnknownCommandTest {

    @Test
    void unknownTopLevelCommandsAreWarnedAndParsingGoesOn() {
        AsaConfig config = AsaConfigParser.parse("""
                logging enable
                hostname A
                dns domain-lookup outside
                ip verify reverse-path interface outside
                ip local pool P 10.0.0.1-10.0.0.2 mask 255.255.255.0
                """);
        assertThat(config.warnings()).extracting(ParseWarning::line).containsExactly(1, 3, 4);
        assertThat(config.warnings()).extracting(ParseWarning::message).containsOnly("unknown command; ignored");
        assertThat(config.warnings().get(2).text()).isEqualTo("ip verify reverse-path interface outside");
        assertThat(config.hostname()).contains("A");
        assertThat(config.pools()).containsKey("P");
    }

    @Test
    void indentedConfigReportsUnknownSubCommandsAndUnknownModes() {
        AsaConfig config = AsaConfigParser.parse("""
                interface GigabitEthernet0/0
                 duplex auto
                 nameif outside
                crypto ikev2 policy 1
                 encryption aes-256
                 integrity sha384
                group-policy GP internal
                group-policy GP attributes
                 vpn-filter value ACL1
                 webvpn
                  anyconnect keep-installer installed
                  anyconnect mtu 1300
                 vpn-simultaneous-logins 5
                """);
        assertThat(config.warnings()).extracting(ParseWarning::line, ParseWarning::message).containsExactly(
                org.assertj.core.groups.Tuple.tuple(2, "unsupported sub-command of 'interface GigabitEthernet0/0'; ignored"),
                org.assertj.core.groups.Tuple.tuple(4, "unknown command; ignored"),
                org.assertj.core.groups.Tuple.tuple(5, "sub-command of 'crypto ikev2 policy 1', which is not modelled; ignored"),
                org.assertj.core.groups.Tuple.tuple(6, "sub-command of 'crypto ikev2 policy 1', which is not modelled; ignored"),
                org.assertj.core.groups.Tuple.tuple(9, "unsupported sub-command of 'group-policy GP attributes'; ignored"),
                org.assertj.core.groups.Tuple.tuple(11, "unsupported sub-command of 'group-policy GP attributes / webvpn'; ignored"));
        assertThat(config.interfaces().get("GigabitEthernet0/0").nameif()).contains("outside");
        assertThat(config.groupPolicies().get("GP").anyconnect().mtu()).isEqualTo(1300);
        assertThat(config.groupPolicies().get("GP").simultaneousLogins()).isEqualTo(5);
    }

    @Test
    void unindentedUnknownLinesKeepTheModeOpen() {
        AsaConfig config = AsaConfigParser.parse("""
                group-policy GP internal
                group-policy GP attributes
                vpn-filter value ACL1
                vpn-simultaneous-logins 5
                """);
        assertThat(config.warnings()).singleElement().satisfies(w -> {
            assertThat(w.line()).isEqualTo(3);
            assertThat(w.message()).contains("not a known sub-command of 'group-policy GP attributes'");
        });
        assertThat(config.groupPolicies().get("GP").simultaneousLogins()).isEqualTo(5);
    }

    @Test
    void unsupportedVariantsOfKnownCommandsAreWarnings() {
        AsaConfig config = AsaConfigParser.parse("""
                access-list OUT extended permit ip any any
                group-policy EXT external server-group RADIUS
                tunnel-group L2L type ipsec-l2l
                tunnel-group L2L ipsec-attributes
                 ikev2 remote-authentication pre-shared-key secret
                tunnel-group L2L general-attributes
                 default-group-policy GP
                username bob attributes
                 vpn-group-policy GP
                username carol nopassword
                """);
        assertThat(config.warnings()).extracting(ParseWarning::line).containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 9, 10);
        assertThat(config.accessLists()).isEmpty();
        assertThat(config.tunnelGroups()).isEmpty();
        assertThat(config.localUsers()).isEmpty();
    }

    @Test
    void commentsHeadersBlankLinesAndExitAreNotWarnings() {
        AsaConfig config = AsaConfigParser.parse("""
                : Saved
                :
                ! a comment
                \t
                group-policy GP internal
                group-policy GP attributes
                 vpn-idle-timeout none
                exit
                hostname H
                """.replace("\n", "\r\n"));
        assertThat(config.warnings()).isEmpty();
        assertThat(config.groupPolicies().get("GP").idleTimeout()).isEmpty();
        assertThat(config.hostname()).contains("H");
    }

    @Test
    void everyNonCommentLineIsUsedOrWarned() {
        // In the seed block every line that is neither used by the model nor a comment shows up as a warning.
        List<String> unused = List.of("AnyConnect_pool obj-AnyConnect_pool no-proxy-arp route-lookup", "<snip>");
        AsaConfig config = AsaConfigParser.parse(String.join("\n", "hostname A", unused.get(0), "crypto ca trustpoint T",
                "crypto ca certificate chain T", "certificate ca 01", "3082", unused.get(1), "quit"));
        assertThat(config.warnings()).extracting(ParseWarning::text).contains(unused.get(0), unused.get(1));
    }
}
