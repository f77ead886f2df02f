package org.mcalab.gateway.auth;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The last refusals, each under a random id the client gets as a cookie. After a refused auth-reply (or a 400)
 * openconnect gives up on XML and sends {@code GET} on the same URL (docs/protocol.md §4.4, §7.3); that GET carries
 * the cookie, so the gateway can answer it with the refusal and the client's last words are the real reason
 * instead of "Unexpected 404". Bounded in count and age, so a refusal flood cannot grow it; an id is shown once.
 */
final class RefusalNotes {
    static final Duration LIFETIME = Duration.ofMinutes(1);
    static final int CAPACITY = 4096;

    private record Note(String text, Instant expires) {}

    private final Clock clock;
    private final SecureRandom random;
    private final Map<String, Note> notes = new LinkedHashMap<>();

    RefusalNotes(Clock clock, SecureRandom random) {
        this.clock = clock;
        this.random = random;
    }

    /** Keeps {@code text}; returns its id (16 random bytes, base64url: a valid cookie value). */
    synchronized String add(String text) {
        Instant now = clock.instant();
        for (Iterator<Note> it = notes.values().iterator(); it.hasNext(); ) {
            Note n = it.next();
            if (notes.size() < CAPACITY && n.expires().isAfter(now)) {
                break; // insertion order is expiry order: the rest are younger
            }
            it.remove();
        }
        byte[] raw = new byte[16];
        random.nextBytes(raw);
        String id = Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
        notes.put(id, new Note(text, now.plus(LIFETIME)));
        return id;
    }

    /** The text kept under {@code id}, once, while it is fresh. */
    synchronized Optional<String> take(String id) {
        Note n = id == null ? null : notes.remove(id);
        return n == null || !n.expires().isAfter(clock.instant()) ? Optional.empty() : Optional.of(n.text());
    }

    synchronized int size() {
        return notes.size();
    }
}
