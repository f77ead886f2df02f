package org.mcalab.conformance.suite;

import java.util.Optional;
import org.mcalab.lab.GatewayUnderTest;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.mcalab.fixtures.UnknownIdentityException;
import org.mcalab.protocol.Requirement;
import org.mcalab.reports.model.Evidence;
import org.mcalab.reports.model.RequirementInfo;
import org.mcalab.reports.model.Run;
import org.mcalab.reports.model.ScenarioResult;
import org.mcalab.reports.model.Status;
import org.mcalab.reports.model.TraceLine;
import org.mcalab.client.GatewayClient;
import org.mcalab.client.GatewayUnreachableException;
import org.mcalab.conformance.mca.Attempt;
import org.mcalab.client.mca.CredentialStore;
import org.mcalab.conformance.mca.Behaviour;
import org.mcalab.conformance.mca.Mutation;
import org.mcalab.conformance.mca.Observation;
import org.mcalab.conformance.mca.ScenarioSetupException;
import org.mcalab.conformance.mca.Step;
import org.mcalab.conformance.scenario.Catalogue;
import org.mcalab.conformance.scenario.Expectation;
import org.mcalab.lab.GroupRole;
import org.mcalab.conformance.scenario.Scenario;
import org.mcalab.lab.Target;

/**
 * Runs scenarios one after the other against a target and turns each into a {@link ScenarioResult}:
 * observation versus expectation, post-check violations, baseline, evidence (with the gateway trace
 * lines emitted meanwhile when the gateway is embedded).
 */
public final class SuiteRunner {
    private static final Map<String, String> SKIP_REASONS = Map.of(
            "tunnel", "tunnel not implemented by target",
            "dtls", "tunnel not implemented by target",
            "clock-control", "needs control of the gateway clock (embedded gateway) or --slow to wait 3 minutes",
            "session-db", "needs the gateway's session database (embedded gateway)",
            "trustpoints", "needs the gateway's trustpoint view (embedded gateway)");

    /** Mutations that never log in: what the preflight found about the MCA login does not concern them. */
    private static final Set<Behaviour> NO_LOGIN = Set.of(Mutation.CONNECT_MADE_UP_TOKEN);
    /** Mutations of an MCA-profile client that never answer an MCA request (they test what happens without one). */
    private static final Set<Behaviour> NO_MCA_EXCHANGE = Set.of(Mutation.CONNECT_MADE_UP_TOKEN,
            Mutation.NO_MULTICERT_CAPABILITY);

    private final Target target;
    private final Catalogue catalogue;
    private final SuiteOptions options;
    private final Consumer<String> progress;
    private final GatewayClient client;
    private final CredentialStore credentials;
    /** Sessions the run logged in, logged out at its end. */
    private final List<Attempt.IssuedSession> sessions = new ArrayList<>();
    private GatewayPreflight.Result gateway;

    public SuiteRunner(Target target, Catalogue catalogue, SuiteOptions options, Consumer<String> progress) {
        this.target = target;
        this.catalogue = catalogue;
        this.options = options;
        this.progress = progress;
        this.client = new GatewayClient(target.url(), target.trust(), options.timeout());
        this.credentials = new CredentialStore(target.pki());
    }

