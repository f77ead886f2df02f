package org.mcalab.gateway.auth;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.function.Function;
import org.mcalab.gateway.trace.ClientText;
import org.mcalab.protocol.Refusal;
import org.mcalab.protocol.Requirement;

/**
 * Pending authentications by {@code aggauth-handle} (seed: "Created auth info", "Started timer (3 mins)").
 * An entry lives {@code lifetime} from creation or last use (MCA-FLOW-5) and is single-use: the first
 * reply takes it, success or not. A handle that left the table stays as a tombstone for another lifetime that
 * remembers why it left, so a late reply is told "expired" (MCA-FLOW-5), "already used" (MCA-ROB-4) or "dropped"
 * (MCA-ROB-3) instead of "unknown".
 *
 * <p>Memory is bounded per source and in total (MCA-ROB-3), and the bound is fair: a source holds at most
 * {@code perSource} entries and a new one from a source at its bound replaces that source's own oldest; when the
 * whole table is full, the oldest entry of the source holding the most goes. So a client flooding inits only ever
 * evicts its own attempts, and a well-behaved client from another source is always admitted. A source is the
 * validated TLS client certificate where there is one, else the client address (an IPv6 /64, since one host holds a
 * whole prefix). Thread-safe.
 */
public final class AuthInfoTable {
    private static final long HANDLE_MIN = 100_000_000L;      // 9 digits
    private static final long HANDLE_BOUND = 10_000_000_000L; // up to 10 digits
    private static final int SHOWN_HANDLE = 20;

    /** What the pending entry is waiting for. */
    public enum Kind { MCA, PASSWORD }

    /** One pending authentication. {@code failures} counts wrong passwords (PASSWORD only). */
    public record Entry(AuthInfo info, Kind kind, Instant expires, int failures, String source) {
        public String handle() {
            return info.handle();
        }
    }

    /** The outcome of {@link #take} or {@link #create}. */
    public sealed interface Result {
        record Found(Entry entry) implements Result {}

        record Missing(Refusal refusal) implements Result {}
    }

    /** Why a handle left the table; decides what a late reply is told. */
    private enum Gone { USED, EXPIRED, EVICTED }

    private record Tombstone(Gone why, Instant until) {}

    private final Clock clock;
    private final Duration lifetime;
    private final int capacity;
    private final int perSource;
    private final SecureRandom random;
    private final Map<String, Entry> entries = new HashMap<>();
    /** Each source's pending handles, oldest first. */
    private final Map<String, LinkedHashSet<String>> bySource = new HashMap<>();
    private final LinkedHashMap<String, Tombstone> tombstones = new LinkedHashMap<>();

    /** A table whose sources may each hold a tenth of it. */
    public AuthInfoTable(Clock clock, Duration lifetime, int capacity, SecureRandom random) {
        this(clock, lifetime, capacity, Math.max(1, capacity / 10), random);
    }

    public AuthInfoTable(Clock clock, Duration lifetime, int capacity, int perSource, SecureRandom random) {
        if (capacity < 1 || perSource < 1 || perSource > capacity) {
            throw new IllegalArgumentException("need 1 <= perSource <= capacity, got " + perSource + " and " + capacity);
        }
        this.clock = clock;
        this.lifetime = lifetime;
        this.capacity = capacity;
        this.perSource = perSource;
        this.random = random;
    }

    public Duration lifetime() {
        return lifetime;
    }

    /**
     * The source an attempt counts against: the certificate when the gateway validated one on the connection, else
     * the address ({@code clientIp} is a literal, so nothing is looked up).
     */
    public static String source(String clientIp, X509Certificate validatedTlsCertificate) {
        if (validatedTlsCertificate != null) {
            try {
                byte[] digest = MessageDigest.getInstance("SHA-256").digest(validatedTlsCertificate.getEncoded());
                return "certificate " + HexFormat.of().formatHex(digest, 0, 16);
            } catch (CertificateEncodingException | NoSuchAlgorithmException e) {
                // fall back to the address
            }
        }
        try {
            byte[] a = InetAddress.getByName(clientIp).getAddress();
            return a.length == 16 ? "network " + HexFormat.of().formatHex(a, 0, 8) + "::/64" : "address " + clientIp;
        } catch (UnknownHostException | SecurityException e) {
            return "address " + clientIp;
        }
    }

    /**
     * Picks a fresh handle, lets {@code build} make the AuthInfo for it (the saved request bytes contain the
     * handle), and stores it for {@code source} (see {@link #source}), evicting as the class comment says.
     */
    public synchronized Result create(Kind kind, String source, Function<String, AuthInfo> build) {
        Instant now = clock.instant();
        String handle;
        do {
            handle = Long.toString(HANDLE_MIN + (long) (random.nextDouble() * (HANDLE_BOUND - HANDLE_MIN)));
        } while (entries.containsKey(handle) || tombstones.containsKey(handle));
        Entry e = new Entry(build.apply(handle), kind, now.plus(lifetime), 0, source);
        admit(e, now);
        return new Result.Found(e);
    }

