package org.mcalab.gateway.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mcalab.gateway.it.MutableClock;
import org.mcalab.protocol.Requirement;

class AuthInfoTableTest {
    final MutableClock clock = new MutableClock(Instant.parse("2017-10-01T22:26:27Z"));
    final AuthInfoTable table = new AuthInfoTable(clock, Duration.ofMinutes(3), 2, new SecureRandom());

    String create() {
        var r = table.create(AuthInfoTable.Kind.MCA, h -> new AuthInfo(h, "G", "10.0.0.1", new byte[] {1}, List.of(), "R", "linux-64",
                null, clock.instant()));
        return ((AuthInfoTable.Result.Found) r).entry().handle();
    }

    Requirement refusal(AuthInfoTable.Result r) {
        return ((AuthInfoTable.Result.Missing) r).refusal().requirement();
    }

    @Test
    void handlesAreNineOrTenDigitsAndUnique() {
        AuthInfoTable big = new AuthInfoTable(clock, Duration.ofMinutes(3), 10_000, new SecureRandom());
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (int i = 0; i < 2000; i++) {
            var r = (AuthInfoTable.Result.Found) big.create(AuthInfoTable.Kind.MCA,
                    h -> new AuthInfo(h, "G", "ip", new byte[0], List.of(), "", null, null, clock.instant()));
            assertThat(r.entry().handle()).matches("[1-9][0-9]{8,9}");
            assertThat(seen.add(r.entry().handle())).isTrue();
        }
    }

    @Test
    void anEntryIsSingleUseAndItsReplayIsToldApartFromAnUnknownHandle() {
        String h = create();
        assertThat(table.take(h)).isInstanceOf(AuthInfoTable.Result.Found.class);
        assertThat(refusal(table.take(h))).isEqualTo(Requirement.MCA_ROB_4);
        assertThat(refusal(table.take("999999999"))).isEqualTo(Requirement.MCA_FLOW_5);
    }

    @Test
    void anEntryExpiresThreeMinutesAfterCreation() {
        String h = create();
        clock.advance(Duration.ofMinutes(3));
        assertThat(refusal(table.take(h))).isEqualTo(Requirement.MCA_FLOW_5);
    }

    @Test
    void aReinstatedPasswordEntryCountsFailuresAndGetsAFreshTimer() {
        String h = create();
        var taken = ((AuthInfoTable.Result.Found) table.take(h)).entry();
        clock.advance(Duration.ofMinutes(2));
        var back = table.reinstate(taken);
        assertThat(back.failures()).isEqualTo(1);
        clock.advance(Duration.ofMinutes(2));
        assertThat(table.take(h)).isInstanceOf(AuthInfoTable.Result.Found.class);
    }

    @Test
    void theCapRefusesNewEntriesUntilOldOnesExpire() {
        create();
        create();
        var full = table.create(AuthInfoTable.Kind.MCA, h -> {
            throw new AssertionError("must not build when full");
        });
        assertThat(refusal(full)).isEqualTo(Requirement.MCA_ROB_3);
        clock.advance(Duration.ofMinutes(4));
        create();
        assertThat(table.pending()).isEqualTo(1);
    }
}
