package org.mcalab.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import org.junit.jupiter.api.Test;

/** How a group authenticates and how many password guesses a local user gets are each said once. */
class LocalAuthenticationConfigTest {
    private static final String MCA_GROUP = """
            tunnel-group ANYCONNECT-MCA type remote-access
            tunnel-group ANYCONNECT-MCA webvpn-attributes
             authentication multiple-certificate
             group-alias ANYCONNECT-MCA enable
            """;

    @Test
    void aSecondBlockThatChangesTheAuthenticationMethodIsAnErrorNamingBothLines() {
        AsaConfigException e = catchThrowableOfType(() -> AsaConfigParser.parse(MCA_GROUP + """
                !
                tunnel-group ANYCONNECT-MCA webvpn-attributes
                 authentication aaa
                """), AsaConfigException.class);
        assertThat(e.line()).isEqualTo(7);
        assertThat(e).hasMessage("line 7: authentication: tunnel group ANYCONNECT-MCA already has 'authentication "
                + "multiple-certificate' at line 3; a group has one authentication method; got 'authentication aaa'");
    }

    @Test
    void repeatingTheSameMethodIsFine() {
        AsaConfig config = AsaConfigParser.parse(MCA_GROUP + """
                tunnel-group ANYCONNECT-MCA webvpn-attributes
                 authentication multiple-certificate
                """);
        assertThat(config.tunnelGroup("ANYCONNECT-MCA").orElseThrow().authentication())
                .isEqualTo(AuthenticationMethod.MULTIPLE_CERTIFICATE);
    }

    @Test
    void maxFailIsParsedAndAbsentMeansNoLimitAsOnTheAsa() {
        assertThat(AsaConfigParser.parse("aaa local authentication attempts max-fail 10\n").localMaxFailedAttempts())
                .hasValue(10);
        assertThat(AsaConfigParser.parse("hostname X\n").localMaxFailedAttempts()).isEmpty();
        assertThat(AsaConfigSummary.render(AsaConfigParser.parse("aaa local authentication attempts max-fail 3\n")))
                .contains("lock-out: after 3 consecutive failed logins (privilege 15 excepted)");
    }

    @Test
    void maxFailOutOfRangeOrSaidTwiceDifferentlyIsAnError() {
        AsaConfigException range = catchThrowableOfType(() -> AsaConfigParser.parse(
                "aaa local authentication attempts max-fail 17\n"), AsaConfigException.class);
        assertThat(range).hasMessageContaining("line 1: aaa local authentication attempts max-fail: expected "
                + "'aaa local authentication attempts max-fail 1-16' (17 is outside 1..16)");
        AsaConfigException twice = catchThrowableOfType(() -> AsaConfigParser.parse(
                "aaa local authentication attempts max-fail 5\nhostname X\naaa local authentication attempts max-fail 9\n"),
                AsaConfigException.class);
        assertThat(twice).hasMessageContaining("line 3: aaa local authentication attempts max-fail: max-fail is already 5 at line 1");
    }
}
