package org.mcalab.conformance.mca;

import java.util.Optional;
import org.mcalab.fixtures.LabClock;
import org.mcalab.client.mca.Challenge;
import org.mcalab.client.mca.CredentialStore;
import org.mcalab.client.mca.McaLogin;
import org.mcalab.client.mca.Profile;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.mcalab.fixtures.Credential;
import org.mcalab.protocol.xml.ClientMessages.ClientInfo;
import org.mcalab.client.ClientIdentity;
import org.mcalab.client.Connection;
import org.mcalab.client.GatewayClient;
import org.mcalab.client.GatewayUnreachableException;
import org.mcalab.client.HttpResponse;
import org.mcalab.lab.Target;

/**
 * One scenario's run: the client, the credentials, the mutation's parameters, and the transcript
 * everything is recorded in. Every request goes on a fresh TLS connection (openconnect reconnects
 * between requests whenever it holds a TLS certificate).
 */
public final class Attempt {
    private final GatewayClient client;
    private final Target target;
    private final CredentialStore credentials;
    private final Profile profile;
    private final String path;
    private final String groupSelect;
    private final Params params;
    private final List<String> tlsNames;
    private final List<String> xmlNames;
    private final List<String> extraNames;
    private final boolean slow;
    private final Transcript transcript = new Transcript();
    private final List<String> violations = new ArrayList<>();
    private int lastAnswerIndex = -1;
    private Step reached;
    private boolean challengeIssued;
    private Challenge firstInit;
    private String notServed;
    private String handshakeRefused;
    private final List<IssuedSession> sessions = new ArrayList<>();

    /** A session token the gateway issued to this attempt, with the TLS identity it was issued over (for the logout). */
    public record IssuedSession(ClientIdentity identity, String token) {}

    public Attempt(GatewayClient client, Target target, CredentialStore credentials, Profile profile, String path,
                   Params params, List<String> tlsNames, List<String> xmlNames, List<String> extraNames,
                   boolean slow) {
        this(client, target, credentials, profile, path, null, params, tlsNames, xmlNames, extraNames, slow);
    }

    /** @param groupSelect the {@code <group-select>} every init carries (openconnect's --authgroup), or null */
    public Attempt(GatewayClient client, Target target, CredentialStore credentials, Profile profile, String path,
                   String groupSelect, Params params, List<String> tlsNames, List<String> xmlNames,
                   List<String> extraNames, boolean slow) {
        this.client = client;
        this.target = target;
        this.credentials = credentials;
        this.profile = profile;
        this.path = path;
        this.groupSelect = groupSelect;
        this.params = params;
        this.tlsNames = List.copyOf(tlsNames);
        this.xmlNames = List.copyOf(xmlNames);
        this.extraNames = List.copyOf(extraNames);
        this.slow = slow;
    }

    public Transcript transcript() {
        return transcript;
    }

    /** Post-check failures found while running. */
    public List<String> violations() {
        return List.copyOf(violations);
    }

    void violation(String text) {
        violations.add(text);
    }

    GatewayClient client() {
        return client;
    }

    Target target() {
        return target;
    }

    Profile profile() {
        return profile;
    }

    String path() {
        return path;
    }

    /** The group-select every init of this attempt carries (--authgroup), or null. */
    String groupSelect() {
        return groupSelect;
    }

    /** The scenario's value of {@code param}, or its declared default. */
    <T> T param(Param<T> param) {
        return params.get(param);
    }

    List<String> tlsNames() {
        return tlsNames;
    }

    List<String> xmlNames() {
        return xmlNames;
    }

    /** The first TLS credential, or null for none. */
    Credential tls() {
        return tlsNames.isEmpty() ? null : credential(tlsNames.get(0));
    }

    Credential xml() {
        return xmlNames.isEmpty() ? null : credential(xmlNames.get(0));
    }

    int extraCount() {
        return extraNames.size();
    }

    Credential extra(int i) {
        if (i >= extraNames.size()) {
            throw new IllegalArgumentException("this mutation needs credentials.extra[" + i + "]");
        }
        return credential(extraNames.get(i));
    }

    Credential credential(String name) {
        return credentials.get(name);
    }

    List<Credential> allFixtureCredentials() {
        return credentials.manifest().identities().stream().map(i -> credentials.get(i.name())).toList();
    }

    ClientIdentity identity(Credential c) {
        if (c == null) {
            return ClientIdentity.none();
        }
        transcript.certificate("TLS (" + c.identity().role().name().toLowerCase() + ", 1M)", c.certificate());
        return ClientIdentity.of(c);
    }

    ClientIdentity tlsIdentity() {
        return identity(tls());
    }

    /** The client's MCA login as {@code info}; a null {@code groupSelect} means the attempt's own (--authgroup). */
    McaLogin login(ClientInfo info, String groupSelect) {
        return new McaLogin(info, groupAccess(path), groupSelect == null ? this.groupSelect : groupSelect);
    }

    String groupAccess(String requestPath) {
        return client.groupAccess(requestPath);
    }

