package org.mcalab.gateway.pki;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.mcalab.gateway.trace.DebugCategory;
import org.mcalab.gateway.trace.Trace;
import org.mcalab.gateway.trace.TraceEvent;

/** A trace with every category on that keeps what was emitted. */
public final class RecordingTrace implements Trace {
    private final List<TraceEvent> events = new CopyOnWriteArrayList<>();

    @Override
    public boolean enabled(DebugCategory category) {
        return true;
    }

    @Override
    public void emit(DebugCategory category, String correlation, String message) {
        events.add(new TraceEvent(events.size(), Instant.now(), category, correlation, message));
    }

    public List<TraceEvent> events() {
        return List.copyOf(events);
    }

    public List<String> messages(DebugCategory category) {
        return events.stream().filter(e -> e.category() == category).map(TraceEvent::message).toList();
    }
}
