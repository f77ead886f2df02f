package org.mcalab.load;

import org.mcalab.lab.CpuMeter;

import java.util.Optional;
import java.util.OptionalLong;

/**
 * What the load generator can learn from the gateway side, when it can: its CPU time, what its inside hosts took,
 * its heap and its sessions. The load gateway (in this JVM or forked) answers all; an external one at most its CPU
 * ({@code --gateway-pid}).
 */
public interface GatewayProbe {
    CpuMeter cpu();

    /** The inside network's counters so far (discard host, echo host, drops). */
    default Optional<InsideCount> inside() {
        return Optional.empty();
    }

    /** Heap used after a full GC, in bytes, of the process the gateway runs in. */
    default OptionalLong heapAfterGc() {
        return OptionalLong.empty();
    }

    /** What the gateway's session database holds now. */
    default Optional<Held> held() {
        return Optional.empty();
    }

    /** True when the gateway shares this JVM: its heap then includes the load generator's own objects. */
    default boolean sharesHeapWithGenerator() {
        return false;
    }

    /** @param discardedBytes IP bytes the discard host (UDP port 9) took */
    record InsideCount(long discardedPackets, long discardedBytes, long echoed, long dropped) {}

    /**
     * @param sessions    active sessions ({@code show vpn-sessiondb})
     * @param withTunnels those with an SSL tunnel attached; a tunnel the gateway's DPD gave up on is detached
     */
    record Held(int sessions, int withTunnels) {}

    static GatewayProbe cpuOnly(CpuMeter cpu) {
        return () -> cpu;
    }

    GatewayProbe NONE = () -> CpuMeter.NONE;
}
