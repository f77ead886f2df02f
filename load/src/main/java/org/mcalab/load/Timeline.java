package org.mcalab.load;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/** Per-second sums of one quantity (logins, bytes), for the report's time-series charts. Thread-safe. */
final class Timeline {
    private final AtomicLong startNanos = new AtomicLong();
    private final AtomicLongArray buckets;

    /** @param seconds how many seconds to keep; later events land in the last bucket */
    Timeline(long startNanos, int seconds) {
        this.startNanos.set(startNanos);
        this.buckets = new AtomicLongArray(Math.max(1, seconds));
    }

    /** A timeline whose second 0 begins at the first {@link #start} (e.g. when the first virtual user starts). */
    static Timeline unstarted(int seconds) {
        return new Timeline(0, seconds);
    }

    /** Sets second 0 to {@code nowNanos} unless it is set already; returns the start in force. */
    long start(long nowNanos) {
        return startNanos.compareAndSet(0, nowNanos) ? nowNanos : startNanos.get();
    }

    long startNanos() {
        return startNanos.get();
    }

    void add(long nowNanos, long amount) {
        long second = (nowNanos - start(nowNanos)) / 1_000_000_000L;
        int i = (int) Math.max(0, Math.min(buckets.length() - 1, second));
        buckets.addAndGet(i, amount);
    }

    /**
     * Points (second, sum x scale) up to {@code elapsedSeconds}; the last, partial second is scaled to a full second
     * so the curve does not dip at the end.
     */
    List<double[]> points(double elapsedSeconds, double scale) {
        List<double[]> points = new ArrayList<>();
        int whole = (int) Math.floor(elapsedSeconds);
        int last = Math.min(buckets.length() - 1, whole);
        for (int i = 0; i <= last; i++) {
            double span = i < whole ? 1.0 : elapsedSeconds - whole;
            if (span < 0.2) {
                break; // a sliver of a second says nothing about the rate
            }
            points.add(new double[] {i + 1, buckets.get(i) * scale / span});
        }
        return points;
    }
}
