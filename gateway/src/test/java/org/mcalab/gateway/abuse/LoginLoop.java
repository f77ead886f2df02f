package org.mcalab.gateway.abuse;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.mcalab.gateway.it.McaLogin;
import org.mcalab.protocol.xml.ConfigAuth;
import org.mcalab.protocol.xml.ConfigAuthParser;

/**
 * A well-behaved MCA client that keeps logging in while an abuse test runs: the liveness witness. Each login is
 * bounded by {@link #BOUND}; that is a "still served" bound, not a performance figure.
 */
final class LoginLoop implements AutoCloseable {
    static final Duration BOUND = Duration.ofSeconds(5);

    private final McaLogin mca;
    private final Thread thread;
    private final AtomicInteger logins = new AtomicInteger();
    private final AtomicLong slowestNanos = new AtomicLong();
    private final List<String> failures = new CopyOnWriteArrayList<>();
    private volatile boolean running = true;

    private LoginLoop(McaLogin mca) {
        this.mca = mca;
        this.thread = new Thread(this::loop, "login-loop");
        this.thread.setDaemon(true);
    }

    static LoginLoop start(McaLogin mca) {
        LoginLoop l = new LoginLoop(mca);
        l.thread.start();
        return l;
    }

    private void loop() {
        while (running) {
            long t0 = System.nanoTime();
            try {
                ConfigAuth done = ConfigAuthParser.parse(mca.login("machine", "user").body());
                if (!"success".equals(done.authId())) {
                    failures.add("login refused: " + done.errors());
                } else {
                    logins.incrementAndGet();
                }
            } catch (Exception e) {
                failures.add("login failed: " + e);
            }
            slowestNanos.accumulateAndGet(System.nanoTime() - t0, Math::max);
        }
    }

    /** Lets at least {@code n} more logins complete (or fails after a generous wait). */
    void awaitMore(int n) throws InterruptedException {
        int target = logins.get() + n;
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (logins.get() < target && System.nanoTime() < deadline && failures.isEmpty()) {
            Thread.sleep(20);
        }
    }

    int logins() {
        return logins.get();
    }

    Duration slowest() {
        return Duration.ofNanos(slowestNanos.get());
    }

    List<String> failures() {
        return List.copyOf(failures);
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.join(BOUND.toMillis() * 4);
    }
}