    /**
     * Checks that the target answers TCP and that the PKI holds every credential the scenarios name, then asks the
     * gateway the preflight's questions ({@link GatewayPreflight}); {@link #findings()} has its answers.
     *
     * @throws SuiteSetupException with a one-line reason (exit 2)
     */
    public void preflight(List<Scenario> scenarios) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(target.url().getHost(), client.port()), (int) options.timeout().toMillis());
        } catch (IOException e) {
            throw new SuiteSetupException("target unreachable: " + target.url() + " (" + e.getMessage() + ")");
        }
        for (Scenario s : scenarios) {
            for (String name : s.credentials().all()) {
                try {
                    target.pki().identity(name);
                } catch (UnknownIdentityException e) {
                    throw new SuiteSetupException("the PKI in " + target.pki().dir() + " has no credential '" + name
                            + "' (scenario " + s.id() + ")");
                }
            }
        }
        gateway = GatewayPreflight.run(client, target, credentials, options.groups(), options.slow());
        sessions.addAll(gateway.sessions());
    }

    /** The preflight's findings about the gateway (what it does not do), to lead the output; empty when all is well. */
    public List<String> findings() {
        return gateway == null ? List.of() : gateway.report().findings();
    }

    public Run run(List<Scenario> scenarios) {
        Instant started = Instant.now();
        long t0 = System.nanoTime();
        List<ScenarioResult> results = new ArrayList<>();
        for (int i = 0; i < scenarios.size(); i++) {
            ScenarioResult r = runOne(scenarios.get(i));
            results.add(r);
            progress.accept(progressLine(i + 1, scenarios.size(), scenarios.get(i), r));
        }
        String logout = Logout.all(client, sessions, options.timeout());
        List<RequirementInfo> requirements = catalogue.requirements().stream()
                .map(r -> new RequirementInfo(r.id(), r.text(), r.level().name(), r.group().title()))
                .toList();
        Map<String, String> environment = new LinkedHashMap<>(options.environment());
        environment.putIfAbsent("java", System.getProperty("java.version"));
        environment.putIfAbsent("os", System.getProperty("os.name") + " " + System.getProperty("os.arch"));
        environment.put("match", options.match().name().toLowerCase(Locale.ROOT));
        environment.put("pki", target.pki().dir().toString());
        environment.put("mca group", client.groupAccess(options.groups().mca())
                + (options.groups().authgroup() == null ? "" : " (authgroup " + options.groups().authgroup() + ")"));
        environment.put("sessions logged out", logout);
        progress.accept("Logged out the sessions the suite opened: " + logout);
        return new Run("mcalab", version(), started, (System.nanoTime() - t0) / 1_000_000, target.url().toString(),
                target.embedded(), environment, requirements, results, null, null,
                gateway == null ? null : gateway.report());
    }

    private static String version() {
        String v = SuiteRunner.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }

    ScenarioResult runOne(Scenario s) {
        long started = System.nanoTime();
        String skip = skipReason(s);
        if (skip != null) {
            return result(s, Status.SKIPPED, "skipped", skip, null, System.nanoTime() - started, Evidence.empty());
        }
        if (needsMcaExchange(s) && gateway != null && gateway.noMca()) {
            // Nothing of this scenario can reach its step: not run at all (no tunnel traffic through a non-MCA login).
            return result(s, Status.BLOCKED, "blocked at preflight", "preflight: " + gateway.gate() + "; step under test: "
                    + s.step().label() + " (not run)", null, System.nanoTime() - started, Evidence.empty());
        }
        Optional<GatewayUnderTest.Trace> trace = target.gateway().trace();
        long mark = trace.map(GatewayUnderTest.Trace::mark).orElse(0L);
        String path = options.groups().path(s.group()).orElseThrow();
        Attempt attempt = new Attempt(client, target, credentials, s.profile(), path, options.groups().groupSelect(s.group()),
                s.params(), s.credentials().tls(), s.credentials().xml(), s.credentials().extra(), options.slow());
        Observation observation = null;
        String error = null;
        String unreachable = null; // a reason to BLOCK found while running
        try {
            observation = s.behaviour().run(attempt);
        } catch (GatewayUnreachableException e) {
            unreachable = "the gateway refused the connection: " + e.getMessage();
        } catch (ScenarioSetupException e) {
            // The gateway's answers broke the scenario's premise (e.g. the login to be replayed was refused).
            unreachable = "the exchange could not be set up to reach the step under test: " + e.getMessage();
        } catch (IOException e) {
            observation = attempt.handshakeRefused() != null
                    ? Observation.reject(null, "TLS handshake refused: " + attempt.handshakeRefused())
                    : Observation.reject(null, "no HTTP answer: " + e.getMessage())
                            .withUnclean("the connection closed without an HTTP answer");
            observation = observation.withViolations(attempt.violations());
        } catch (RuntimeException e) {
            error = harnessFailure(s, e);
        }
        sessions.addAll(attempt.sessions());
        List<TraceLine> traceLines = trace.map(t -> t.since(mark)).orElse(List.of());
        Evidence evidence = attempt.transcript().evidence(traceLines);
        long elapsed = System.nanoTime() - started;
        if (error != null) {
            return result(s, Status.ERROR, "error: " + error, error, null, elapsed, evidence);
        }
        String blocked = unreachable != null ? unreachable : blockedReason(s, observation, attempt);
        if (blocked != null) {
            Step at = attempt.reached();
            return result(s, Status.BLOCKED, "blocked at " + (at == null ? "connect" : at.id()),
                    blocked + "; step under test: " + s.step().label(), null, elapsed, evidence);
        }
        Status raw = judge(options.match(), s.expect(), observation);
        String text = observation.text();
        if (!observation.violations().isEmpty()) {
            text += "; post-check failed: " + String.join("; ", observation.violations());
        }
        if (!observation.accepted() && observation.unclean() != null) {
            text += "; not a clean refusal: " + observation.unclean();
        }
        Status status = options.baseline().apply(s.id(), raw);
        return result(s, status, observation.code(), text, options.baseline().reason(s.id()).orElse(null), elapsed, evidence);
    }

    /**
     * Why a refusal says nothing about the scenario's requirement, or null when it counts: the URL is not served
     * (404/405), the preflight found that this gateway's refusals prove nothing (no MCA, well-behaved login refused),
     * or the exchange stopped before the step under test.
     */
    String blockedReason(Scenario s, Observation o, Attempt a) {
        Step at = a.reached();
        if (o.accepted()) {
            return notAnMcaLogin(s, a) ? "let in at " + (at == null ? "the init" : at.label()) + " without ever being asked"
                    + " for the second certificate (no multiple-client-cert-request): no MCA exchange happened" : null;
        }
        String stopped = "stopped at " + (at == null ? "the connection" : at.label()) + " (" + o.text() + ")";
        if (a.notServed() != null) {
            return a.notServed() + ": the gateway does not serve this URL; " + stopped;
        }
        if (s.expect().outcome() == Expectation.Outcome.ACCEPT) {
            return null;
        }
        if (mcaGroup(s) && gateway != null && gateway.gate() != null) {
            return "preflight: " + gateway.gate() + ", so a refusal proves nothing; " + stopped;
        }
        if (at == null || at.before(s.step())) {
            return stopped + ", before the step under test";
        }
        return null;
    }

    /**
     * An MCA client let into the MCA group although the gateway never asked it for the second certificate: the auth-reply
     * the scenario is about never went out, so the acceptance says nothing about it.
     */
    private static boolean notAnMcaLogin(Scenario s, Attempt a) {
        return s.profile().multipleCert() && mcaGroup(s) && !a.challengeIssued() && !s.step().before(Step.AUTH_REPLY);
    }

    /**
     * A scenario in the MCA group whose refusals only mean something when the gateway does MCA (a made-up cookie's
     * CONNECT logs in nowhere, so its refusal always counts).
     */
    private static boolean mcaGroup(Scenario s) {
        return (s.group() == GroupRole.MCA || s.group() == GroupRole.SELECT) && !NO_LOGIN.contains(s.behaviour());
    }

    /**
     * A scenario that can only reach its step through the gateway's MCA request. The one-certificate, password and
     * no-multiple-cert clients need none: on a gateway that never asks for a second certificate they still run, and a
     * session they get is a true failure (the MCA group let them in).
     */
    private static boolean needsMcaExchange(Scenario s) {
        return mcaGroup(s) && s.profile().multipleCert() && !NO_MCA_EXCHANGE.contains(s.behaviour());
    }

    /** A sentence for a bug or a gap of the harness, never a bare exception text. */
    private static String harnessFailure(Scenario s, RuntimeException e) {
        String why = e.getMessage() == null || e instanceof NullPointerException ? "" : ": " + e.getMessage().lines()
                .findFirst().orElse("");
        return "the harness could not carry out " + s.behaviour().id() + " on this gateway's answers ("
                + e.getClass().getSimpleName() + why + "); the evidence shows the exchange up to there";
    }

    /** PASS when the observation meets the expectation and no post-check failed. */
    static Status judge(MatchMode match, Expectation expect, Observation o) {
        boolean meets = switch (expect.outcome()) {
            case ACCEPT -> o.accepted();
            case EITHER -> true;
            case REJECT -> !o.accepted() && (match == MatchMode.REFUSAL || expect.requirement() == null
                    || expect.requirement() == o.cited());
        };
        return meets && o.violations().isEmpty() ? Status.PASS : Status.FAIL;
    }

    private String skipReason(Scenario s) {
        if (options.groups().path(s.group()).isEmpty()) {
            return options.groups().missing(s.group());
        }
        for (String need : s.needs()) {
            if (target.capabilities().contains(need)) {
                continue;
            }
            if (need.equals("clock-control") && options.slow()) {
                continue;
            }
            return SKIP_REASONS.getOrDefault(need, "target lacks '" + need + "'");
        }
        return null;
    }

    private ScenarioResult result(Scenario s, Status status, String observed, String observedText, String baselineReason,
                                  long nanos, Evidence evidence) {
        return new ScenarioResult(s.id(), s.title(), s.requirements().stream().map(Requirement::id).toList(),
                s.level().name(), s.profile().id(), s.tags(), s.expect().text(), observed, s.expect().plainText(),
                observedText, status, baselineReason, nanos / 1_000_000, evidence, s.step().id());
    }

    static String progressLine(int n, int total, Scenario s, ScenarioResult r) {
        String label = switch (r.status()) {
            case KNOWN_DEVIATION -> "KNOWN";
            case UNEXPECTED_PASS -> "XPASS";
            case SKIPPED -> "SKIP";
            case BLOCKED -> "BLOCK";
            default -> r.status().name();
        };
        String cited = s.expect().cited().map(Requirement::id)
                .orElse(s.requirements().stream().map(Requirement::id).collect(Collectors.joining(",")));
        String line = String.format(Locale.ROOT, "[%3d/%d] %-5s %s  %s (%s)  %d ms", n, total, label, s.id(),
                s.title(), cited, r.durationMillis());
        if (r.status() == Status.FAIL || r.status() == Status.ERROR) {
            line += "\n          expected " + r.expected() + ", observed " + r.observed() + ": " + r.observedText();
        } else if (r.status() == Status.SKIPPED || r.status() == Status.BLOCKED) {
            line += "  [" + r.observedText() + "]";
        }
        return line;
    }
}
