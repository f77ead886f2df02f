package org.mcalab.gateway.auth;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import org.mcalab.protocol.Refusal;
import org.mcalab.protocol.Requirement;

/**
 * Pending authentications by {@code aggauth-handle} (seed: "Created auth info", "Started timer (3 mins)").
 * An entry lives {@code lifetime} from creation or last use (MCA-FLOW-5) and is single-use: the first
 * reply takes it, success or not. Used handles stay as tombstones for another lifetime so a replay is told
 * apart from an unknown handle (MCA-ROB-4). The number of pending entries is capped so abandoned
 * attempts cannot exhaust memory (MCA-ROB-3). Thread-safe.
 */
public final class AuthInfoTable {
    private static final long HANDLE_MIN = 100_000_000L;      // 9 digits
    private static final long HANDLE_BOUND = 10_000_000_000L; // up to 10 digits

    /** What the pending entry is waiting for. */
    public enum Kind { MCA, PASSWORD }

    /** One pending authentication. {@code failures} counts wrong passwords (PASSWORD only). */
    public record Entry(AuthInfo info, Kind kind, Instant expires, int failures) {
        public String handle() {
            return info.handle();
        }
    }

    /** The outcome of {@link #take} or {@link #create}. */
    public sealed interface Result {
        record Found(Entry entry) implements Result {}

        record Missing(Refusal refusal) implements Result {}
    }

    private final Clock clock;
    private final Duration lifetime;
    private final int capacity;
    private final SecureRandom random;
    private final Map<String, Entry> entries = new HashMap<>();
    private final LinkedHashMap<String, Instant> tombstones = new LinkedHashMap<>();

    public AuthInfoTable(Clock clock, Duration lifetime, int capacity, SecureRandom random) {
        this.clock = clock;
        this.lifetime = lifetime;
        this.capacity = capacity;
        this.random = random;
    }

    public Duration lifetime() {
        return lifetime;
    }

    /**
     * Picks a fresh handle, lets {@code build} make the AuthInfo for it (the saved request bytes contain the
     * handle), and stores it.
     */
    public synchronized Result create(Kind kind, Function<String, AuthInfo> build) {
        Instant now = clock.instant();
        if (entries.size() >= capacity) {
            sweep(now);
            if (entries.size() >= capacity) {
                return new Result.Missing(new Refusal(Requirement.MCA_ROB_3,
                        "too many pending authentications (" + capacity + "); try again later"));
            }
        }
        String handle;
        do {
            handle = Long.toString(HANDLE_MIN + (long) (random.nextDouble() * (HANDLE_BOUND - HANDLE_MIN)));
        } while (entries.containsKey(handle) || tombstones.containsKey(handle));
        AuthInfo info = build.apply(handle);
        Entry e = new Entry(info, kind, now.plus(lifetime), 0);
        entries.put(handle, e);
        return new Result.Found(e);
    }

    /**
     * Takes the entry for a reply: unknown or expired handles are MCA-FLOW-5, used ones MCA-ROB-4. The entry
     * is removed (single use) and its handle kept as a tombstone; the returned entry's expiry is refreshed.
     */
    public synchronized Result take(String handle) {
        Instant now = clock.instant();
        if (handle == null || handle.isBlank()) {
            return new Result.Missing(new Refusal(Requirement.MCA_FLOW_5, "auth-reply without an aggauth-handle"));
        }
        Entry e = entries.remove(handle);
        if (e == null) {
            Instant tomb = tombstones.get(handle);
            if (tomb != null && tomb.isAfter(now)) {
                return new Result.Missing(new Refusal(Requirement.MCA_ROB_4,
                        "replayed auth-reply: aggauth-handle " + handle + " was already used"));
            }
            return new Result.Missing(new Refusal(Requirement.MCA_FLOW_5, "unknown aggauth-handle " + handle));
        }
        bury(handle, now);
        if (!e.expires().isAfter(now)) {
            return new Result.Missing(new Refusal(Requirement.MCA_FLOW_5,
                    "auth info for aggauth-handle " + handle + " expired (" + lifetime.toMinutes() + " mins)"));
        }
        return new Result.Found(new Entry(e.info(), e.kind(), now.plus(lifetime), e.failures()));
    }

    /** Puts a taken PASSWORD entry back after a wrong password, counting the failure. */
    public synchronized Entry reinstate(Entry taken) {
        Instant now = clock.instant();
        tombstones.remove(taken.handle());
        Entry e = new Entry(taken.info(), taken.kind(), now.plus(lifetime), taken.failures() + 1);
        entries.put(taken.handle(), e);
        return e;
    }

    /** Drops expired entries and tombstones; returns how many entries were dropped. */
    public synchronized int sweep() {
        return sweep(clock.instant());
    }

    private int sweep(Instant now) {
        int dropped = 0;
        for (Iterator<Entry> it = entries.values().iterator(); it.hasNext(); ) {
            Entry e = it.next();
            if (!e.expires().isAfter(now)) {
                it.remove();
                bury(e.handle(), now);
                dropped++;
            }
        }
        tombstones.values().removeIf(t -> !t.isAfter(now));
        return dropped;
    }

    private void bury(String handle, Instant now) {
        tombstones.put(handle, now.plus(lifetime));
        // Tombstones only sharpen an error message; bound them like the entries.
        while (tombstones.size() > capacity * 2) {
            Iterator<String> eldest = tombstones.keySet().iterator();
            eldest.next();
            eldest.remove();
        }
    }

    public synchronized int pending() {
        return entries.size();
    }
}
