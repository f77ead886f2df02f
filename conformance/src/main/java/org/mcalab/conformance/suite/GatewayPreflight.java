package org.mcalab.conformance.suite;

import org.mcalab.lab.GroupUrls;

import java.io.IOException;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateException;
import java.util.ArrayList;
import java.util.List;
import org.mcalab.fixtures.TestPki;
import org.mcalab.fixtures.UnknownIdentityException;
import org.mcalab.protocol.xml.ConfigAuth;
import org.mcalab.reports.model.Preflight;
import org.mcalab.client.GatewayClient;
import org.mcalab.client.GatewayUnreachableException;
import org.mcalab.conformance.mca.Attempt;
import org.mcalab.client.mca.Challenge;
import org.mcalab.client.mca.CredentialStore;
import org.mcalab.conformance.mca.Mutation;
import org.mcalab.conformance.mca.Observation;
import org.mcalab.conformance.mca.Params;
import org.mcalab.client.mca.Profile;
import org.mcalab.lab.GroupRole;
import org.mcalab.lab.Target;

/**
 * What the suite asks the gateway before the catalogue, with the well-behaved Windows client (machine certificate in
 * TLS, user certificate in XML): TLS with the machine certificate? aggregate-auth spoken? a second certificate asked
 * for? the MCA request's shape? a session for the well-behaved login? When the login does not get a session, a
 * refusal of a bad input proves nothing: {@link Result#gate()} says why, and the runner BLOCKS refusal scenarios of the
 * MCA group.
 */
final class GatewayPreflight {
    private static final String MACHINE = TestPki.MACHINE;
    private static final String USER = TestPki.USER;

    /**
     * @param gate  why refusals by this gateway prove nothing, or null when the well-behaved MCA login got a session
     * @param noMca true when the gateway never asked for a second certificate (or could not be asked): no scenario of
     *              the MCA group that needs the MCA request can reach its step under test, so none of them is run
     */
    record Result(Preflight report, String gate, boolean noMca, List<Attempt.IssuedSession> sessions) {}

    private GatewayPreflight() {}

    /** @throws SuiteSetupException when the gateway's certificate is not trusted by --pki (exit 2) */
    static Result run(GatewayClient client, Target target, CredentialStore credentials, GroupUrls groups, boolean slow) {
        String url = client.groupAccess(groups.mca());
        List<Preflight.Check> checks = new ArrayList<>();
        try {
            credentials.get(MACHINE);
            credentials.get(USER);
        } catch (UnknownIdentityException e) {
            checks.add(new Preflight.Check("does the well-behaved MCA login get a session?", false,
                    "not checked: the PKI has no '" + MACHINE + "' and '" + USER + "' credentials to log in with", null));
            return new Result(new Preflight(url, checks), "the preflight could not log in (no machine/user credentials)",
                    false, List.of());
        }
        Attempt a = new Attempt(client, target, credentials, Profile.WINDOWS, groups.mca(),
                groups.groupSelect(GroupRole.MCA), Params.NONE, List.of(MACHINE), List.of(USER), List.of(), slow);
        Observation login;
        try {
            login = Mutation.NONE.run(a);
        } catch (GatewayUnreachableException e) {
            throw new SuiteSetupException("target unreachable: " + url + " (" + e.getMessage() + ")");
        } catch (IOException e) {
            if (untrustedServer(e)) {
                throw new SuiteSetupException("the server certificate of " + url + " is not trusted by the CA bundle of"
                        + " --pki (" + target.pki().caBundle() + "): it does not chain to any CA there; give the PKI the"
                        + " gateway's certificate comes from, or --insecure");
            }
            login = null;
            if (a.handshakeRefused() != null) {
                checks.add(new Preflight.Check("TLS handshake with the machine certificate?", false,
                        "the TLS handshake with the machine certificate failed at " + url + ": " + a.handshakeRefused(), null));
                return new Result(new Preflight(url, checks), "the TLS handshake with the machine certificate failed",
                        true, a.sessions());
            }
            checks.add(new Preflight.Check("TLS handshake with the machine certificate?", true, "yes", null));
            checks.add(new Preflight.Check("does it answer the init?", false,
                    "the gateway closed the connection without answering the init at " + url + ": " + e.getMessage(), null));
            return new Result(new Preflight(url, checks), "the gateway did not answer the well-behaved init", true,
                    a.sessions());
        }
        checks.add(new Preflight.Check("TLS handshake with the machine certificate?", true, "yes", null));
        Challenge init = a.firstInit();
        ConfigAuth doc = init == null ? null : init.doc();
        if (doc == null) {
            String status = init == null ? "nothing" : "HTTP " + init.response().status() + " " + init.response().reason();
            checks.add(new Preflight.Check("does it speak aggregate-auth?", false, "POST " + url + " answered " + status
                    + ", not aggregate-auth XML: this URL serves no AnyConnect login (check --target: the MCA group's URL,"
                    + " as given to openconnect)", null));
            return new Result(new Preflight(url, checks), "the gateway does not speak aggregate-auth at " + url, true,
                    a.sessions());
        }
        checks.add(new Preflight.Check("does it speak aggregate-auth?", true, "yes (config-auth " + doc.type() + ")", null));
        if (!init.isMcaRequest()) {
            checks.add(new Preflight.Check("does it ask for a second certificate (multiple-client-cert-request)?", false,
                    "this gateway never asked for a second certificate: it does not implement MCA on " + url
                            + " (it answered the init with " + describe(init, login) + ")", "MCA-LIM-1"));
            return new Result(new Preflight(url, checks), "this gateway never asked for a second certificate", true,
                    a.sessions());
        }
        checks.add(new Preflight.Check("does it ask for a second certificate (multiple-client-cert-request)?", true, "yes", null));
        List<String> shape = init.shapeFindings();
        checks.add(new Preflight.Check("is the MCA request shaped as specified (hashes, random, aggauth-handle)?",
                shape.isEmpty(), shape.isEmpty() ? "yes" : String.join("; ", shape), shape.isEmpty() ? null : "MCA-FLOW-1"));
        if (!login.accepted()) {
            checks.add(new Preflight.Check("does the well-behaved MCA login get a session?", false,
                    "the well-behaved MCA login (machine certificate in TLS, user certificate in XML) was refused ("
                            + login.text() + "): a refusal by this gateway proves nothing, so refusal scenarios are BLOCKED",
                    null));
            return new Result(new Preflight(url, checks), "the well-behaved MCA login was refused", false, a.sessions());
        }
        checks.add(new Preflight.Check("does the well-behaved MCA login get a session?", true, "yes", null));
        return new Result(new Preflight(url, checks), null, false, a.sessions());
    }

    private static String describe(Challenge init, Observation login) {
        ConfigAuth doc = init.doc();
        if (login != null && login.accepted()) {
            return "a session right away, without the second certificate";
        }
        if (doc.clientCertRequest()) {
            return "a client-certificate request";
        }
        if (!doc.formInputs().isEmpty()) {
            return "a form asking for " + String.join(", ", doc.formInputs());
        }
        return !doc.errors().isEmpty() ? "an error: " + String.join("; ", doc.errors()) : "config-auth " + doc.type();
    }

    /** A handshake our side gave up because the server's certificate does not chain to the --pki CA bundle. */
    private static boolean untrustedServer(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof CertPathBuilderException || t instanceof CertPathValidatorException
                    || (t instanceof CertificateException && !(t.getCause() instanceof IOException))) {
                return true;
            }
        }
        return false;
    }
}
