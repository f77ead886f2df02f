package org.mcalab.gateway.tunnel;

import java.time.Duration;

/**
 * Time scales of the tunnel code. {@code minute} is what one configured minute of
 * {@code vpn-idle-timeout}/{@code vpn-session-timeout} lasts (a minute in production; milliseconds in
 * tests, so an idle timeout can be observed); {@code sweep} is how often sessions are checked for it.
 * {@code dpdScale} likewise divides the configured gateway DPD interval (1 in production).
 */
public record TunnelTiming(Duration minute, Duration sweep, int dpdScale) {
    public static final TunnelTiming REAL = new TunnelTiming(Duration.ofMinutes(1), Duration.ofSeconds(1), 1);

    public TunnelTiming {
        if (minute.isZero() || minute.isNegative() || sweep.isZero() || sweep.isNegative() || dpdScale < 1) {
            throw new IllegalArgumentException("timings must be positive");
        }
    }

    /** A configured duration (whole minutes) in real time. */
    Duration scaleMinutes(Duration configured) {
        return minute.multipliedBy(configured.toMinutes());
    }

    Duration scaleDpd(Duration configured) {
        return configured.dividedBy(dpdScale);
    }
}
