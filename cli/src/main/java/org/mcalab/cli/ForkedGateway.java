package org.mcalab.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.mcalab.gateway.TlsEngine;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.mcalab.fixtures.Manifest;
import org.mcalab.lab.CpuMeter;

/**
 * The load gateway in a child JVM ({@code java -cp <this classpath> ForkedGatewayMain}): its own heap, its own file
 * descriptors (one process holding both ends of 10,000 tunnels runs out of them) and its own CPU time, read from
 * {@code /proc/<pid>/stat}. Heap, inside counters and sessions come over the child's stdin/stdout, one line each way.
 * The child is stopped on {@link #close}, by a shutdown hook on Ctrl-C, and stops itself when its stdin ends.
 */
final class ForkedGateway implements LoadTarget {
    static final Duration READY_TIMEOUT = Duration.ofSeconds(120);
    static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(60);
    private static final String EOF = "\u0000eof";

    private final Process process;
    private final Thread hook;
    private final BlockingQueue<String> lines;
    private final OutputStream requests;
    private final URI url;
    private final Manifest pki;

    private ForkedGateway(Process process, Thread hook, BlockingQueue<String> lines, URI url, Manifest pki) {
        this.process = process;
        this.hook = hook;
        this.lines = lines;
        this.requests = process.getOutputStream();
        this.url = url;
        this.pki = pki;
    }

    /**
     * @param idle     shorten the gateway DPD interval (see {@link LoadGateway})
     * @param lifetime the child stops itself after this long whatever happens
     * @throws UsageException when the child does not start or does not become ready (exit 2)
     */
    static ForkedGateway start(boolean idle, Duration lifetime) {
        return start(idle, lifetime, TlsEngine.preferred());
    }

    /** {@link #start(boolean, Duration)} with the child gateway's TLS engine. */
    static ForkedGateway start(boolean idle, Duration lifetime, TlsEngine engine) {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:+ExitOnOutOfMemoryError"));
        String log = System.getProperty("mcalab.log");
        if (log != null) {
            command.add("-Dmcalab.log=" + log);
        }
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), ForkedGatewayMain.class.getName(),
                idle ? "idle" : "traffic", Long.toString(Math.max(1, lifetime.toSeconds())), engine.label()));
        Process process;
        try {
            process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        } catch (IOException e) {
            throw new UsageException("cannot start the gateway process: " + e.getMessage(), e);
        }
        Thread hook = new Thread(() -> stop(process), "mcalab-forked-gateway-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        Thread reader = new Thread(() -> read(process, lines), "forked-gateway-reader");
        reader.setDaemon(true);
        reader.start();
        try {
            String ready = next(lines, READY_TIMEOUT);
            String[] f = ready == null ? new String[0] : ready.split(" ");
            if (f.length != 4 || !f[0].equals("ready")) {
                throw new UsageException("the gateway process did not become ready within " + READY_TIMEOUT.toSeconds()
                        + " s" + (process.isAlive() ? "" : " (it exited with " + process.exitValue() + ")"));
            }
            return new ForkedGateway(process, hook, lines, URI.create(f[1]), Manifest.read(Path.of(f[2])));
        } catch (RuntimeException e) {
            stop(process);
            removeHook(hook);
            throw e instanceof UsageException u ? u : new UsageException("gateway process: " + e.getMessage(), e);
        }
    }

    long pid() {
        return process.pid();
    }

    @Override
    public URI url() {
        return url;
    }

    @Override
    public Manifest pki() {
        return pki;
    }

    @Override
    public String where() {
        return "gateway in a separate process (pid " + process.pid() + "); its CPU from /proc/" + process.pid()
                + "/stat (all its threads, GC and JIT included)";
    }

    @Override
    public CpuMeter cpu() {
        return CpuMeter.process(process.pid());
    }

    @Override
    public OptionalLong heapAfterGc() {
        return ask("heap").map(f -> Long.parseLong(f[1])).filter(b -> b >= 0)
                .map(OptionalLong::of).orElse(OptionalLong.empty());
    }

    @Override
    public Optional<InsideCount> inside() {
        return ask("inside").filter(f -> f.length == 5).map(f -> new InsideCount(Long.parseLong(f[1]),
                Long.parseLong(f[2]), Long.parseLong(f[3]), Long.parseLong(f[4])));
    }

    @Override
    public Optional<Held> held() {
        return ask("held").filter(f -> f.length == 3).map(f -> new Held(Integer.parseInt(f[1]), Integer.parseInt(f[2])));
    }

    /** One request, one answer line split on spaces; empty when the child is gone or does not answer in time. */
    private synchronized Optional<String[]> ask(String request) {
        if (!process.isAlive()) {
            return Optional.empty();
        }
        lines.removeIf(l -> !l.equals(EOF)); // a late answer to a request that timed out
        try {
            requests.write((request + "\n").getBytes(StandardCharsets.US_ASCII));
            requests.flush();
        } catch (IOException e) {
            return Optional.empty();
        }
        String answer = next(lines, ANSWER_TIMEOUT);
        if (answer == null || !answer.startsWith(request + " ")) {
            return Optional.empty();
        }
        return Optional.of(answer.split(" "));
    }

    @Override
    public void close() {
        stop(process);
        removeHook(hook);
    }

    /** Asks the child to stop (stdin closed), then SIGTERM, then SIGKILL: it never outlives the command. */
    private static void stop(Process process) {
        try {
            try (OutputStream in = process.getOutputStream()) {
                in.write("stop\n".getBytes(StandardCharsets.US_ASCII));
            } catch (IOException gone) {
                // already exiting
            }
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroy();
                if (!process.waitFor(5, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                }
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running or has run
        }
    }

    private static void read(Process process, BlockingQueue<String> lines) {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.US_ASCII))) {
            String line;
            while ((line = r.readLine()) != null) {
                lines.add(line);
            }
        } catch (IOException e) {
            // the child is gone
        }
        lines.add(EOF);
    }

    private static String next(BlockingQueue<String> lines, Duration timeout) {
        try {
            String line = lines.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (EOF.equals(line)) {
                lines.add(EOF); // every later read sees the end too
                return null;
            }
            return line;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
