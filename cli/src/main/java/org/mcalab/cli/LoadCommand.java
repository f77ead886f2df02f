package org.mcalab.cli;


import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.mcalab.lab.ForkedGateway;
import org.mcalab.lab.EmbeddedGateway;
import org.mcalab.lab.GatewayUnderTest;
import org.mcalab.fixtures.Manifest;
import org.mcalab.gateway.TlsEngine;
import org.mcalab.lab.CpuMeter;
import org.mcalab.load.LoadIdentity;
import org.mcalab.load.LoadReport;
import org.mcalab.load.LoadSetupException;
import org.mcalab.load.LoginLoad;
import org.mcalab.load.LoginPlan;
import org.mcalab.load.TargetCheck;
import org.mcalab.load.TunnelLoad;
import org.mcalab.load.TunnelPlan;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code mcalab load logins|tunnel}: load against the embedded reference gateway (default) or a gateway the
 * operator owns. Both are bounded by duration and count, refuse non-loopback targets without {@code --allow-remote},
 * and fail fast (exit 2) on an unreachable target. Exit 0 when every login/tunnel succeeded, 1 otherwise.
 */
@Command(name = "load", mixinStandardHelpOptions = true,
        description = "Load: MCA logins per second (Gatling) and tunnel throughput (Netty generator).",
        subcommands = {LoadCommand.Logins.class, LoadCommand.Tunnel.class})