    /**
     * Takes the entry for a reply: unknown or expired handles are MCA-FLOW-5, used ones MCA-ROB-4, evicted ones
     * MCA-ROB-3. The entry is removed (single use) and its handle kept as a tombstone; the returned entry's expiry is
     * refreshed.
     */
    public synchronized Result take(String handle) {
        Instant now = clock.instant();
        if (handle == null || handle.isBlank()) {
            return new Result.Missing(new Refusal(Requirement.MCA_FLOW_5, "auth-reply without an aggauth-handle"));
        }
        String shown = ClientText.line(handle, SHOWN_HANDLE);
        Entry e = entries.remove(handle);
        if (e == null) {
            Tombstone tomb = tombstones.get(handle);
            if (tomb == null || !tomb.until().isAfter(now)) {
                return new Result.Missing(new Refusal(Requirement.MCA_FLOW_5, "unknown aggauth-handle " + shown));
            }
            return new Result.Missing(switch (tomb.why()) {
                case USED -> new Refusal(Requirement.MCA_ROB_4,
                        "replayed auth-reply: aggauth-handle " + shown + " was already used");
                case EXPIRED -> expired(shown);
                case EVICTED -> new Refusal(Requirement.MCA_ROB_3, "auth info for aggauth-handle " + shown
                        + " was dropped: its client had too many pending authentications (" + perSource + ")");
            });
        }
        unlink(e);
        if (!e.expires().isAfter(now)) {
            bury(handle, Gone.EXPIRED, now);
            return new Result.Missing(expired(shown));
        }
        bury(handle, Gone.USED, now);
        return new Result.Found(new Entry(e.info(), e.kind(), now.plus(lifetime), e.failures(), e.source()));
    }

    private Refusal expired(String shownHandle) {
        return new Refusal(Requirement.MCA_FLOW_5,
                "auth info for aggauth-handle " + shownHandle + " expired (" + lifetime.toMinutes() + " mins)");
    }

    /** Puts a taken PASSWORD entry back after a wrong password, counting the failure. */
    public synchronized Entry reinstate(Entry taken) {
        Instant now = clock.instant();
        tombstones.remove(taken.handle());
        Entry e = new Entry(taken.info(), taken.kind(), now.plus(lifetime), taken.failures() + 1, taken.source());
        admit(e, now);
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
                unlink(e);
                // Expired, not used: a reply that comes after the sweep must still hear "expired" (issue 15 #5).
                bury(e.handle(), Gone.EXPIRED, now);
                dropped++;
            }
        }
        tombstones.values().removeIf(t -> !t.until().isAfter(now));
        return dropped;
    }

    /** Stores {@code e}, first making room: the source's own oldest at its bound, the biggest source's when full. */
    private void admit(Entry e, Instant now) {
        LinkedHashSet<String> own = bySource.computeIfAbsent(e.source(), s -> new LinkedHashSet<>());
        if (own.size() >= perSource) {
            evict(own.iterator().next(), now);
        }
        if (entries.size() >= capacity) {
            sweep(now);
        }
        if (entries.size() >= capacity) {
            evict(bySource.get(biggestSource(e.source())).iterator().next(), now);
        }
        entries.put(e.handle(), e);
        bySource.computeIfAbsent(e.source(), s -> new LinkedHashSet<>()).add(e.handle());
    }

    /** The source holding the most entries; {@code own} on a tie, so a flood never pushes out an equal neighbour. */
    private String biggestSource(String own) {
        String biggest = own;
        int most = bySource.getOrDefault(own, new LinkedHashSet<>()).size();
        for (Map.Entry<String, LinkedHashSet<String>> s : bySource.entrySet()) {
            if (s.getValue().size() > most) {
                biggest = s.getKey();
                most = s.getValue().size();
            }
        }
        return biggest;
    }

    private void evict(String handle, Instant now) {
        Entry gone = entries.remove(handle);
        if (gone != null) {
            unlink(gone);
            bury(handle, Gone.EVICTED, now);
        }
    }

    private void unlink(Entry e) {
        LinkedHashSet<String> handles = bySource.get(e.source());
        if (handles != null) {
            handles.remove(e.handle());
            if (handles.isEmpty()) {
                bySource.remove(e.source());
            }
        }
    }

    private void bury(String handle, Gone why, Instant now) {
        tombstones.remove(handle); // re-insert at the end: the newest tombstone is the last to be dropped
        tombstones.put(handle, new Tombstone(why, now.plus(lifetime)));
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

    /** How many entries {@code source} holds. */
    public synchronized int pending(String source) {
        LinkedHashSet<String> handles = bySource.get(source);
        return handles == null ? 0 : handles.size();
    }

    public int perSource() {
        return perSource;
    }
}
