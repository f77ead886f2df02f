package org.mcalab.load;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/** mcalab's own counters of a tunnel run, shared by all tunnels (each on its own event loop). */
final class TunnelCounters {
    final LongAdder sentPackets = new LongAdder();
    final LongAdder sentBytes = new LongAdder();
    final LongAdder receivedPackets = new LongAdder();
    final LongAdder receivedBytes = new LongAdder();
    final LongAdder lost = new LongAdder();
    final LongAdder dpdAnswered = new LongAdder();
    final LongAdder closedByGateway = new LongAdder();
    final Histogram rttNanos = new ConcurrentHistogram(3);
    final Histogram setupNanos = new ConcurrentHistogram(3);
    final Map<String, LongAdder> setupFailures = new ConcurrentHashMap<>();
    private final AtomicLong budget;
    private final int seconds;
    /** Set when traffic starts (after every tunnel is up), so the charts start at the first packet. */
    volatile long trafficStartNanos;
    volatile Timeline sentTimeline;
    volatile Timeline receivedTimeline;

    /** @param packets 0 = no packet bound; @param seconds how long the traffic phase can last */
    TunnelCounters(long packets, int seconds) {
        this.budget = new AtomicLong(packets == 0 ? Long.MAX_VALUE : packets);
        this.seconds = seconds;
    }

    void startTraffic() {
        long now = System.nanoTime();
        sentTimeline = new Timeline(now, seconds);
        receivedTimeline = new Timeline(now, seconds);
        trafficStartNanos = now;
    }

    boolean budgetSpent() {
        return budget.get() <= 0;
    }

    /** Takes up to {@code wanted} packets from the run's packet budget; returns how many may be sent. */
    int take(int wanted) {
        while (true) {
            long left = budget.get();
            if (left <= 0) {
                return 0;
            }
            int n = (int) Math.min(wanted, left);
            if (budget.compareAndSet(left, left - n)) {
                return n;
            }
        }
    }

    void sent(int packets, int bytesEach) {
        long now = System.nanoTime();
        sentPackets.add(packets);
        sentBytes.add((long) packets * bytesEach);
        Timeline t = sentTimeline;
        if (t != null) {
            t.add(now, (long) packets * bytesEach);
        }
    }

    void received(int bytes, long sentAtNanos) {
        long now = System.nanoTime();
        receivedPackets.increment();
        receivedBytes.add(bytes);
        Timeline t = receivedTimeline;
        if (t != null) {
            t.add(now, bytes);
        }
        if (sentAtNanos > 0 && now >= sentAtNanos) {
            rttNanos.recordValue(now - sentAtNanos);
        }
    }

    void setupFailed(String why) {
        setupFailures.computeIfAbsent(why, k -> new LongAdder()).increment();
    }

    Map<String, Long> failures() {
        Map<String, Long> m = new TreeMap<>();
        setupFailures.forEach((k, v) -> m.put(k, v.sum()));
        return m;
    }
}
