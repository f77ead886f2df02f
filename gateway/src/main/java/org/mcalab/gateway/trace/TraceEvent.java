package org.mcalab.gateway.trace;

import java.time.Instant;

/**
 * One debug line, structured so the conformance report can attach it.
 *
 * @param seq         monotonically increasing, so a caller can ask for "everything since"
 * @param correlation the aggauth-handle, session index or connection id the line belongs to (may be null)
 */
public record TraceEvent(long seq, Instant time, DebugCategory category, String correlation, String message) {}
