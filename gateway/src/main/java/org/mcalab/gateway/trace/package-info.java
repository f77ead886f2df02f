/**
 * The gateway's debug traces, named after the ASA's {@code debug} commands ({@link org.mcalab.gateway.trace.DebugCategory},
 * worded like the seed's output, docs/protocol.md §1.2). Code writes to a {@link org.mcalab.gateway.trace.Trace};
 * {@link org.mcalab.gateway.trace.TraceLog} keeps a bounded, redacted buffer of
 * {@link org.mcalab.gateway.trace.TraceEvent}s that the conformance suite reads through the admin endpoint, and prints
 * the switched-on categories. {@link org.mcalab.gateway.trace.ClientText} makes client-chosen text safe to print.
 */
package org.mcalab.gateway.trace;
