package org.mcalab.cli;

import org.mcalab.lab.LaxChecks;

import org.mcalab.lab.EmbeddedGateway;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.concurrent.Callable;
import org.mcalab.fixtures.Manifest;
import org.mcalab.gateway.GatewayChecks;
import org.mcalab.protocol.Requirement;
import org.mcalab.reports.ReportFiles;
import org.mcalab.reports.ReportWriter;
import org.mcalab.reports.RequirementCoverage;
import org.mcalab.reports.model.RobustnessSection;
import org.mcalab.reports.model.Run;
import org.mcalab.reports.model.Status;
import org.mcalab.reports.model.Verdict;
import org.mcalab.client.GatewayTrust;
import org.mcalab.conformance.scenario.Catalogue;
import org.mcalab.conformance.scenario.CatalogueException;
import org.mcalab.conformance.scenario.Scenario;
import org.mcalab.conformance.scenario.Selection;
import org.mcalab.conformance.suite.Baseline;
import org.mcalab.lab.GroupUrls;
import org.mcalab.conformance.suite.MatchMode;
import org.mcalab.conformance.suite.SuiteOptions;
import org.mcalab.conformance.suite.SuiteRunner;
import org.mcalab.conformance.robustness.RobustnessProbes;
import org.mcalab.conformance.suite.SuiteSetupException;
import org.mcalab.lab.Target;
import org.mcalab.lab.TunnelProbe;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code mcalab suite}: runs the conformance catalogue against the embedded reference gateway (default) or
 * any gateway ({@code --target}), prints one line per scenario and writes results.json, junit.xml and
 * report.html. Exit 0 CONFORMANT, 1 NON-CONFORMANT, 2 INCOMPLETE or a harness or environment error: the exit status
 * always says what the verdict line, results.json, junit.xml and report.html say.
 */
@Command(name = "suite", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Run the MCA conformance suite and write results.json, junit.xml and report.html.",
                "Without --target: mints a PKI, starts the reference gateway in-process and tests it.",
                "Exit status: 0 CONFORMANT, 1 NON-CONFORMANT, 2 INCOMPLETE (something could not be verified) or a"
                        + " harness or environment error."})
