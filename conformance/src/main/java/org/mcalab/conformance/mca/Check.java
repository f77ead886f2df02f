package org.mcalab.conformance.mca;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.mcalab.client.HttpResponse;
import org.mcalab.client.mca.Challenge;
import org.mcalab.lab.GatewayUnderTest;
import org.mcalab.lab.SessionView;
import org.mcalab.lab.TunnelProbe;
import org.mcalab.protocol.Requirement;

/**
 * Every check a scenario can name ({@code check:}): the well-behaved client of the profile runs (or only inits),
 * then the check looks at what the gateway did. Unlike a {@link Mutation} the client changes nothing; a failed look
 * is a post-check violation citing its requirement.
 */
public enum Check implements Behaviour {
    CHALLENGE_SHAPE("challenge-shape", Step.INIT,
            "sends the init only and checks the MCA request's shape (hashes, random, handle) (MCA-FLOW-1)",
            Check::challengeShape),
    SESSION("session", null, "logs in, then reads the session record: param checks (username: MCA-FLOW-6, "
            + "pool-policy: MCA-SES-1, sessiondb: MCA-SES-2)", Check::sessionCheck,
            P.CHECKS, P.POOL_PREFIX, P.GROUP_POLICY),
    TRUSTPOINTS_VIEW("trustpoints-view", null, "logs in, then reads the show crypto ca certificate view (MCA-SES-5)",
            Check::trustpoints),
    TUNNEL("tunnel", Step.CONNECT, "logs in, then runs a tunnel probe check: params tunnel-check, need (tunnel or dtls), "
            + "refusal (MCA-SES-3, MCA-SES-4, MCA-ROB-2)", Check::tunnel, P.TUNNEL_CHECK, P.NEED, P.REFUSAL);

    /** The parameters checks read, each with its type and the default it stands for when left out. */
    public static final class P {
        public static final Param<List<String>> CHECKS = Param.listOf("checks", List.of("username"),
                Set.of("username", "pool-policy", "sessiondb"), "what to check in the session record");
        public static final Param<String> POOL_PREFIX = Param.text("pool-prefix", "192.168.100.",
                "the address pool's prefix (pool-policy)");
        public static final Param<String> GROUP_POLICY = Param.text("group-policy", "Grouppolicy-MCA",
                "the group policy the session must get (pool-policy)");
        public static final Param<String> TUNNEL_CHECK = Param.text("tunnel-check", "cstp-traffic",
                "the TunnelProbe check to run (the built-in CstpProbe: cstp-traffic, dpd, dtls-fallback, bad-magic)");
        public static final Param<String> NEED = Param.oneOf("need", "tunnel", Set.of("tunnel", "dtls"),
                "which registered TunnelProbe runs it");
        public static final Param<Requirement> REFUSAL = Param.requirement("refusal",
                "for checks that feed the gateway bad input: the refusal observed when the check passes");

        private P() {}
    }

    private final Declaration declaration;

    Check(String id, Step step, String description, Flow flow, Param<?>... params) {
        this.declaration = new Declaration(id, step, description, flow, List.of(), List.of(params));
    }

    @Override
    public Declaration declaration() {
        return declaration;
    }

    public static Optional<Check> find(String id) {
        return Behaviour.named(values(), id);
    }

    public static List<String> names() {
        return Behaviour.names(values());
    }

    /**
     * The MCA request's shape, once per run under MCA-FLOW-1 (a gateway-wide finding is not repeated on every
     * scenario): sha256/384/512 offered, a random, an aggauth-handle in the opaque.
     */
    private static Observation challengeShape(Attempt a) throws IOException {
        Challenge challenge = a.init(a.tlsIdentity(), a.profile().clientInfo(), null, false);
        Observation o = Observation.of(challenge.response());
        if (!challenge.isMcaRequest()) {
            // Whatever came instead (even a session) is no MCA request: a refusal to judge, never a pass by default.
            return Observation.reject(null, o.text())
                    .withViolation("MCA-FLOW-1: the init was not answered with a multiple-client-cert-request");
        }
        a.transcript().note("the init was answered with a multiple-client-cert-request");
        return o.withViolations(challenge.shapeFindings());
    }

