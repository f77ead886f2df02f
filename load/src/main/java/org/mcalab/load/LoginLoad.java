package org.mcalab.load;

import org.mcalab.lab.CpuMeter;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.mcalab.fixtures.Manifest;

/**
 * Runs {@code mcalab load logins}: Gatling ({@code io.gatling.app.Gatling}, no build plugin) with
 * {@link McaLoginSimulation} in a forked JVM (Gatling's log writer needs {@code --add-opens java.base/java.lang}, which
 * a running JVM cannot grant itself), then mcalab's own verdict and figures from its own counters. Gatling's HTML
 * report is kept under {@code OUT/gatling/} and linked; its console output goes to {@code OUT/gatling.log}.
 */
public final class LoginLoad {
    static final String PLAN_FILE = ".login-plan.json";
    static final String RESULT_FILE = ".login-result.json";
    static final String LOG_FILE = "gatling.log";
    static final String CONF_DIR = "gatling-conf";
    private static final String LOGBACK = """
            <configuration>
              <appender name="out" class="ch.qos.logback.core.ConsoleAppender">
                <encoder><pattern>%d{HH:mm:ss.SSS} %-5level %logger{30} - %msg%n</pattern></encoder>
              </appender>
              <logger name="io.gatling" level="INFO"/>
              <root level="WARN"><appender-ref ref="out"/></root>
            </configuration>
            """;
    /** Minting, JVM start and Gatling's report generation, on top of the run's own duration. */
    private static final Duration WORKER_SLACK = Duration.ofSeconds(180);

    private LoginLoad() {}

    /**
     * Runs the plan in a worker JVM to its end (all users done, or the duration bound) and returns the report with the
     * gateway's CPU use added; writes nothing but the worker's files (see {@link LoadReport#write}).
     *
     * @throws LoadSetupException when the worker cannot start, fails, or overruns its bound
     */
    public static LoadReport run(LoginPlan plan, CpuMeter gatewayCpu) throws IOException, InterruptedException {
        return run(plan, gatewayCpu, List.of());
    }

    /** As {@link #run(LoginPlan, CpuMeter)}, adding what the caller knows about the target to the report's notes. */
    public static LoadReport run(LoginPlan plan, CpuMeter gatewayCpu, List<String> targetNotes)
            throws IOException, InterruptedException {
        Path out = plan.outDir().toAbsolutePath();
        Files.createDirectories(out);
        Path planFile = out.resolve(PLAN_FILE);
        Path resultFile = out.resolve(RESULT_FILE);
        Files.deleteIfExists(resultFile);
        JSON.writeValue(planFile.toFile(), plan);
        // Gatling reads its settings as the classpath resource gatling.conf; logback's file keeps its DEBUG chatter out
        Path confDir = Files.createDirectories(out.resolve(CONF_DIR));
        writeConfiguration(confDir.resolve("gatling.conf"), plan);
        Files.writeString(confDir.resolve("logback.xml"), LOGBACK);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = List.of(java, "--add-opens=java.base/java.lang=ALL-UNNAMED", "-XX:+UseParallelGC",
                "-Dlogback.configurationFile=" + confDir.resolve("logback.xml"),
                "-cp", confDir + File.pathSeparator + System.getProperty("java.class.path"),
                LoginWorker.class.getName(), planFile.toString(), resultFile.toString());
        Process worker = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(out.resolve(LOG_FILE).toFile()).start();
        long t0 = System.nanoTime();
        OptionalLong cpuBefore = gatewayCpu.cpuNanos();
        try {
            if (!worker.waitFor(plan.bound().plus(WORKER_SLACK).toMillis(), TimeUnit.MILLISECONDS)) {
                throw new LoadSetupException("the Gatling worker overran its bound; see " + out.resolve(LOG_FILE));
            }
        } finally {
            if (worker.isAlive()) {
                worker.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
            Files.deleteIfExists(planFile);
        }
        OptionalLong cpuAfter = gatewayCpu.cpuNanos();
        double wall = (System.nanoTime() - t0) / 1e9;
        if (worker.exitValue() != 0 || !Files.isRegularFile(resultFile)) {
            throw new LoadSetupException("the Gatling worker failed (exit " + worker.exitValue() + "): " + lastLine(out.resolve(LOG_FILE)));
        }
        LoadReport report = JSON.readValue(resultFile.toFile(), LoadReport.class);
        Files.deleteIfExists(resultFile);
        // The worker's wall time includes minting and JVM start; the gateway only works during the run itself.
        double active = report.summary().getOrDefault("active_seconds", wall);
        Map<String, Double> summary = new LinkedHashMap<>(report.summary());
        Optional<Double> gatewayPercent = cpuPercent(cpuBefore, cpuAfter, Math.max(active, 1e-3));
        gatewayPercent.ifPresent(c -> summary.put("gateway_cpu_percent", c));
        double ok = summary.getOrDefault("logins_ok", 0.0);
        if (gatewayPercent.isPresent() && ok > 0) {
            // CPU per login does not depend on how much of the machine the run got, unlike logins/s on a shared box
            summary.put("gateway_cpu_ms_per_login", round(gatewayPercent.get() / 100 * active * 1000 / ok));
        }
        List<String> notes = new ArrayList<>(report.notes());
        notes.addAll(targetNotes);
        return new LoadReport(report.kind(), report.command(), report.startedAt(), report.wallSeconds(), report.target(),
                report.embedded(), report.passed(), report.verdictText(), report.tlsEngine(), summary,
                report.latencyPercentilesMillis(), report.series(), notes, report.links());
    }

    /** The worker's side: mint the identities (in bulk, before any user starts), then run Gatling in this JVM. */
    static LoadReport runHere(LoginPlan plan) throws IOException {
        Path out = plan.outDir().toAbsolutePath();
        Path gatlingDir = out.resolve("gatling");
        Files.createDirectories(gatlingDir);
        List<LoadIdentity> identities = LoadIdentity.mint(Manifest.read(plan.pki()), plan.identities(), !plan.singleCert());
        Instant startedAt = Instant.now();
        LoginRun run = new LoginRun(plan, identities);
        LoginRun.install(run);
        int exit;
        try {
            exit = io.gatling.app.Gatling$.MODULE$.fromArgs(new String[] {
                    "--simulation", McaLoginSimulation.class.getName(),
                    "--results-folder", gatlingDir.toString(),
                    "--run-description", plan.command()});
        } finally {
            LoginRun.uninstall(run);
        }
        return report(plan, run, startedAt, System.nanoTime(), exit, out, gatlingDir);
    }

    private static String lastLine(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            for (int i = lines.size() - 1; i >= 0; i--) {
                if (!lines.get(i).isBlank() && !lines.get(i).startsWith("\tat ")) {
                    return lines.get(i).strip();
                }
            }
        } catch (IOException e) {
            // fall through
        }
        return "no output (see " + log + ")";
    }