    /** The furthest step the exchange reached, or null when no TLS connection was even attempted to completion. */
    public Step reached() {
        return reached;
    }

    /** Whether the gateway sent an MCA request (multiple-client-cert-request) during this attempt. */
    public boolean challengeIssued() {
        return challengeIssued;
    }

    /** The answer to this attempt's first init, or null when none came. */
    public Challenge firstInit() {
        return firstInit;
    }

    /** "POST /x answered HTTP 404" when the gateway said it does not serve a request of this attempt, else null. */
    public String notServed() {
        return notServed;
    }

    /** Why the last TLS handshake was refused, or null when the last request got through TLS. */
    public String handshakeRefused() {
        return handshakeRefused;
    }

    /** Every session token the gateway issued during this attempt (also those issued with a refusal). */
    public List<IssuedSession> sessions() {
        return List.copyOf(sessions);
    }

    /** Opens a connection, recording a refused handshake as a refusal at the TLS step. */
    private Connection open(ClientIdentity identity) throws IOException {
        try {
            Connection c = client.open(identity);
            handshakeRefused = null;
            transcript.tls(c.tls());
            return c;
        } catch (GatewayUnreachableException e) {
            throw e;
        } catch (IOException e) {
            reach(Step.TLS);
            handshakeRefused = e.getMessage() == null ? e.toString() : e.getMessage();
            throw e;
        }
    }

    /** Records that the exchange got as far as {@code step} (a tunnel probe reaches CONNECT on its own connection). */
    void reach(Step step) {
        if (reached == null || reached.before(step)) {
            reached = step;
        }
    }

    private void answered(String request, String phase, ClientIdentity identity, HttpResponse response) {
        reach(Step.ofPhase(phase));
        if ((response.status() == 404 || response.status() == 405) && notServed == null) {
            notServed = request + " answered HTTP " + response.status() + " " + response.reason();
        }
        Observation.token(response, Observation.parse(response).orElse(null))
                .ifPresent(token -> sessions.add(new IssuedSession(identity, token)));
    }

    /** POSTs on a fresh connection and records the exchange. */
    HttpResponse post(ClientIdentity identity, String requestPath, byte[] body, String phase) throws IOException {
        long started = System.nanoTime();
        Connection c;
        try {
            c = open(identity);
        } catch (IOException e) {
            transcript.unanswered("POST", requestPath, body, e.getMessage());
            throw e;
        }
        try (c) {
            HttpResponse response = c.post(requestPath, body, profile.userAgent(), null);
            lastAnswerIndex = transcript.exchange("POST", requestPath, body, response,
                    (System.nanoTime() - started) / 1_000_000, phase);
            answered("POST " + requestPath, phase, identity, response);
            return response;
        } catch (IOException e) {
            // The request went out over an accepted handshake: a missing answer is met at the request's own step.
            reach(Step.ofPhase(phase));
            transcript.unanswered("POST", requestPath, body, e.getMessage());
            throw e;
        }
    }

    /** Sends an init and returns what came back; a null {@code groupSelect} sends the attempt's own (--authgroup). */
    Challenge init(ClientIdentity identity, ClientInfo info, String groupSelect, boolean clientCertFail) throws IOException {
        byte[] body = login(info, groupSelect).init(clientCertFail);
        HttpResponse response = post(identity, path, body, "init");
        Challenge challenge = new Challenge(response, Observation.parse(response).orElse(null), lastAnswer());
        challengeIssued |= challenge.isMcaRequest();
        if (firstInit == null) {
            firstInit = challenge;
        }
        return challenge;
    }

    private int lastAnswer() {
        return lastAnswerIndex;
    }

    /** CONNECT /CSCOSSLC/tunnel with a token; records the status line. */
    HttpResponse connectTunnel(ClientIdentity identity, String token) throws IOException {
        long started = System.nanoTime();
        try (Connection c = open(identity)) {
            reach(Step.CONNECT);
            HttpResponse response = c.connectTunnel(token, profile.userAgent());
            byte[] request = ("CONNECT /CSCOSSLC/tunnel  Cookie: webvpn=" + token).getBytes();
            transcript.exchange("CONNECT", "/CSCOSSLC/tunnel", request, response,
                    (System.nanoTime() - started) / 1_000_000, "connect");
            answered("CONNECT /CSCOSSLC/tunnel", "connect", identity, response);
            transcript.note("CONNECT answered: HTTP " + response.status() + " " + response.reason());
            return response;
        }
    }

    /**
     * Lets more than {@code duration} pass for the gateway: its clock is advanced when it is embedded,
     * otherwise (only with --slow) the suite really waits.
     */
    void waitPast(Duration duration) {
        Optional<LabClock> clock = target.gateway().clock();
        if (clock.isPresent()) {
            clock.get().advance(duration);
            transcript.note("gateway clock advanced by " + duration.toSeconds() + " s");
            return;
        }
        if (!slow) {
            throw new IllegalStateException("waiting " + duration.toSeconds() + " s needs clock control or --slow");
        }
        transcript.note("waiting " + duration.toSeconds() + " s for real (--slow)");
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting", e);
        }
    }
}