    private static Observation sessionCheck(Attempt a) throws IOException {
        Observation o = Flows.standard(a);
        if (!o.accepted()) {
            return o;
        }
        GatewayUnderTest.Sessions sessions = a.target().gateway().sessions()
                .orElseThrow(() -> new ScenarioSetupException("no session view on this target"));
        Optional<SessionView> found = sessions.find(o.sessionToken());
        if (found.isEmpty()) {
            return o.withViolation("MCA-FLOW-6: no session record for the issued token");
        }
        SessionView s = found.get();
        a.transcript().note("session record:\n" + s.detailView());
        List<String> v = new ArrayList<>();
        for (String check : a.param(P.CHECKS)) {
            switch (check) {
                case "username" -> {
                    String expected = Flows.commonName(a.tls().certificate());
                    if (!expected.equals(s.username())) {
                        v.add("MCA-FLOW-6: username is '" + s.username() + "', expected '" + expected
                                + "' (CN of the TLS certificate)");
                    }
                }
                case "pool-policy" -> {
                    String prefix = a.param(P.POOL_PREFIX);
                    // The pool address comes with the tunnel: CONNECT with the token and read X-CSTP-Address.
                    HttpResponse connect = a.connectTunnel(a.tlsIdentity(), o.sessionToken());
                    String address = connect.status() == 200 ? connect.header("X-CSTP-Address").orElse(null) : null;
                    if (address == null) {
                        a.transcript().note("no tunnel address to check (CONNECT answered HTTP " + connect.status() + ")");
                    } else if (!address.startsWith(prefix)) {
                        v.add("MCA-SES-1: X-CSTP-Address " + address + " is not from the pool " + prefix + "*");
                    } else {
                        a.transcript().note("CONNECT assigned " + address + " from the pool");
                    }
                    String group = a.param(ClientParams.TUNNEL_GROUP);
                    if (!group.equals(s.tunnelGroup())) {
                        v.add("MCA-SES-1: tunnel group is '" + s.tunnelGroup() + "', expected '" + group + "'");
                    }
                    String policy = a.param(P.GROUP_POLICY);
                    if (!policy.equals(s.groupPolicy())) {
                        v.add("MCA-SES-1: group policy is '" + s.groupPolicy() + "', expected '" + policy + "'");
                    }
                }
                case "sessiondb" -> {
                    if (!"Multiple-certificate".equals(s.authMode())) {
                        v.add("MCA-SES-2: Auth Mode is '" + s.authMode() + "', expected 'Multiple-certificate'");
                    }
                    for (String field : List.of("Username", "Assigned IP", "Public IP", "Protocol", "Group Policy",
                            "Tunnel Group", "Login Time", "Duration", "Auth Mode", "Client OS", "Client Ver", "Bytes Tx")) {
                        if (!s.detailView().contains(field)) {
                            v.add("MCA-SES-2: the session view lacks '" + field + "'");
                        }
                    }
                    if (!s.detailView().contains(s.username() == null ? "?" : s.username())) {
                        v.add("MCA-SES-2: the session view does not show the username");
                    }
                }
                default -> throw new IllegalStateException("session check '" + check + "' is declared but not run");
            }
        }
        return o.withViolations(v);
    }

    private static Observation trustpoints(Attempt a) throws IOException {
        Observation o = Flows.standard(a);
        String view = a.target().gateway().trustpoints()
                .orElseThrow(() -> new ScenarioSetupException("no trustpoint view on this target"));
        a.transcript().note("show crypto ca certificate:\n" + view);
        List<String> v = new ArrayList<>();
        for (String expected : List.of("UserCA", "MachineCA", "CA Certificate", "UserCA.cisco.com", "MachineCA.cisco.com")) {
            if (!view.contains(expected)) {
                v.add("MCA-SES-5: the trustpoint view lacks '" + expected + "'");
            }
        }
        return o.withViolations(v);
    }

    private static Observation tunnel(Attempt a) throws IOException {
        String need = a.param(P.NEED);
        TunnelProbe probe = a.target().probe(need)
                .orElseThrow(() -> new ScenarioSetupException("no tunnel probe provides '" + need + "'"));
        Observation login = Flows.standard(a);
        if (!login.accepted()) {
            throw new ScenarioSetupException("the login before the tunnel was refused: " + login.text());
        }
        if (!a.challengeIssued()) {
            // No traffic through a tunnel that no MCA login opened: the check would say nothing about MCA sessions.
            throw new ScenarioSetupException("the login before the tunnel was not an MCA login (no multiple-client-cert-request)");
        }
        TunnelProbe.Outcome outcome = probe.run(new TunnelProbe.Session(a.client(), a.tlsIdentity(), login.sessionToken(),
                a.profile().userAgent(), a.path(), a.groupSelect()), a.param(P.TUNNEL_CHECK));
        a.reach(Step.CONNECT);
        outcome.notes().forEach(a.transcript()::note);
        if (!outcome.passed()) {
            return login.withViolation((outcome.cited() == null ? "" : outcome.cited().id() + ": ") + outcome.text());
        }
        // Checks that feed the gateway bad input (param refusal) observe what the gateway refused, not the login.
        Requirement refusal = a.param(P.REFUSAL);
        return refusal == null ? login : Observation.reject(refusal, outcome.text());
    }
}