final class SuiteCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--target", paramLabel = "URL",
            description = "The gateway's MCA group URL, as given to openconnect, e.g. https://vpn.example.com/ (needs --pki).")
    URI target;

    @Option(names = "--authgroup", paramLabel = "NAME",
            description = "Tunnel group name sent as <group-select> in every init, as openconnect --authgroup does.")
    String authgroup;

    @Option(names = "--cert-group-url", paramLabel = "URL",
            description = "URL (or path) of the certificate-only group; without it its scenarios are SKIPPED.")
    String certGroupUrl;

    @Option(names = "--password-group-url", paramLabel = "URL",
            description = "URL (or path) of the username/password group; without it its scenarios are SKIPPED.")
    String passwordGroupUrl;

    @Option(names = "--pki", paramLabel = "DIR", description = "The PKI the target trusts (mcalab pki init --out DIR).")
    Path pki;

    @Option(names = "--out", paramLabel = "DIR", description = "Where the reports go (default: ${DEFAULT-VALUE}).")
    Path out = Path.of("mcalab-out");

    @Option(names = "--baseline", paramLabel = "FILE",
            description = "YAML list of {id, reason}: known deviations that do not fail the run.")
    Path baseline;

    @Option(names = "--scenarios", paramLabel = "SEL",
            description = "Comma list of scenario ids, globs (LIM5-*), requirement ids (MCA-LIM-5) or tags.")
    String scenarios;

    @Option(names = "--scenario-dir", paramLabel = "DIR", description = "More scenario files (*.yaml); repeatable.")
    List<Path> scenarioDirs = new ArrayList<>();

    @Option(names = "--insecure", description = "Do not check the target's certificate (remote targets only).")
    boolean insecure;

    @Option(names = "--slow", description = "Really wait out gateway timers (3 min) on targets without clock control.")
    boolean slow;

    @Option(names = "--match", paramLabel = "MODE",
            description = "requirement (default): a refusal must cite the expected id; refusal: any refusal passes.")
    String match = "requirement";

    @Option(names = "--robustness", negatable = true,
            description = "Run the robustness probes (hostile XML, 10 MiB bodies, slowloris, half handshakes, auth-info flood, "
                    + "bad cookies) and add the report's robustness section. Default: on for the embedded gateway, off for --target.")
    Boolean robustness;

    @Option(names = "--list", description = "List the selected scenarios and exit.")
    boolean list;

    @Option(names = "--lax", hidden = true, paramLabel = "IDS",
            description = "TEST ONLY, embedded gateway: start it with these requirement checks skipped.")
    String lax;

    @Override
    public Integer call() {
        quietLogging();
        PrintWriter stdout = spec.commandLine().getOut();
        long started = System.nanoTime();
        Catalogue catalogue;
        List<Scenario> selected;
        try {
            catalogue = Catalogue.load(scenarioDirs);
            selected = Selection.parse(scenarios).select(catalogue.scenarios());
        } catch (CatalogueException | IllegalArgumentException e) {
            throw new UsageException(e.getMessage(), e);
        }
        if (list) {
            selected.forEach(s -> stdout.printf(Locale.ROOT, "%-32s %-8s %s (%s)%n", s.id(), s.expect().text(), s.title(),
                    String.join(",", s.requirements().stream().map(Requirement::id).toList())));
            stdout.flush();
            return Main.OK;
        }
        List<TunnelProbe> probes = new ArrayList<>();
        ServiceLoader.load(TunnelProbe.class).forEach(probes::add);
        Set<Requirement> laxChecks = laxChecks();
        GatewayChecks gatewayChecks = LaxChecks.without(laxChecks);
        if (target != null) {
            Target remote = remoteTarget(probes);
            return run(remote, catalogue, selected, options(remoteGroups()), stdout, started, null);
        }
        if (authgroup != null || certGroupUrl != null || passwordGroupUrl != null) {
            throw new UsageException("--authgroup, --cert-group-url and --password-group-url address a --target gateway; "
                    + "the embedded gateway's groups are known");
        }
        stdout.println("mcalab suite: minting a PKI and starting the reference gateway in-process...");
        stdout.flush();
        try (EmbeddedGateway embedded = EmbeddedGateway.start(EmbeddedGateway.Setup.suite(gatewayChecks))) {
            stdout.println(embedded.mintSummary());
            if (!laxChecks.isEmpty()) {
                stdout.println("LAX gateway (test only): not enforcing " + laxChecks);
            }
            return run(embedded.target(probes), catalogue, selected, options(EmbeddedGateway.GROUPS), stdout, started,
                    embedded);
        }
    }

    private int run(Target t, Catalogue catalogue, List<Scenario> selected, SuiteOptions options, PrintWriter stdout,
                    long started, EmbeddedGateway embedded) {
        SuiteRunner runner = new SuiteRunner(t, catalogue, options, line -> {
            stdout.println(line);
            stdout.flush();
        });
        stdout.printf(Locale.ROOT, "Preflight against %s%s...%n", t.url() + options.groups().mca(),
                embedded != null ? " (embedded reference gateway)" : "");
        stdout.flush();
        try {
            runner.preflight(selected);
        } catch (SuiteSetupException e) {
            throw new UsageException(e.getMessage(), e);
        }
        // What the gateway does not do leads the output: every BLOCKED line below follows from it.
        for (String finding : runner.findings()) {
            stdout.println("FINDING: " + finding);
        }
        stdout.printf(Locale.ROOT, "Running %d scenarios against %s%s%n", selected.size(), t.url() + options.groups().mca(),
                embedded != null ? " (embedded reference gateway)" : "");
        stdout.flush();
        Run run = runner.run(selected);
        if (robustnessWanted(embedded != null)) {
            stdout.println("Robustness probes (hostile inputs, slow clients, floods)...");
            stdout.flush();
            RobustnessSection section = RobustnessProbes.run(t, options.groups().mca(), embedded != null
                    ? new RobustnessProbes.Options(2, EmbeddedGateway.CLIENT_TIMEOUT.plusSeconds(10), EmbeddedGateway.CLIENT_TIMEOUT.plusSeconds(10))
                    : RobustnessProbes.Options.defaults().withAnyRefusal(options.match() == MatchMode.REFUSAL));
            for (RobustnessSection.Probe p : section.probes()) {
                String input = p.input().length() > 44 ? p.input().substring(0, 41) + "..." : p.input();
                stdout.printf(Locale.ROOT, "  %s  %-12s %-44s %s%n", p.passed() ? "PASS" : "FAIL", p.kind(), input, p.outcome());
            }
            run = run.withRobustness(section);
        }
        ReportFiles files;
        try {
            files = ReportWriter.write(run, out);
        } catch (IOException e) {
            throw new UsageException("cannot write the reports to " + out + ": " + e.getMessage(), e);
        }
        stdout.println();
        for (String finding : runner.findings()) {
            stdout.println("FINDING: " + finding);
        }
        stdout.printf(Locale.ROOT, "%d passed, %d failed, %d known deviations, %d unexpected passes, %d errors, %d blocked, "
                        + "%d skipped%n",
                run.count(Status.PASS), run.count(Status.FAIL), run.count(Status.KNOWN_DEVIATION),
                run.count(Status.UNEXPECTED_PASS), run.count(Status.ERROR), run.count(Status.BLOCKED), run.count(Status.SKIPPED));
        Verdict verdict = run.verdict();
        List<String> unverified = RequirementCoverage.of(run).unverifiedMust().stream().map(r -> r.requirement().id()).toList();
        stdout.println("Verdict: " + verdict.label() + (verdict == Verdict.INCOMPLETE && !unverified.isEmpty()
                ? " (MUST requirements not verified: " + String.join(", ", unverified) + ")" : ""));
        stdout.println("Reports: " + files.json());
        stdout.println("         " + files.junit());
        stdout.println("         " + files.html());
        stdout.printf(Locale.ROOT, "Wall time: %.1f s%n", (System.nanoTime() - started) / 1e9);
        stdout.flush();
        return switch (verdict) {
            case CONFORMANT -> Main.OK;
            case NON_CONFORMANT -> Main.FAILED;
            case INCOMPLETE -> Main.USAGE;
        };
    }

    private SuiteOptions options(GroupUrls groups) {
        return new SuiteOptions(matchMode(), baseline(), slow, Duration.ofSeconds(15), environment(), groups);
    }

    /** The groups as openconnect would be pointed at them: the --target path is the MCA group's URL. */
    private GroupUrls remoteGroups() {
        String path = target.getRawPath() == null || target.getRawPath().isEmpty() ? "/" : target.getRawPath();
        return new GroupUrls(path, blankToNull(authgroup), groupPath("--cert-group-url", certGroupUrl),
                groupPath("--password-group-url", passwordGroupUrl));
    }

    /** A path, or a URL on the --target's own scheme, host and port (the suite talks to one gateway). */
    private String groupPath(String option, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        URI uri;
        try {
            uri = URI.create(value.strip());
        } catch (IllegalArgumentException e) {
            throw new UsageException(option + ": not a URL or path: '" + value + "'");
        }
        if (uri.getScheme() == null && uri.getRawAuthority() == null) {
            return uri.getRawPath().startsWith("/") ? uri.getRawPath() : "/" + uri.getRawPath();
        }
        if (!"https".equalsIgnoreCase(uri.getScheme()) || !target.getRawAuthority().equalsIgnoreCase(uri.getRawAuthority())) {
            throw new UsageException(option + " must be on the --target gateway (https://" + target.getRawAuthority()
                    + "/...), not '" + value + "'");
        }
        return uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    private boolean robustnessWanted(boolean embedded) {
        return robustness == null ? embedded : robustness;
    }

    private Target remoteTarget(List<TunnelProbe> probes) {
        if (lax != null) {
            throw new UsageException("--lax applies to the embedded gateway only; drop --target");
        }
        if (pki == null) {
            throw new UsageException("--target needs --pki DIR: the PKI the target trusts (mcalab pki init --out DIR)");
        }
        if (!"https".equalsIgnoreCase(target.getScheme()) || target.getHost() == null) {
            throw new UsageException("--target must be an https://host[:port] URL, not '" + target + "'");
        }
        Manifest manifest;
        try {
            manifest = Manifest.read(pki);
        } catch (UncheckedIOException | IllegalArgumentException e) {
            throw new UsageException("--pki: " + e.getMessage(), e);
        }
        GatewayTrust trust;
        try {
            trust = insecure ? GatewayTrust.insecure() : GatewayTrust.caBundle(manifest.caBundle());
        } catch (IOException e) {
            throw new UsageException("--pki: " + e.getMessage() + " (or use --insecure)", e);
        }
        URI base = URI.create(target.getScheme() + "://" + target.getRawAuthority());
        return Target.foreign(base, trust, manifest, probes);
    }

    /**
     * The progress lines are the suite's output; the embedded gateway's own log (Netty handshakes, refusals)
     * is already in each scenario's evidence, so it is kept to warnings unless a logback configuration says otherwise.
     */
    private static void quietLogging() {
        if (System.getProperty("logback.configurationFile") != null || SuiteCommand.class.getResource("/logback.xml") != null) {
            return;
        }
        if (LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME) instanceof ch.qos.logback.classic.Logger root) {
            root.setLevel(ch.qos.logback.classic.Level.WARN);
        }
    }

    private MatchMode matchMode() {
        try {
            return MatchMode.valueOf(match.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new UsageException("--match must be 'requirement' or 'refusal', not '" + match + "'");
        }
    }

    private Baseline baseline() {
        if (baseline == null) {
            return Baseline.empty();
        }
        try {
            return Baseline.read(baseline);
        } catch (IOException e) {
            throw new UsageException(e.getMessage(), e);
        }
    }

    private Set<Requirement> laxChecks() {
        Set<Requirement> checks = EnumSet.noneOf(Requirement.class);
        if (lax == null) {
            return checks;
        }
        for (String id : lax.split(",")) {
            if (!id.isBlank()) {
                checks.add(Requirement.find(id).orElseThrow(() -> new UsageException("--lax: unknown requirement id '" + id + "'")));
            }
        }
        return checks;
    }

    private Map<String, String> environment() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("java", System.getProperty("java.version"));
        env.put("os", System.getProperty("os.name") + " " + System.getProperty("os.arch"));
        env.put("cpus", String.valueOf(Runtime.getRuntime().availableProcessors()));
        if (scenarios != null) {
            env.put("selection", scenarios);
        }
        if (lax != null) {
            env.put("lax (test only)", lax);
        }
        return env;
    }
}
