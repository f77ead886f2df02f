package org.mcalab.gateway.trace;

import java.io.PrintStream;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The gateway's in-memory debug log: a bounded buffer of {@link TraceEvent}s that records every category all the
 * time (a flight recorder the conformance suite reads through the admin endpoint), and prints the categories
 * switched on with {@code debug ...} to a stream, like the ASA console.
 *
 * <p>Its memory is bounded whatever clients send (issue 14 #3): at most {@code capacity} events and at most
 * {@code byteBudget} retained bytes by its own accounting ({@link #retainedBytes}), oldest events dropped first; one
 * message keeps at most {@link #MAX_MESSAGE} characters and ends in "… (N bytes cut)" when it had more. So a flood
 * of 60 KB auth-replies costs at most the budget, not 20,000 bodies.
 *
 * <p>Messages pass through {@link #redact} first: session tokens (all but a 6-character prefix) and PEM private
 * keys never reach the buffer or the console (passwords are masked from the parsed document before they get here,
 * see AggregateAuth). Control characters other than newline and tab are escaped ({@link ClientText}), and the console
 * indents a message's further lines, so text from a client can neither forge a line nor drive the terminal.
 */
public final class TraceLog implements Trace {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS");
    private static final Pattern PASSWORD = Pattern.compile("(<password>)(.*?)(</password>)", Pattern.DOTALL);
    private static final Pattern SESSION_TOKEN = Pattern.compile("(<session-token>)([^<]{0,6})[^<]*(</session-token>)");
    private static final Pattern PRIVATE_KEY = Pattern.compile(
            "-----BEGIN ([A-Z ]*)PRIVATE KEY-----.*?-----END \\1PRIVATE KEY-----", Pattern.DOTALL);

    /** Characters kept of one message: a whole MCA auth-reply with its certificate chain fits. */
    public static final int MAX_MESSAGE = 16 * 1024;
    /** Retained bytes per event of capacity when no budget is given: 16 MB at the gateway's default 20,000 events. */
    public static final long BYTES_PER_EVENT = 800;
    /** What an event costs besides its text: the event, its strings' headers, the deque slot. */
    private static final int EVENT_OVERHEAD = 96;
    private static final String CONTINUATION = "\n    ";

    private final ArrayDeque<TraceEvent> events = new ArrayDeque<>();
    private final int capacity;
    private final long byteBudget;
    private long retained;
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
        this(capacity, capacity * BYTES_PER_EVENT, printed, out, clock);
    }

    /** @param byteBudget how many bytes the kept events may retain ({@link #retainedBytes}); older ones are dropped */
    public TraceLog(int capacity, long byteBudget, Collection<DebugCategory> printed, PrintStream out, Clock clock) {
        if (capacity < 1 || byteBudget < 1) {
            throw new IllegalArgumentException("trace capacity and byte budget must be positive");
        }
        this.capacity = capacity;
        this.byteBudget = byteBudget;
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
        String clean = ClientText.block(redact(message), MAX_MESSAGE);
        String corr = correlation == null ? null : ClientText.line(correlation, 40);
        TraceEvent event;
        boolean print;
        synchronized (this) {
            event = new TraceEvent(++lastSeq, Instant.now(clock), category, corr, clean);
            events.addLast(event);
            retained += cost(event);
            while (events.size() > capacity || (retained > byteBudget && events.size() > 1)) {
                retained -= cost(events.removeFirst());
            }
            print = out != null && printed.contains(category);
        }
        if (print) {
            out.println(format(event));
        }
    }

    /** What {@code e} retains: its text at two bytes a character (the worst case) and a fixed overhead. */
    private static long cost(TraceEvent e) {
        return EVENT_OVERHEAD + 2L * (e.message().length() + (e.correlation() == null ? 0 : e.correlation().length()));
    }

    /**
     * {@code HH:mm:ss.SSS [category] [corr] message}; further lines of a message (an XML body) are indented, so no
     * line of a message can pass for a line of its own.
     */
    public String format(TraceEvent e) {
        return time.format(e.time()) + " [" + e.category().command() + "] "
                + (e.correlation() == null ? "" : "[" + e.correlation() + "] ") + e.message().replace("\n", CONTINUATION);
    }

    /** Events with a sequence number above {@code seq}, oldest first (those dropped are gone). */
    public synchronized List<TraceEvent> eventsSince(long seq) {
        List<TraceEvent> result = new ArrayList<>();
        for (var it = events.descendingIterator(); it.hasNext(); ) {
            TraceEvent e = it.next();
            if (e.seq() <= seq) {
                break;
            }
            result.add(e);
        }
        java.util.Collections.reverse(result);
        return result;
    }

    /** Bytes the kept events retain by this log's accounting; never above the budget (or one event, if bigger). */
    public synchronized long retainedBytes() {
        return retained;
    }

    public long byteBudget() {
        return byteBudget;
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

    /** Masks {@code <password>} text (a last line of defence), session tokens; drops private keys. */
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
