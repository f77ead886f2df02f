package org.mcalab.gateway.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mcalab.fixtures.LabClock;
import org.mcalab.protocol.Requirement;

class AuthInfoTableTest {
    final LabClock clock = new LabClock(Instant.parse("2017-10-01T22:26:27Z"));
    final AuthInfoTable table = new AuthInfoTable(clock, Duration.ofMinutes(3), 2, new SecureRandom());

    String create() {
        return create(table, "address 10.0.0.1");
    }

    String create(AuthInfoTable t, String source) {
        var r = t.create(AuthInfoTable.Kind.MCA, source, h -> new AuthInfo(h, "G", "10.0.0.1", new byte[] {1}, List.of(), "R",
                "linux-64", null, clock.instant()));
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
            var r = (AuthInfoTable.Result.Found) big.create(AuthInfoTable.Kind.MCA, "address ip",
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

    /** Issue 14 #2: one source flooding inits evicts its own oldest attempts, never another source's. */
    @Test
    void aFloodingSourceEvictsOnlyItsOwnOldestEntries() {
        AuthInfoTable t = new AuthInfoTable(clock, Duration.ofMinutes(3), 100, 10, new SecureRandom());
        String good = create(t, "certificate good");
        List<String> flood = new java.util.ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            flood.add(create(t, "address 127.0.0.2"));
        }
        assertThat(t.pending("address 127.0.0.2")).isEqualTo(10);
        assertThat(t.pending()).isEqualTo(11);
        assertThat(t.take(good)).isInstanceOf(AuthInfoTable.Result.Found.class);
        // the flood's newest attempts are served, its oldest were dropped with a clear reason
        assertThat(t.take(flood.get(flood.size() - 1))).isInstanceOf(AuthInfoTable.Result.Found.class);
        var dropped = (AuthInfoTable.Result.Missing) t.take(flood.get(flood.size() - 11));
        assertThat(dropped.refusal().text()).startsWith("MCA-ROB-3: ").contains("too many pending");
    }

    /** Many sources filling the table: the biggest source gives way, a source with one attempt keeps it. */
    @Test
    void aFullTableTakesFromTheBiggestSource() {
        AuthInfoTable t = new AuthInfoTable(clock, Duration.ofMinutes(3), 30, 10, new SecureRandom());
        String good = create(t, "certificate good");
        for (int i = 0; i < 1_000; i++) {
            create(t, "address 127.0.1." + (i % 7));
        }
        assertThat(t.pending()).isEqualTo(30);
        assertThat(t.take(good)).isInstanceOf(AuthInfoTable.Result.Found.class);
        for (int i = 0; i < 7; i++) {
            assertThat(t.pending("address 127.0.1." + i)).isBetween(4, 5);
        }
    }

    @Test
    void sourcesAreTheValidatedCertificateElseTheAddressOrIpv6Network() {
        assertThat(AuthInfoTable.source("127.0.0.2", null)).isEqualTo("address 127.0.0.2");
        assertThat(AuthInfoTable.source("2001:db8:1:2:aaaa::1", null))
                .isEqualTo(AuthInfoTable.source("2001:db8:1:2:bbbb::7", null))
                .isNotEqualTo(AuthInfoTable.source("2001:db8:1:3::1", null));
    }

    /**
     * Issue 15 #5: a reply 185 s after its init must hear "expired" (MCA-FLOW-5) whenever the gateway's 30 s sweep
     * ran in between; the sweep used to bury expired entries as used, so the reply was called a replay (MCA-ROB-4).
     */
    @Test
    void aReplyAfterExpiryIsExpiredWhereverTheSweepRan() {
        for (int sweepAt = 0; sweepAt <= 185; sweepAt++) {
            LabClock c = new LabClock(Instant.parse("2017-10-01T22:26:27Z"));
            AuthInfoTable t = new AuthInfoTable(c, Duration.ofMinutes(3), 100, new SecureRandom());
            var created = (AuthInfoTable.Result.Found) t.create(AuthInfoTable.Kind.MCA, "address 10.0.0.1",
                    h -> new AuthInfo(h, "G", "10.0.0.1", new byte[] {1}, List.of(), "R", "linux-64", null, c.instant()));
            c.advance(Duration.ofSeconds(sweepAt));
            t.sweep();
            c.advance(Duration.ofSeconds(185 - sweepAt));
            for (int attempt = 0; attempt < 2; attempt++) { // a retry of the late reply is still "expired"
                var late = (AuthInfoTable.Result.Missing) t.take(created.entry().handle());
                assertThat(late.refusal().text()).as("sweep at %d s, attempt %d", sweepAt, attempt)
                        .startsWith("MCA-FLOW-5: ").contains("expired");
            }
        }
    }

    @Test
    void aHugeHandleIsShownCutInTheRefusal() {
        var r = (AuthInfoTable.Result.Missing) table.take("9".repeat(60_000));
        assertThat(r.refusal().text()).hasSizeLessThan(200).contains("bytes cut");
    }
}
