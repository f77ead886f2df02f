package org.mcalab.gateway.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * Waits for something another thread does (a socket closed, a log line written): polls until it holds and fails
 * if it never does. The bound only keeps a broken gateway from hanging the build; no test asserts how fast it was.
 */
public final class Await {
    private static final Duration BOUND = Duration.ofSeconds(30);

    private Await() {
    }

    public static void until(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + BOUND.toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime() - deadline).as("still waiting for: %s", what).isNegative();
            Thread.sleep(10);
        }
    }
}
