package org.mcalab.gateway.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import java.time.Instant;
import org.mcalab.fixtures.LabClock;

/** vpn-simultaneous-logins at login: the oldest sessions of the user are logged off, other users keep theirs. */
class SessionDbTest {
    private final LabClock clock = new LabClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final SessionDb sessions = new SessionDb(clock, new SecureRandom(), "7f000001");

    private SessionDb.Opened login(String user, int limit) {
        clock.advance(Duration.ofSeconds(1));
        return sessions.open(new Login(user, "ANYCONNECT-MCA", "Grouppolicy-MCA", "127.0.0.1", 50000, 443,
                AuthMode.MULTIPLE_CERTIFICATE, "linux-64", "Open AnyConnect VPN Agent v9.01-3", "TLSv1.3",
                "TLS_AES_256_GCM_SHA384", null, null, Optional.empty()), limit);
    }

    @Test
    void theFourthLoginOfAUserLogsOffTheOldestAndLeavesThree() {
        SessionDb.Opened bob = login("bob", 3);
        List<SessionDb.Opened> alice = List.of(login("alice", 3), login("alice", 3), login("alice", 3));
        assertThat(sessions.active()).hasSize(4);

        SessionDb.Opened fourth = login("alice", 3);

        assertThat(sessions.active()).extracting(Session::index).containsExactly(bob.session().index(),
                alice.get(1).session().index(), alice.get(2).session().index(), fourth.session().index());
        Session oldest = alice.get(0).session();
        assertThat(oldest.active()).isFalse();
        assertThat(oldest.endReason()).contains(SessionDb.MAX_LOGINS_EXCEEDED);
        assertThat(sessions.findActive(alice.get(0).token())).as("the oldest cookie no longer works").isEmpty();
        assertThat(sessions.findActive(fourth.token())).isPresent();
    }

    @Test
    void aLimitOfOneKeepsOnlyTheNewestAndZeroMeansNoLimit() {
        SessionDb.Opened first = login("carol", 1);
        SessionDb.Opened second = login("carol", 1);
        assertThat(sessions.active()).extracting(Session::index).containsExactly(second.session().index());
        assertThat(first.session().active()).isFalse();

        for (int i = 0; i < 5; i++) {
            login("dave", 0);
        }
        assertThat(sessions.active()).filteredOn(s -> s.login().username().equals("dave")).hasSize(5);
    }
}
