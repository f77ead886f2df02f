package org.mcalab.gateway.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.mcalab.fixtures.LabClock;

/** The refusal kept for openconnect's GET after it: shown once, forgotten after a minute, never more than the cap. */
class RefusalNotesTest {
    private final LabClock clock = new LabClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final RefusalNotes notes = new RefusalNotes(clock, new SecureRandom());

    @Test
    void aNoteIsShownOnceToTheCookieThatNamesIt() {
        String id = notes.add("MCA-LIM-5: user certificate has an EC key (P-256); only RSA is supported");
        assertThat(id).matches("[A-Za-z0-9_-]{22}");
        assertThat(notes.take("someone-else")).isEmpty();
        assertThat(notes.take(null)).isEmpty();
        assertThat(notes.take(id)).contains("MCA-LIM-5: user certificate has an EC key (P-256); only RSA is supported");
        assertThat(notes.take(id)).isEmpty();
    }

    @Test
    void aNoteExpiresAfterItsLifetime() {
        String id = notes.add("MCA-PKI-1: untrusted");
        clock.advance(RefusalNotes.LIFETIME);
        assertThat(notes.take(id)).isEmpty();
    }

    @Test
    void aFloodOfRefusalsNeverHoldsMoreThanTheCapAndKeepsTheNewest() {
        String first = notes.add("first");
        String last = null;
        for (int i = 0; i < RefusalNotes.CAPACITY + 100; i++) {
            last = notes.add("refusal " + i);
        }
        assertThat(notes.size()).isEqualTo(RefusalNotes.CAPACITY);
        assertThat(notes.take(first)).isEmpty();
        assertThat(notes.take(last)).contains("refusal " + (RefusalNotes.CAPACITY + 99));
        clock.advance(Duration.ofMinutes(2));
        notes.add("after the flood");
        assertThat(notes.size()).as("expired notes go on the next add").isEqualTo(1);
    }
}
