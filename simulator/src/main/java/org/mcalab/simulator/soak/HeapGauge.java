package org.mcalab.simulator.soak;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;

/** Heap in use after garbage collection: the live set, which a leak makes grow (soak) or a held tunnel costs (load). */
public final class HeapGauge {
    private HeapGauge() {}

    /** The smallest of a few post-GC readings, so a collection that happens to leave garbage does not count. */
    public static long usedAfterGc() {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        long least = Long.MAX_VALUE;
        for (int i = 0; i < 4; i++) {
            System.gc();
            try {
                Thread.sleep(150);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            least = Math.min(least, memory.getHeapMemoryUsage().getUsed());
        }
        return least;
    }
}
