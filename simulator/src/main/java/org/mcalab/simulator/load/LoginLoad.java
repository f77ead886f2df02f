package org.mcalab.simulator.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.stream.Stream;

/**
 * Runs {@code mcalab load logins}: Gatling in this JVM ({@code io.gatling.app.Gatling}, no build plugin) with
 * {@link McaLoginSimulation}, then mcalab's own verdict and figures from its own counters. Gatling's HTML report is
 * kept under {@code OUT/gatling/} and linked.
 */
public final class LoginLoad {
    private LoginLoad() {}

    /** Runs the plan to its end (all users done, or the duration bound) and writes nothing; see {@link LoadReport#write}. */
    public static LoadReport run(LoginPlan plan) throws IOException {
        Path out = plan.outDir().toAbsolutePath();
        Path gatlingDir = out.resolve("gatling");
        Files.createDirectories(gatlingDir);
        Path conf = writeConfiguration(out.resolve("gatling.conf"), plan);
        Instant startedAt = Instant.now();
        LoginRun run = new LoginRun(plan);
        OptionalLong cpuBefore = plan.gatewayCpu().cpuNanos();
        LoginRun.install(run);
        String previousConf = System.getProperty("gatling.conf.file");
        System.setProperty("gatling.conf.file", conf.toString());
        int exit;
        try {
            exit = io.gatling.app.Gatling$.MODULE$.fromArgs(new String[] {
                    "--simulation", McaLoginSimulation.class.getName(),
                    "--results-folder", gatlingDir.toString(),
                    "--run-description", plan.command()});
        } finally {
            if (previousConf == null) {
                System.clearProperty("gatling.conf.file");
            } else {
                System.setProperty("gatling.conf.file", previousConf);
            }
            LoginRun.uninstall(run);
        }
        long endNanos = System.nanoTime();
        OptionalLong cpuAfter = plan.gatewayCpu().cpuNanos();
        return report(plan, run, startedAt, endNanos, cpuBefore, cpuAfter, exit, out, gatlingDir);
    }

    private static LoadReport report(LoginPlan plan, LoginRun run, Instant startedAt, long endNanos, OptionalLong cpuBefore,
                                     OptionalLong cpuAfter, int gatlingExit, Path out, Path gatlingDir) {
        double wall = (endNanos - run.startNanos) / 1e9;
        long ok = run.succeeded.sum();
        Map<String, Long> failures = run.failureCounts();
        long failed = failures.values().stream().mapToLong(Long::longValue).sum();
        long started = run.started.sum();
        long last = run.lastFinishNanos.get();
        double active = last == 0 ? wall : Math.max(1e-3, (last - run.startNanos) / 1e9);

        Map<String, Double> summary = new LinkedHashMap<>();
        summary.put("logins_per_s", round(ok / active));
        summary.put("logins_ok", (double) ok);
        summary.put("logins_failed", (double) failed);
        summary.put("users_started", (double) started);
        summary.put("users_planned", (double) plan.users());
        summary.put("offered_rate_per_s", plan.rate());
        List<double[]> perSecond = run.successes.points(active, 1.0);
        summary.put("peak_logins_per_s", perSecond.stream().mapToDouble(p -> p[1]).max().orElse(0));
        summary.put("active_seconds", round(active));
        cpuPercent(cpuBefore, cpuAfter, wall).ifPresent(c -> summary.put("gateway_cpu_percent", c));

        List<String> notes = new ArrayList<>();
        notes.add((plan.singleCert() ? "single-certificate logins (init -> complete) on " : "MCA logins on ") + plan.path()
                + ", " + plan.identities().size() + " distinct identities minted before the run");
        notes.add(plan.newConnection() ? "auth-reply on a new TLS connection (openconnect -c behaviour)"
                : "keep-alive: the auth-reply goes on the virtual user's init connection (openconnect opens a new one)");
        notes.add("Gatling TLS engine: " + (plan.openSsl() ? "OpenSSL (netty-tcnative BoringSSL)" : "JDK"));
        failures.forEach((why, n) -> notes.add("failed " + n + "x: " + why));
        if (started < plan.users()) {
            notes.add((plan.users() - started) + " planned users never started: the --duration bound ended the run");
        }
        if (gatlingExit != 0) {
            notes.add("Gatling exited with status " + gatlingExit);
        }
        boolean passed = failed == 0 && ok > 0;
        String verdict = ok + " logins succeeded, " + failed + " failed; " + summary.get("logins_per_s") + " logins/s";

        Map<String, String> links = new LinkedHashMap<>();
        gatlingReport(gatlingDir).ifPresent(index -> links.put("gatling", out.relativize(index).toString()));
        Map<String, List<double[]>> series = new LinkedHashMap<>();
        series.put("logins_per_s", perSecond);
        return new LoadReport("logins", plan.command(), startedAt, round(wall), plan.target().toString(), plan.embedded(),
                passed, verdict, plan.openSsl() ? "openssl" : "jdk", summary, Percentiles.millis(run.latencyNanos),
                series, notes, links);
    }

    static Optional<Double> cpuPercent(OptionalLong before, OptionalLong after, double wallSeconds) {
        if (before.isEmpty() || after.isEmpty() || wallSeconds <= 0) {
            return Optional.empty();
        }
        return Optional.of(round((after.getAsLong() - before.getAsLong()) / 1e9 / wallSeconds * 100));
    }

    static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }

    private static Optional<Path> gatlingReport(Path gatlingDir) {
        try (Stream<Path> dirs = Files.list(gatlingDir)) {
            return dirs.map(d -> d.resolve("index.html")).filter(Files::isRegularFile)
                    .max(Comparator.comparing(p -> p.toFile().lastModified()));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /**
     * Gatling's settings for this run: no usage analytics and no warm-up call (this machine talks to nothing but the
     * target), only the file writer (mcalab prints its own summary), the chosen TLS engine.
     */
    private static Path writeConfiguration(Path file, LoginPlan plan) throws IOException {
        String conf = """
                gatling {
                  ssl {
                    useOpenSsl = %s
                    handshakeTimeout = 10000
                    enabledProtocols = ["TLSv1.3", "TLSv1.2"]
                  }
                  socket {
                    connectTimeout = 5000
                  }
                  http {
                    requestTimeout = 30000
                  }
                  data {
                    writers = [file]
                    enableAnalytics = false
                  }
                }
                """.formatted(plan.openSsl());
        Files.writeString(file, conf);
        return file;
    }
}
