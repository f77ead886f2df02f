package org.mcalab.protocol.fuzz;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeoutException;

/**
 * Runs one fuzz input under a deadline, so a parser that loops forever fails the property instead of
 * hanging the build. The deadline is a liveness bound (seconds for microsecond work), not a timing check.
 */
final class Bounded {
    static final Duration DEADLINE = Duration.ofSeconds(5);

    private static final ExecutorService WORKER = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "fuzz-bounded");
        t.setDaemon(true);
        return t;
    });

    private Bounded() {}

    /** The call's result, or its exception as thrown; an AssertionError when it does not finish in time. */
    static <T> T call(Callable<T> work) throws Exception {
        Future<T> f = WORKER.submit(work);
        try {
            return f.get(DEADLINE.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            f.cancel(true);
            throw new AssertionError("input did not finish within " + DEADLINE.toSeconds() + " s (hang)");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof Exception ex) {
                throw ex;
            }
            throw (Error) cause;
        }
    }
}
