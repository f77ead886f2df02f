package org.mcalab.lab;

import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.mcalab.fixtures.LabClock;
import org.mcalab.fixtures.Manifest;
import org.mcalab.reports.model.TraceLine;

/**
 * The gateway the suite, the probes, a load run and a soak work against, and what each can learn from it or do to it
 * besides speaking the protocol. Every capability beyond the URL is optional: mcalab's reference gateway in this JVM
 * ({@link EmbeddedGateway}) offers all of them, the same gateway in a child JVM ({@link ForkedGateway}) what its
 * admin endpoint serves, and a foreign gateway ({@link #foreign}) none but, at most, its CPU time. Whoever reads a
 * figure says so when it is empty instead of guessing (a verdict never claims more than what ran).
 */
public interface GatewayUnderTest extends AutoCloseable {
    /** Base URL, e.g. {@code https://127.0.0.1:44321}. */
    URI url();

    /** The PKI the gateway trusts (credentials by manifest name). */
    Manifest pki();

    /** True for mcalab's reference gateway that this lab started (in this JVM or forked). */
    boolean reference();

    /** Said once in a report's notes: where the gateway runs. */
    String where();

    /** The gateway's clock, when the lab injected it: moving it on runs out the 3-minute auth-info timer (MCA-FLOW-5). */
    default Optional<LabClock> clock() {
        return Optional.empty();
    }

    /** The gateway's debug trace, when it can be read. */
    default Optional<Trace> trace() {
        return Optional.empty();
    }

    /** The gateway's session database, when it can be read (MCA-FLOW-6, MCA-SES-1..4, MCA-ROB-3). */
    default Optional<Sessions> sessions() {
        return Optional.empty();
    }

    /** MCA auth-info entries waiting for an answer (MCA-ROB-3). */
    default OptionalInt pendingAuths() {
        return OptionalInt.empty();
    }

    /** The {@code show crypto ca certificate} view of the installed trustpoints (MCA-SES-5). */
    default Optional<String> trustpoints() {
        return Optional.empty();
    }

    /** How many addresses the MCA group's pool holds (a soak leases all of them at the end: a lost one shows). */
    default OptionalInt poolSize() {
        return OptionalInt.empty();
    }

    /** The CPU time the gateway used ({@link CpuMeter#NONE} when it cannot be read). */
    default CpuMeter cpu() {
        return CpuMeter.NONE;
    }

    /** Heap in use after garbage collection, in bytes, of the process the gateway runs in. */
    default OptionalLong heapAfterGc() {
        return OptionalLong.empty();
    }

    /** The virtual inside network's counters so far (discard host, echo host, drops). */
    default Optional<InsideCount> inside() {
        return Optional.empty();
    }

    /** True when the gateway shares this JVM: its heap then includes the load generator's own objects. */
    default boolean sharesHeapWithGenerator() {
        return false;
    }

    /** Stops what the lab started for this gateway (nothing for a foreign one). */
    @Override
    default void close() {}

    /** The gateway's debug trace. */
    interface Trace {
        /** The sequence number of the newest event; pass it to {@link #since}. */
        long mark();

        /** Events after {@code mark}, oldest first. */
        List<TraceLine> since(long mark);
    }

    /** The gateway's session database. */
    interface Sessions {
        /** The session a token belongs to, if the gateway holds one. */
        Optional<SessionView> find(String sessionToken);

        /** What the database holds now. */
        Held held();

        /** Ends the session holding this token, as a user logout does; false when there was none. */
        boolean logoff(String sessionToken);
    }

    /**
     * @param sessions    active sessions ({@code show vpn-sessiondb})
     * @param withTunnels those with an SSL tunnel attached; a tunnel the gateway's DPD gave up on is detached
     */
    record Held(int sessions, int withTunnels) {}

    /** @param discardedBytes IP bytes the discard host (UDP port 9) took */
    record InsideCount(long discardedPackets, long discardedBytes, long echoed, long dropped) {}

    /** A gateway mcalab did not start: only its URL, the PKI it trusts and, when known ({@code --gateway-pid}), its CPU. */
    static GatewayUnderTest foreign(URI url, Manifest pki, CpuMeter cpu) {
        return new GatewayUnderTest() {
            @Override
            public URI url() {
                return url;
            }

            @Override
            public Manifest pki() {
                return pki;
            }

            @Override
            public boolean reference() {
                return false;
            }

            @Override
            public String where() {
                return "gateway at " + url + " (not started by mcalab)";
            }

            @Override
            public CpuMeter cpu() {
                return cpu;
            }
        };
    }
}
