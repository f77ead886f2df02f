package org.mcalab.gateway.trace;

import java.io.PrintStream;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The gateway's in-memory debug log: a bounded ring buffer of {@link TraceEvent}s that records every
 * category all the time (a flight recorder the conformance suite reads through the admin endpoint), and
 * prints the categories switched on with {@code debug ...} to a stream, like the ASA console.
 *
 * <p>Messages pass through {@link #redact} first: {@code <password>} contents, session tokens (all but a
 * 6-character prefix) and PEM private keys never reach the buffer or the console.
 */
public final class TraceLog implements Trace {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS");
    private static final Pattern PASSWORD = Pattern.compile("(<password>)(.*?)(</password>)", Pattern.DOTALL);
    private static final Pattern SESSION_TOKEN = Pattern.compile("(<session-token>)([^<]{0,6})[^<]*(</session-token>)");
    private static final Pattern PRIVATE_KEY = Pattern.compile(
            "-----BEGIN ([A-Z ]*)PRIVATE KEY-----.*?-----END \\1PRIVATE KEY-----", Pattern.DOTALL);

    private final TraceEvent[] ring;
    private final Clock clock;
    private final PrintStream out;
    private final DateTimeFormatter time;
    private final Set<DebugCategory> printed = EnumSet.noneOf(DebugCategory.class);
    private long lastSeq;

    /**
     * @param capacity how many events are kept; older ones are overwritten
     * @param printed  categories printed from the start
     * @param out      where printed lines go, or null to print nothing
     */
    public TraceLog(int capacity, Collection<DebugCategory> printed, PrintStream out, Clock clock) {
        if (capacity < 1) {
            throw new IllegalArgumentException("trace capacity must be positive");
        }
        this.ring = new TraceEvent[capacity];
        this.printed.addAll(printed);
        this.out = out;
        this.clock = clock;
        this.time = TIME.withZone(clock.getZone() == null ? ZoneId.systemDefault() : clock.getZone());
    }

    /** Every category is recorded; {@link #printing} tells which ones are also shown. */
    @Override
    public boolean enabled(DebugCategory category) {
        return true;
    }

    @Override
    public void emit(DebugCategory category, String correlation, String message) {
        String clean = redact(message);
        TraceEvent event;
        boolean print;
        synchronized (this) {
            event = new TraceEvent(++lastSeq, Instant.now(clock), category, correlation, clean);
            ring[(int) ((event.seq() - 1) % ring.length)] = event;
            print = out != null && printed.contains(category);
        }
        if (print) {
            out.println(format(event));
        }
    }

    /** {@code HH:mm:ss.SSS [category] [corr] message}. */
    public String format(TraceEvent e) {
        return time.format(e.time()) + " [" + e.category().command() + "] "
                + (e.correlation() == null ? "" : "[" + e.correlation() + "] ") + e.message();
    }

    /** Events with a sequence number above {@code seq}, oldest first (those overwritten are gone). */
    public synchronized List<TraceEvent> eventsSince(long seq) {
        long from = Math.max(seq + 1, lastSeq - ring.length + 1);
        List<TraceEvent> result = new ArrayList<>((int) Math.max(0, lastSeq - from + 1));
        for (long s = Math.max(from, 1); s <= lastSeq; s++) {
            result.add(ring[(int) ((s - 1) % ring.length)]);
        }
        return result;
    }

    public synchronized long lastSeq() {
        return lastSeq;
    }

    public synchronized void print(DebugCategory category, boolean on) {
        if (on) {
            printed.add(category);
        } else {
            printed.remove(category);
        }
    }

    public synchronized Set<DebugCategory> printing() {
        return printed.isEmpty() ? EnumSet.noneOf(DebugCategory.class) : EnumSet.copyOf(printed);
    }

    /** Masks passwords and session tokens, drops private keys. */
    public static String redact(String message) {
        if (message == null) {
            return "";
        }
        String m = message;
        if (m.contains("<password>")) {
            m = PASSWORD.matcher(m).replaceAll("$1********$3");
        }
        if (m.contains("<session-token>")) {
            // the webvpn cookie: a prefix tells sessions apart, the whole would let a reader take one over
            m = SESSION_TOKEN.matcher(m).replaceAll("$1$2...$3");
        }
        if (m.contains("PRIVATE KEY-----")) {
            m = PRIVATE_KEY.matcher(m).replaceAll("[private key removed]");
        }
        return m;
    }
}
