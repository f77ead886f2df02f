package org.mcalab.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.mcalab.lab.EmbeddedGateway;
import org.mcalab.lab.Target;
import org.mcalab.reports.ReportFiles;
import org.mcalab.reports.ReportWriter;
import org.mcalab.reports.model.Run;
import org.mcalab.load.soak.Soak;
import org.mcalab.load.soak.SoakFigures;
import org.mcalab.load.soak.SoakOptions;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code mcalab soak}: churn of MCA logins, CSTP tunnels, logouts and bad clients at a fixed rate against the
 * embedded reference gateway, then a leak check (MCA-ROB-3). Exit 0 when nothing leaked and nothing but the injected
 * refusals went wrong, 1 otherwise, 2 for usage errors.
 */
@Command(name = "soak", mixinStandardHelpOptions = true,
        description = {"Churn logins, tunnels, logouts and bad clients against the embedded gateway, then check that "
                + "sessions, auth-info entries, pool addresses and heap are back where they started."})
final class SoakCommand implements Callable<Integer> {
    @Option(names = "--duration", paramLabel = "D", converter = DurationText.class,
            description = "How long the churn runs: 90s, 10m, 1h or ISO-8601 (default 60s, at most 1h).")
    Duration duration = SoakOptions.DEFAULT_DURATION;

    @Option(names = "--rate", paramLabel = "R", description = "Actions per second (default ${DEFAULT-VALUE}, at most 200).")
    double rate = SoakOptions.DEFAULT_RATE;

    @Option(names = "--no-tunnels", description = "Log in and out without bringing up CSTP tunnels.")
    boolean noTunnels;

    @Option(names = "--out", paramLabel = "DIR", description = "Where results.json, junit.xml and report.html go (default ./soak-report).")
    Path out = Path.of("soak-report");

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        SoakOptions options;
        try {
            options = SoakOptions.of(duration, rate).withTunnels(!noTunnels);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage(), e);
        }
        PrintWriter stdout = spec.commandLine().getOut();
        Instant startedAt = Instant.now();
        long t0 = System.nanoTime();
        SoakFigures figures;
        String url;
        try (EmbeddedGateway gateway = EmbeddedGateway.start(EmbeddedGateway.Setup.soak())) {
            Target target = gateway.target(List.of());
            url = target.url().toString();
            stdout.printf(Locale.ROOT, "Soaking %s (embedded reference gateway) for %d s at %.1f actions/s%s%n", url,
                    duration.toSeconds(), rate, options.tunnels() ? ", with tunnels" : "");
            stdout.flush();
            figures = Soak.run(target, options);
        }
        var text = new java.io.ByteArrayOutputStream();
        figures.print(new PrintStream(text, true, StandardCharsets.UTF_8));
        stdout.print(text.toString(StandardCharsets.UTF_8));

        Map<String, String> environment = new LinkedHashMap<>();
        environment.put("java", System.getProperty("java.version"));
        environment.put("soak", duration.toSeconds() + " s at " + rate + "/s" + (options.tunnels() ? ", tunnels" : ""));
        environment.put("logins", Integer.toString(figures.logins()));
        environment.put("tunnels", Integer.toString(figures.tunnels()));
        environment.put("bad inputs", Integer.toString(figures.badInputsTotal()));
        environment.put("sessions lost", Integer.toString(figures.sessionsLost()));
        environment.put("heap after GC", String.format(Locale.ROOT, "%d -> %d bytes", figures.heapBeforeBytes(),
                figures.heapAfterBytes()));
        Run run = new Run("mcalab soak", version(), startedAt, (System.nanoTime() - t0) / 1_000_000, url, true,
                environment, List.of(), List.of(), figures.section(), null);
        ReportFiles files;
        try {
            files = ReportWriter.write(run, out);
        } catch (IOException e) {
            throw new UsageException("cannot write the reports to " + out + ": " + e.getMessage(), e);
        }
        stdout.println("Report: " + files.html());
        stdout.println(figures.passed() ? "Soak passed" : "Soak FAILED: " + String.join("; ", failures(figures)));
        stdout.flush();
        return figures.passed() ? Main.OK : Main.FAILED;
    }

    private static List<String> failures(SoakFigures f) {
        List<String> l = new java.util.ArrayList<>(f.leaks());
        if (f.unexpectedCount() > 0) {
            l.add(f.unexpectedCount() + " unexpected outcome(s)");
        }
        return l;
    }

    private static String version() {
        String v = SoakCommand.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }

    /** "90s", "10m", "1h", "500ms" or ISO-8601 ("PT10M"). */
    static final class DurationText implements CommandLine.ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            String v = value.trim().toLowerCase(Locale.ROOT);
            try {
                if (v.startsWith("pt") || v.startsWith("p")) {
                    return Duration.parse(value.trim().toUpperCase(Locale.ROOT));
                }
                if (v.endsWith("ms")) {
                    return Duration.ofMillis(Long.parseLong(v.substring(0, v.length() - 2)));
                }
                long n = Long.parseLong(v.substring(0, v.length() - 1));
                return switch (v.charAt(v.length() - 1)) {
                    case 's' -> Duration.ofSeconds(n);
                    case 'm' -> Duration.ofMinutes(n);
                    case 'h' -> Duration.ofHours(n);
                    default -> Duration.ofSeconds(Long.parseLong(v));
                };
            } catch (NumberFormatException | DateTimeParseException | StringIndexOutOfBoundsException e) {
                throw new CommandLine.TypeConversionException("'" + value + "' is not a duration (e.g. 90s, 10m, 1h)");
            }
        }
    }
}