    private static LoadReport report(LoginPlan plan, LoginRun run, Instant startedAt, long endNanos, int gatlingExit,
                                     Path out, Path gatlingDir) {
        long first = run.firstStartNanos() == 0 ? endNanos : run.firstStartNanos();
        double wall = (endNanos - first) / 1e9;
        long ok = run.succeeded.sum();
        Map<String, Long> failures = run.failureCounts();
        long failed = failures.values().stream().mapToLong(Long::longValue).sum();
        long last = run.lastFinishNanos.get();
        double active = last == 0 ? wall : Math.max(1e-3, (last - first) / 1e9);

        Map<String, Double> summary = new LinkedHashMap<>();
        summary.put("logins_per_s", round(ok / active));
        summary.put("logins_ok", (double) ok);
        summary.put("logins_failed", (double) failed);
        long started = run.started.sum();
        // users still in flight when --duration ended; Gatling stops most of them without running their last step
        long unfinished = Math.max(run.unfinished.sum(), started - ok - (failed - run.warmupFailed.sum()));
        summary.put("unfinished_at_end", (double) unfinished);
        summary.put("users_started", (double) started);
        if (plan.closedModel()) {
            summary.put("concurrency", (double) plan.concurrency());
        } else {
            summary.put("users_planned", (double) plan.users());
            summary.put("offered_rate_per_s", plan.rate());
        }
        List<double[]> perSecond = run.successes.points(active, 1.0);
        // the peak over whole seconds only: a partial last second extrapolates too much
        summary.put("peak_logins_per_s", round(perSecond.stream().filter(p -> p[0] <= Math.floor(active))
                .mapToDouble(p -> p[1]).max().orElse(ok / active)));
        summary.put("active_seconds", round(active));
        double clientCpu = run.clientCpuSeconds();
        if (clientCpu >= 0) {
            // the load generator's whole JVM (Gatling, TLS, signing, JIT, GC): with the gateway's share, the CPU split
            summary.put("client_cpu_percent", round(clientCpu / active * 100));
            if (ok > 0) {
                summary.put("client_cpu_ms_per_login", round(clientCpu * 1000 / ok));
            }
        }

        List<String> notes = new ArrayList<>();
        notes.add((plan.singleCert() ? "single-certificate logins (init -> complete) on " : "MCA logins on ") + plan.path()
                + ", " + plan.identities() + " distinct identities minted before the run");
        if (!plan.singleCert()) {
            notes.add(plan.newConnection() ? "auth-reply on a new TLS connection (openconnect -c behaviour)"
                    : "keep-alive: the auth-reply goes on the virtual user's init connection (openconnect opens a new one)");
        }
        notes.add("Gatling TLS engine: " + (plan.openSsl() ? "OpenSSL (netty-tcnative BoringSSL)" : "JDK"));
        failures.forEach((why, n) -> notes.add("failed " + n + "x: " + why));
        if (unfinished > 0) {
            notes.add(unfinished + " logins were still in flight when --duration ended (not counted as failures)");
        }
        if (!plan.warmup().isZero()) {
            notes.add("warm-up: " + plan.warmup().toSeconds() + " s of the same load before the measured "
                    + plan.duration().toSeconds() + " s, not counted (" + run.warmupSucceeded.sum() + " logins)");
        }
        if (plan.closedModel()) {
            notes.add("closed model: " + plan.concurrency() + " logins in flight at any time for " + plan.duration().toSeconds()
                    + " s, each by a new virtual user on a new connection");
        } else if (started < plan.users()) {
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

    static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS);

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
                    writers = [console, file]
                    enableAnalytics = false
                  }
                }
                """.formatted(plan.openSsl());
        Files.writeString(file, conf);
        return file;
    }
}
