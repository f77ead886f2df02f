package org.mcalab.gateway.tunnel;

/**
 * The tunnels' monotonic time: how long a tunnel has been silent (gateway DPD) and a session without data (the
 * idle timeout) are measured with it. Production reads {@link System#nanoTime()}, so a wall-clock step (NTP, an
 * admin) neither idles out nor revives a session; the session timeout and the rows' times stay on the gateway's
 * {@link java.time.Clock}. Tests pass a ticker they advance by hand, together with the channel's event loop that
 * runs the DPD and sweep timers, so no test waits for time to pass.
 */
@FunctionalInterface
public interface Ticker {
    Ticker SYSTEM = System::nanoTime;

    /** Nanoseconds from an arbitrary origin; only differences between two readings mean anything. */
    long nanoTime();
}
