package org.mcalab.load;

import io.gatling.javaapi.core.Session;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;
import org.mcalab.protocol.xml.ClientMessages.ClientInfo;
import org.mcalab.protocol.xml.ConfigAuth;
import org.mcalab.protocol.xml.ConfigAuthException;
import org.mcalab.protocol.xml.ConfigAuthParser;
import org.mcalab.client.mca.McaLogin;

/**
 * The state of the login run in progress, shared with {@link McaLoginSimulation} (Gatling instantiates the
 * simulation by class name, so the plan is handed over through {@link #current}). It does the client's protocol
 * work between Gatling's requests (parse the challenge, sign its exact bytes, build the reply) and keeps mcalab's own
 * counters: Gatling's statistics are only for its HTML report.
 */
final class LoginRun {
    /** Session attributes. */
    static final String T0 = "mcalab.t0";
    static final String INIT_STATUS = "mcalab.initStatus";
    static final String CHALLENGE = "mcalab.challenge";
    static final String REPLY = "mcalab.reply";
    static final String REPLY_STATUS = "mcalab.replyStatus";
    static final String RESULT = "mcalab.result";
    static final String FAILED = "mcalab.failed";
    static final String WARMUP = "mcalab.warmup";

    private static final AtomicReference<LoginRun> CURRENT = new AtomicReference<>();

    final LoginPlan plan;
    final List<LoadIdentity> identities;
    final McaLogin login;
    final byte[] initBody;
    final Histogram latencyNanos = new ConcurrentHistogram(3);
    final Timeline successes;
    final LongAdder succeeded = new LongAdder();
    final LongAdder started = new LongAdder();
    final LongAdder unfinished = new LongAdder();
    final Map<String, LongAdder> failures = new ConcurrentHashMap<>();
    final AtomicLong lastFinishNanos = new AtomicLong();
    /** When the first (warm-up or measured) user started; the warm-up ends {@code plan.warmup()} later. */
    private final AtomicLong runStartNanos = new AtomicLong();
    final LongAdder warmupSucceeded = new LongAdder();
    final LongAdder warmupFailed = new LongAdder();
    /** This JVM's CPU time (all threads: Gatling, JIT, GC) when the first user started and when the last finished. */
    final AtomicLong firstStartCpuNanos = new AtomicLong(-1);
    final AtomicLong lastFinishCpuNanos = new AtomicLong(-1);

    LoginRun(LoginPlan plan, List<LoadIdentity> identities) {
        this.plan = plan;
        this.identities = List.copyOf(identities);
        this.login = new McaLogin(ClientInfo.openconnectLinux(!plan.singleCert()), plan.groupAccess(), null);
        this.initBody = login.init();
        this.successes = Timeline.unstarted((int) plan.duration().toSeconds() + 2);
    }

    static void install(LoginRun run) {
        if (!CURRENT.compareAndSet(null, run)) {
            throw new IllegalStateException("a login run is already in progress in this JVM");
        }
    }

    static void uninstall(LoginRun run) {
        CURRENT.compareAndSet(run, null);
    }

    static LoginRun current() {
        LoginRun run = CURRENT.get();
        if (run == null) {
            throw new IllegalStateException("McaLoginSimulation runs only inside LoginLoad.run");
        }
        return run;
    }

    /** When the first virtual user started, 0 before (Gatling's own start-up is not part of the run). */
    long firstStartNanos() {
        return successes.startNanos();
    }

    LoadIdentity identity(long userId) {
        return identities.get((int) ((userId - 1) % identities.size()));
    }

    Session begin(Session session) {
        long now = System.nanoTime();
        runStartNanos.compareAndSet(0, now);
        if (now - runStartNanos.get() < plan.warmup().toNanos()) {
            return session.set(T0, now).set(WARMUP, true);
        }
        started.increment();
        if (successes.start(now) == now) {
            firstStartCpuNanos.set(processCpuNanos());
        }
        return session.set(T0, now);
    }

