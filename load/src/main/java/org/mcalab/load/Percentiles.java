package org.mcalab.load;

import java.util.LinkedHashMap;
import java.util.Map;
import org.HdrHistogram.Histogram;

/** The percentiles the report shows, from an HdrHistogram of nanoseconds, in milliseconds. */
final class Percentiles {
    private Percentiles() {}

    static Map<String, Double> millis(Histogram nanos) {
        Map<String, Double> p = new LinkedHashMap<>();
        if (nanos.getTotalCount() == 0) {
            return p;
        }
        p.put("p50", ms(nanos.getValueAtPercentile(50)));
        p.put("p90", ms(nanos.getValueAtPercentile(90)));
        p.put("p99", ms(nanos.getValueAtPercentile(99)));
        p.put("p99.9", ms(nanos.getValueAtPercentile(99.9)));
        p.put("max", ms(nanos.getMaxValue()));
        return p;
    }

    private static double ms(long nanos) {
        return Math.round(nanos / 1_000.0) / 1_000.0;
    }
}
