package org.mcalab.lab;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.mcalab.fixtures.Manifest;
import org.mcalab.gateway.TlsEngine;
import org.mcalab.reports.model.TraceLine;

/**
 * The load runs' reference gateway in a child JVM ({@code java -cp <this classpath> ForkedGatewayMain}): its own heap,
 * its own file descriptors (one process holding both ends of 10,000 tunnels runs out of them) and its own CPU time,
 * read from {@code /proc/<pid>/stat}. Sessions, trace, logoff, heap and inside counters come from the child's admin
 * endpoint over HTTP, as {@code mcalab show} reads any reference gateway's. The child is stopped on {@link #close},
 * by a shutdown hook on Ctrl-C, and stops itself when its stdin ends.
 */
public final class ForkedGateway implements GatewayUnderTest {
    static final Duration READY_TIMEOUT = Duration.ofSeconds(120);
    /** A {@code /heap} answer runs full garbage collections of a heap that may hold 10,000 tunnels. */
    static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Process process;
    private final Thread hook;
    private final URI url;
    private final Manifest pki;
    private final AdminEndpoint admin;

    private ForkedGateway(Process process, Thread hook, URI url, Manifest pki, AdminEndpoint admin) {
        this.process = process;
        this.hook = hook;
        this.url = url;
        this.pki = pki;
        this.admin = admin;
    }

    /**
     * @param idle     shorten the gateway DPD interval ({@link EmbeddedGateway.Setup#load})
     * @param lifetime the child stops itself after this long whatever happens
     * @param engine   the child gateway's TLS engine
     * @throws LabException when the child does not start or does not become ready (exit 2)
     */
    public static ForkedGateway start(boolean idle, Duration lifetime, TlsEngine engine) {
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
            throw new LabException("cannot start the gateway process: " + e.getMessage(), e);
        }
        Thread hook = new Thread(() -> stop(process), "mcalab-forked-gateway-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            String ready = readyLine(process);
            String[] f = ready == null ? new String[0] : ready.split(" ");
            if (f.length != 5 || !f[0].equals("ready")) {
                throw new LabException("the gateway process did not become ready within " + READY_TIMEOUT.toSeconds()
                        + " s" + (process.isAlive() ? "" : " (it exited with " + process.exitValue() + ")"));
            }
            int colon = f[3].lastIndexOf(':');
            InetSocketAddress address = new InetSocketAddress(f[3].substring(0, colon), Integer.parseInt(f[3].substring(colon + 1)));
            return new ForkedGateway(process, hook, URI.create(f[1]), Manifest.read(Path.of(f[2])),
                    new AdminEndpoint(address, Optional.of(f[4])));
        } catch (RuntimeException e) {
            stop(process);
            removeHook(hook);
            throw e instanceof LabException l ? l : new LabException("gateway process: " + e.getMessage(), e);
        }
    }

    /** The child's one line on stdout, or null when it ends or does not come in time. */
    private static String readyLine(Process process) {
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.US_ASCII));
        CompletableFuture<String> line = CompletableFuture.supplyAsync(() -> {
            try {
                return out.readLine();
            } catch (IOException e) {
                return null;
            }
        });
        try {
            return line.get(READY_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    public long pid() {
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
    public boolean reference() {
        return true;
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
        return get("/heap").map(j -> OptionalLong.of(j.path("usedAfterGcBytes").asLong())).orElse(OptionalLong.empty());
    }

    @Override
    public Optional<InsideCount> inside() {
        return get("/inside").map(j -> new InsideCount(j.path("discarded").asLong(), j.path("discardedBytes").asLong(),
                j.path("echoed").asLong(), j.path("dropped").asLong()));
    }

    @Override
    public Optional<Trace> trace() {
        return Optional.of(new Trace() {
            @Override
            public long mark() {
                return get("/trace?since=" + Long.MAX_VALUE).map(j -> j.path("lastSeq").asLong()).orElse(0L);
            }

            @Override
            public List<TraceLine> since(long mark) {
                List<TraceLine> lines = new ArrayList<>();
                get("/trace?since=" + mark).ifPresent(j -> j.path("events").forEach(e -> lines.add(new TraceLine(
                        e.path("time").asText(), e.path("category").asText(),
                        (e.path("correlation").isTextual() ? "[" + e.path("correlation").asText() + "] " : "")
                                + e.path("message").asText()))));
                return lines;
            }
        });
    }

    /**
     * What the admin endpoint's {@code /sessions} tells: a session is found by the 6-character token prefix it shows
     * (none when two share it), with its JSON record as the detail view and no tunnel counters.
     */
    @Override
    public Optional<Sessions> sessions() {
        return Optional.of(new Sessions() {
            @Override
            public Optional<SessionView> find(String sessionToken) {
                return record(sessionToken).map(s -> new SessionView(s.path("username").asText(),
                        s.path("tunnelGroup").asText(), s.path("groupPolicy").asText(),
                        s.path("assignedIp").isTextual() ? s.path("assignedIp").asText() : null,
                        s.path("authMode").asText(), s.toPrettyString()));
            }

            @Override
            public Held held() {
                List<JsonNode> all = active();
                int withTunnel = (int) all.stream().filter(s -> s.path("protocol").asText().contains("SSL-Tunnel")).count();
                return new Held(all.size(), withTunnel);
            }

            @Override
            public boolean logoff(String sessionToken) {
                Optional<JsonNode> s = record(sessionToken);
                if (s.isEmpty()) {
                    return false;
                }
                try {
                    return admin.post("/sessions/" + s.get().path("index").asInt() + "/logoff", ANSWER_TIMEOUT).statusCode() == 200;
                } catch (IOException e) {
                    return false;
                }
            }
        });
    }

    private Optional<JsonNode> record(String sessionToken) {
        List<JsonNode> matching = active().stream()
                .filter(s -> !s.path("tokenPrefix").asText().isEmpty() && sessionToken.startsWith(s.path("tokenPrefix").asText()))
                .toList();
        return matching.size() == 1 ? Optional.of(matching.get(0)) : Optional.empty();
    }

    private List<JsonNode> active() {
        List<JsonNode> all = new ArrayList<>();
        get("/sessions").ifPresent(j -> j.path("sessions").forEach(all::add));
        return all;
    }

    @Override
    public OptionalInt poolSize() {
        return OptionalInt.empty(); // the child's config is not read here; a soak runs in-process
    }

    /** One admin request's JSON answer; empty when the child is gone, does not answer in time or refuses. */
    private Optional<JsonNode> get(String pathAndQuery) {
        if (!process.isAlive()) {
            return Optional.empty();
        }
        try {
            HttpResponse<String> r = admin.get(pathAndQuery, ANSWER_TIMEOUT);
            return r.statusCode() == 200 ? Optional.of(JSON.readTree(r.body())) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    @Override
    public void close() {
        stop(process);
        removeHook(hook);
    }

    /** Closes the child's stdin (it stops), then SIGTERM, then SIGKILL: it never outlives the command. */
    private static void stop(Process process) {
        try {
            try {
                process.getOutputStream().close();
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
}