final class LoadCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        throw new UsageException("'load' needs a subcommand: logins or tunnel (try 'mcalab load --help')");
    }

    /** Options both subcommands share. */
    static final class Common {
        @Option(names = "--target", paramLabel = "URL",
                description = "Gateway to load, https://host:port (default: start the embedded reference gateway).")
        URI target;

        @Option(names = "--pki", paramLabel = "DIR",
                description = "Minted PKI (mcalab pki init) whose CAs the --target trusts; load identities are issued from it.")
        Path pki;

        @Option(names = "--allow-remote", description = "Allow a --target that is not a loopback address.")
        boolean allowRemote;

        @Option(names = "--duration", paramLabel = "D", converter = DurationConverter.class,
                description = "Hard bound of the run (e.g. 30s, 2m, 500ms; default ${DEFAULT-VALUE}).")
        Duration duration = Duration.ofSeconds(30);

        @Option(names = "--tls", paramLabel = "ENGINE", description = "Client TLS engine: openssl (netty-tcnative BoringSSL) or jdk (default ${DEFAULT-VALUE}).")
        String tls = "openssl";

        @Option(names = "--gateway-pid", paramLabel = "PID", description = "Read this process's CPU time from /proc (external gateways).")
        Long gatewayPid;

        @Option(names = "--out", paramLabel = "DIR", description = "Where load.json and report.html go (default ./load-<kind>).")
        Path out;

        boolean openSsl() {
            return switch (tls.toLowerCase(Locale.ROOT)) {
                case "openssl" -> true;
                case "jdk" -> false;
                default -> throw new UsageException("--tls must be openssl or jdk, not " + tls);
            };
        }

        void validate() {
            if (duration.isZero() || duration.isNegative()) {
                throw new UsageException("--duration must be positive");
            }
            if (duration.compareTo(Duration.ofHours(1)) > 0) {
                throw new UsageException("--duration is bounded to 1h");
            }
            openSsl();
            if (target != null) {
                try {
                    TargetCheck.require(target, allowRemote, Duration.ofSeconds(3));
                } catch (LoadSetupException e) {
                    throw new UsageException(e.getMessage(), e);
                }
                if (pki == null) {
                    throw new UsageException("--target needs --pki DIR: the identities must come from CAs the gateway trusts");
                }
            }
        }

        Manifest externalPki() {
            try {
                return Manifest.read(pki);
            } catch (RuntimeException e) {
                throw new UsageException("--pki " + pki + ": " + e.getMessage(), e);
            }
        }

        CpuMeter externalCpu() {
            return gatewayPid == null ? CpuMeter.NONE : CpuMeter.process(gatewayPid);
        }

        /**
         * The --target gateway (its CPU with --gateway-pid), else the load runs' reference gateway started here: in
         * this JVM, or with {@code fork} in a child JVM that stops itself after {@code lifetime}.
         */
        GatewayUnderTest gateway(TlsEngine engine, boolean idle, boolean fork, Duration lifetime) {
            if (target != null) {
                return GatewayUnderTest.foreign(target, externalPki(), externalCpu());
            }
            return fork ? ForkedGateway.start(idle, lifetime, engine)
                    : EmbeddedGateway.start(EmbeddedGateway.Setup.load(engine, idle));
        }

        Path outDir(String kind) {
            return out != null ? out : Path.of("load-" + kind);
        }
    }

    @Command(name = "logins", mixinStandardHelpOptions = true,
            description = {"MCA logins per second: each virtual user presents its own machine certificate in TLS, posts init, "
                    + "signs the auth-request's exact bytes with its own user key and posts the auth-reply (Gatling, in-process).",
                    "Writes OUT/load.json, OUT/report.html and Gatling's report under OUT/gatling/."})
    static final class Logins implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        Common common;

        @Option(names = "--users", paramLabel = "N", description = "Logins to attempt (default ${DEFAULT-VALUE}).")
        int users = 200;

        @Option(names = "--rate", paramLabel = "R", description = "Arrivals per second (default ${DEFAULT-VALUE}).")
        double rate = 50;

        @Option(names = "--identities", paramLabel = "N",
                description = "Distinct identities to mint (default: one per user, at most 2000; users reuse them in turn).")
        Integer identities;

        @Option(names = "--single-cert", description = "One TLS certificate only, init -> complete (gateways without MCA, e.g. ocserv).")
        boolean singleCert;

        @Option(names = "--path", paramLabel = "PATH",
                description = "Path init and auth-reply are posted to (default /MCA, or /CERT with --single-cert on the embedded gateway).")
        String path;

        @Option(names = "--new-connection", description = "Post the auth-reply on a new TLS connection, as openconnect -c does (default: keep-alive).")
        boolean newConnection;

        @Option(names = "--concurrency", paramLabel = "N",
                description = "Closed model: keep N logins in flight for --duration, a new user (new connection, next "
                        + "identity) as soon as one finishes; measures the ceiling. Replaces --users/--rate.")
        Integer concurrency;

        @Option(names = "--warmup", paramLabel = "D", converter = DurationConverter.class,
                description = "The same load for D before the measured --duration, not counted, so that both JVMs have "
                        + "compiled the login path (default ${DEFAULT-VALUE}).")
        Duration warmup = Duration.ZERO;

        @Option(names = "--gateway-tls", paramLabel = "ENGINE",
                description = "TLS engine of the embedded gateway: openssl or jdk (default: openssl where netty-tcnative loads).")
        String gatewayTls;

        @Override
        public Integer call() throws IOException {
            common.validate();
            if (users < 1 || users > 1_000_000) {
                throw new UsageException("--users must be 1..1000000");
            }
            if (!(rate > 0) || rate > 100_000) {
                throw new UsageException("--rate must be > 0 and at most 100000");
            }
            int count = identities != null ? identities : Math.min(users, 2000);
            if (count < 1 || count > 100_000) {
                throw new UsageException("--identities must be 1..100000");
            }
            if (warmup.isNegative() || warmup.compareTo(Duration.ofMinutes(10)) > 0) {
                throw new UsageException("--warmup must be 0..10m");
            }
            if (concurrency != null && (concurrency < 1 || concurrency > 10_000)) {
                throw new UsageException("--concurrency must be 1..10000");
            }
            TlsEngine engine = GatewayCommand.engine("--gateway-tls", gatewayTls);
            if (gatewayTls != null && common.target != null) {
                throw new UsageException("--gateway-tls applies to the embedded gateway only, not to a --target");
            }
            return quietly(() -> {
                try (GatewayUnderTest gateway = common.gateway(engine, false, false, Duration.ZERO)) {
                    boolean embedded = gateway.reference();
                    Manifest pki = gateway.pki();
                    String p = path != null ? path : !embedded ? "/" : singleCert ? "/CERT" : "/MCA";
                    LoginPlan plan = new LoginPlan(gateway.url(), p, singleCert, pki.dir(), count, users, rate, common.duration,
                            common.outDir("logins"), newConnection, common.openSsl(), commandLine(spec), embedded,
                            concurrency == null ? 0 : concurrency, warmup);
                    List<String> gatewayNotes = !embedded ? List.of()
                            : List.of("embedded gateway TLS engine: " + engine.label() + " (DTLS on the JDK engine)");
                    LoadReport report;
                    try {
                        report = LoginLoad.run(plan, gateway.cpu(), gatewayNotes);
                    } catch (LoadSetupException e) {
                        throw new UsageException(e.getMessage(), e);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new UsageException("interrupted");
                    }
                    return finish(spec, report, plan.outDir());
                }
            });
        }
    }

    @Command(name = "tunnel", mixinStandardHelpOptions = true,
            description = {"Tunnel throughput: N logged-in CSTP tunnels send UDP packets to the gateway's inside discard (9) "
                    + "or echo (7) host; goodput, packets/s, echo RTT, drops and gateway CPU. With --idle: hold N tunnels "
                    + "without traffic and measure the heap per tunnel; with --gateway fork the gateway runs in a child JVM "
                    + "(its own heap, CPU and file descriptors).",
                    "Writes OUT/load.json and OUT/report.html."})
    static final class Tunnel implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        Common common;

        @Option(names = "--tunnels", paramLabel = "N", description = "Concurrent tunnels (default ${DEFAULT-VALUE}).")
        int tunnels = 1;

        @Option(names = "--mode", paramLabel = "MODE", description = "cstp (default) or dtls.")
        String mode = "cstp";

        @Option(names = "--service", paramLabel = "S", description = "discard (UDP 9, default) or echo (UDP 7).")
        String service = "discard";

        @Option(names = "--inside", paramLabel = "IP", description = "Inside host (default ${DEFAULT-VALUE}; exists only inside the gateway).")
        String inside = "192.168.1.10";

        @Option(names = "--size", paramLabel = "BYTES", description = "IP packet size (default ${DEFAULT-VALUE}).")
        int size = 1400;

        @Option(names = "--packets", paramLabel = "N", description = "Stop after N packets over all tunnels (default: duration only).")
        long packets;

        @Option(names = "--window", paramLabel = "N", description = "Echo packets in flight per tunnel (default ${DEFAULT-VALUE}).")
        int window = 32;

        @Option(names = "--idle", description = "No traffic: hold the tunnels for --duration; report heap per tunnel.")
        boolean idle;

        @Option(names = "--setup-concurrency", paramLabel = "N", description = "Tunnel logins in flight at once (default ${DEFAULT-VALUE}).")
        int setupConcurrency = 32;

        @Option(names = "--path", paramLabel = "PATH", description = "MCA group-url path (default ${DEFAULT-VALUE}).")
        String path = "/MCA";

        @Option(names = "--gateway", paramLabel = "WHERE",
                description = "Where the load gateway runs without --target: in-process (default, beside the generator) "
                        + "or fork (a child JVM: its own heap, CPU and file descriptors; needed for 10,000 tunnels).")
        String gateway = "in-process";

        @Option(names = "--gateway-tls", paramLabel = "ENGINE",
                description = "TLS engine of the load gateway (in-process or fork): openssl or jdk (default: openssl where "
                        + "netty-tcnative loads).")
        String gatewayTls;

        @Override
        public Integer call() throws IOException {
            boolean fork = switch (gateway.toLowerCase(Locale.ROOT)) {
                case "in-process" -> false;
                case "fork" -> true;
                default -> throw new UsageException("--gateway must be in-process or fork, not " + gateway);
            };
            if (fork && common.target != null) {
                throw new UsageException("--gateway fork starts a gateway; --target names one already running: choose one");
            }
            TlsEngine engine = GatewayCommand.engine("--gateway-tls", gatewayTls);
            if (gatewayTls != null && common.target != null) {
                throw new UsageException("--gateway-tls applies to the load gateway mcalab starts, not to a --target");
            }
            if (!mode.equalsIgnoreCase("cstp") && !mode.equalsIgnoreCase("dtls")) {
                throw new UsageException("--mode must be cstp or dtls, not " + mode);
            }
            TunnelPlan.Service s = switch (service.toLowerCase(Locale.ROOT)) {
                case "discard" -> TunnelPlan.Service.DISCARD;
                case "echo" -> TunnelPlan.Service.ECHO;
                default -> throw new UsageException("--service must be discard or echo, not " + service);
            };
            if (tunnels < 1 || tunnels > 20_000) {
                throw new UsageException("--tunnels must be 1..20000");
            }
            if (size < 44 || size > 1406) {
                throw new UsageException("--size must be 44..1406 bytes (an IPv4/UDP packet that fits the tunnel MTU)");
            }
            if (packets < 0 || window < 1 || setupConcurrency < 1) {
                throw new UsageException("--packets must be >= 0, --window and --setup-concurrency >= 1");
            }
            Inet4Address insideHost;
            try {
                if (!(InetAddress.getByName(inside) instanceof Inet4Address a)) {
                    throw new UsageException("--inside must be an IPv4 address");
                }
                insideHost = a;
            } catch (UnknownHostException e) {
                throw new UsageException("--inside must be an IPv4 address, not " + inside);
            }
            common.validate();
            return quietly(() -> {
                try (GatewayUnderTest gateway = common.gateway(engine, idle, fork, lifetime())) {
                    Manifest pki = gateway.pki();
                    List<LoadIdentity> ids = LoadIdentity.mint(pki, tunnels, true);
                    TunnelPlan plan = new TunnelPlan(gateway.url(), path, ids, tunnels, s, insideHost, size, common.duration,
                            packets, window, idle, setupConcurrency, pki.caBundle(), common.outDir("tunnel"),
                            common.openSsl(), commandLine(spec), gateway.reference(), gateway, mode.equalsIgnoreCase("dtls"));
                    LoadReport report;
                    try {
                        report = TunnelLoad.run(plan);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new UsageException("interrupted");
                    }
                    if (gateway.reference()) {
                        report = report.withNote(gateway.where()).withNote("load gateway TLS engine: " + engine.label());
                    }
                    return finish(spec, report, plan.outDir());
                }
            });
        }

        /** The forked gateway's own bound: identities, setup (bounded as in TunnelLoad), the run, and slack. */
        private Duration lifetime() {
            return Duration.ofSeconds(300).plus(common.duration).plusMillis(40L * tunnels * 3);
        }
    }

    interface Body {
        Integer run() throws IOException;
    }

    /** Load logs thousands of connections: the gateway's and Netty's INFO lines would drown the summary. */
    static Integer quietly(Body body) throws IOException {
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        Level previous = root.getLevel();
        root.setLevel(Level.WARN);
        try {
            return body.run();
        } finally {
            root.setLevel(previous);
        }
    }

    static Integer finish(CommandSpec spec, LoadReport report, Path out) throws IOException {
        report.write(out);
        PrintWriter stdout = spec.commandLine().getOut();
        stdout.println(headline(report));
        Map<String, Double> pct = report.latencyPercentilesMillis();
        if (!pct.isEmpty()) {
            StringBuilder b = new StringBuilder("latency ms:");
            pct.forEach((k, v) -> b.append(' ').append(k).append('=').append(v));
            stdout.println(b);
        }
        for (String note : report.notes()) {
            stdout.println("  " + note);
        }
        stdout.println("report: " + out.resolve("report.html") + ", " + out.resolve(LoadReport.JSON_FILE));
        report.links().forEach((k, v) -> stdout.println(k + ": " + out.resolve(v)));
        stdout.flush();
        return report.passed() ? Main.OK : Main.FAILED;
    }

    private static String headline(LoadReport r) {
        StringBuilder b = new StringBuilder(r.kind()).append(": ").append(r.verdictText()).append(" |");
        r.summary().forEach((k, v) -> b.append(' ').append(k).append('=').append(v % 1 == 0 ? Long.toString(v.longValue()) : v));
        return b.toString();
    }

    static String commandLine(CommandSpec spec) {
        List<String> args = spec.commandLine().getParseResult().originalArgs();
        return "mcalab " + String.join(" ", args); // originalArgs start at "load"
    }

    /** 30s, 2m, 500ms, 1h, or plain seconds. */
    static final class DurationConverter implements ITypeConverter<Duration> {
        private static final Pattern FORM = Pattern.compile("(\\d+)(ms|s|m|h)?");

        @Override
        public Duration convert(String value) {
            Matcher m = FORM.matcher(value.trim().toLowerCase(Locale.ROOT));
            if (!m.matches()) {
                throw new IllegalArgumentException("not a duration (use e.g. 30s, 2m, 500ms): " + value);
            }
            long n = Long.parseLong(m.group(1));
            String unit = m.group(2) == null ? "s" : m.group(2);
            return switch (unit) {
                case "ms" -> Duration.ofMillis(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofSeconds(n);
            };
        }
    }
}
