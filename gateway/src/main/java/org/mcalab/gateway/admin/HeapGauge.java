package org.mcalab.gateway.admin;

import io.netty.buffer.PoolArenaMetric;
import io.netty.buffer.PoolChunkListMetric;
import io.netty.buffer.PoolChunkMetric;
import io.netty.buffer.PooledByteBufAllocator;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;

/**
 * Heap in use after garbage collection: the live set, which a leak makes grow (soak) or a held tunnel costs (load).
 *
 * <p>Free space inside Netty's pooled heap arenas is not counted. An arena takes a whole chunk (4 MiB) the first
 * time a thread assigned to it allocates a heap buffer and keeps it as a cache; which threads get there first is
 * timing, so a 12-second soak saw 34 MiB grow to 50 MiB (+47 %) of chunks holding nothing, and 17.5 to 17.7 MiB with
 * the unpooled allocator. Buffers still allocated from the arenas are counted, so a ByteBuf leak still shows.
 */
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
            least = Math.min(least, memory.getHeapMemoryUsage().getUsed() - pooledHeapFree());
        }
        return least;
    }

    /** Bytes the default pooled allocator holds in heap chunks but has not handed out. */
    static long pooledHeapFree() {
        long free = 0;
        for (PoolArenaMetric arena : PooledByteBufAllocator.DEFAULT.metric().heapArenas()) {
            for (PoolChunkListMetric list : arena.chunkLists()) {
                for (PoolChunkMetric chunk : list) {
                    free += Math.max(0, chunk.freeBytes());
                }
            }
        }
        return free;
    }
}