    /** After the init: sign the challenge's exact bytes and build the auth-reply, or record why not. */
    Session prepareReply(Session session) {
        if (plan.singleCert()) {
            return session;
        }
        Integer status = session.getIntegerWrapper(INIT_STATUS);
        byte[] challenge = session.contains(CHALLENGE) ? session.get(CHALLENGE) : null;
        if (status == null || challenge == null) {
            return session.set(FAILED, "init: no response");
        }
        if (status != 200) {
            return session.set(FAILED, "init: HTTP " + status);
        }
        McaLogin.Answer answer = login.answer(challenge, identity(session.userId()).user());
        if (answer instanceof McaLogin.Answer.Reply r) {
            return session.set(REPLY, r.body());
        }
        if (answer instanceof McaLogin.Answer.Complete c) {
            // an MCA run that got in on the init alone did not log in with two certificates
            return session.set(FAILED, "init: no MCA auth-request (" + McaLogin.describe(c.doc()) + ")");
        }
        return session.set(FAILED, ((McaLogin.Answer.Refused) answer).why());
    }

    /** The login's outcome: complete with auth id="success" (from the reply, or from the init in single-cert mode). */
    Session finish(Session session) {
        long now = System.nanoTime();
        String failure = session.contains(FAILED) ? session.getString(FAILED) : outcome(session);
        if (session.contains(WARMUP)) {
            // not part of the figures, but a refusal during the warm-up is still a refusal
            if (failure == null) {
                warmupSucceeded.increment();
            } else if (!(failure.endsWith("no response") && cutByDuration(now))) {
                warmupFailed.increment();
                failures.computeIfAbsent("warm-up " + failure, k -> new LongAdder()).increment();
            }
            return failure == null ? session : session.markAsFailed();
        }
        if (failure != null && failure.endsWith("no response") && cutByDuration(now)) {
            // Gatling stops users still in flight when --duration ends: not a refusal by the gateway
            unfinished.increment();
            lastFinishNanos.accumulateAndGet(now, Math::max);
            return session.markAsFailed();
        }
        if (failure == null) {
            succeeded.increment();
            successes.add(now, 1);
            latencyNanos.recordValue(Math.max(0, now - session.getLong(T0)));
        } else {
            failures.computeIfAbsent(failure, k -> new LongAdder()).increment();
        }
        lastFinishNanos.accumulateAndGet(now, Math::max);
        lastFinishCpuNanos.accumulateAndGet(processCpuNanos(), Math::max);
        return failure == null ? session : session.markAsFailed();
    }

    /** CPU seconds this JVM spent between the first start and the last finish, or -1 when unknown. */
    double clientCpuSeconds() {
        long from = firstStartCpuNanos.get();
        long to = lastFinishCpuNanos.get();
        return from < 0 || to < from ? -1 : (to - from) / 1e9;
    }

    private static long processCpuNanos() {
        return ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
                ? os.getProcessCpuTime() : -1;
    }

    private boolean cutByDuration(long now) {
        // Gatling's bound runs from the first (warm-up or measured) user, not from the first measured one
        long first = runStartNanos.get();
        return first != 0 && now - first >= plan.bound().toNanos() - 200_000_000L;
    }

    private String outcome(Session session) {
        String step = plan.singleCert() ? "init" : "auth-reply";
        Integer status = session.getIntegerWrapper(plan.singleCert() ? INIT_STATUS : REPLY_STATUS);
        String key = plan.singleCert() ? CHALLENGE : RESULT;
        byte[] body = session.contains(key) ? session.get(key) : null;
        if (status == null || body == null) {
            return step + ": no response";
        }
        if (status != 200) {
            return step + ": HTTP " + status;
        }
        try {
            ConfigAuth doc = ConfigAuthParser.parse(body);
            return "success".equals(doc.authId()) ? null : step + ": not complete (" + McaLogin.describe(doc) + ")";
        } catch (ConfigAuthException e) {
            String text = new String(body, 0, Math.min(body.length, 60), StandardCharsets.UTF_8);
            return step + ": answer is not config-auth XML (" + text.strip() + ")";
        }
    }

    Map<String, Long> failureCounts() {
        Map<String, Long> m = new TreeMap<>();
        failures.forEach((k, v) -> m.put(k, v.sum()));
        return m;
    }
}
