package org.mcalab.load.soak;

import java.time.Duration;

/**
 * @param duration how long the churn runs (bounded: at most {@link #MAX_DURATION})
 * @param rate     actions started per second (a login, a logout or a bad client each count as one)
 * @param workers  clients running at once
 * @param tunnels  whether each login also brings up a CSTP tunnel (and logs out with the tunnel's BYE)
 */
public record SoakOptions(Duration duration, double rate, int workers, boolean tunnels) {
    public static final Duration DEFAULT_DURATION = Duration.ofSeconds(60);
    public static final Duration MAX_DURATION = Duration.ofHours(1);
    public static final double DEFAULT_RATE = 5;
    public static final double MAX_RATE = 200;

    public SoakOptions {
        if (duration.isNegative() || duration.isZero() || duration.compareTo(MAX_DURATION) > 0) {
            throw new IllegalArgumentException("soak duration must be between 1 s and " + MAX_DURATION.toMinutes() + " min");
        }
        if (!(rate > 0) || rate > MAX_RATE) {
            throw new IllegalArgumentException("soak rate must be above 0 and at most " + (int) MAX_RATE + " per second");
        }
        if (workers < 1 || workers > 64) {
            throw new IllegalArgumentException("soak workers must be between 1 and 64");
        }
    }

    public static SoakOptions of(Duration duration, double rate) {
        return new SoakOptions(duration, rate, 4, false);
    }

    public SoakOptions withTunnels(boolean on) {
        return new SoakOptions(duration, rate, workers, on);
    }
}
