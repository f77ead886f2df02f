package org.mcalab.conformance.mca;

import org.mcalab.client.mca.Challenge;
import org.mcalab.client.mca.Pkcs7Builder;
import org.mcalab.client.mca.ReplyDraft;

import java.io.IOException;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import org.mcalab.fixtures.Credential;
import org.mcalab.protocol.xml.ClientMessages;
import org.mcalab.protocol.xml.ClientMessages.ClientInfo;
import org.mcalab.protocol.xml.ConfigAuth;
import org.mcalab.protocol.xml.HostileXml;
import org.mcalab.client.ClientIdentity;
import org.mcalab.client.GatewayUnreachableException;
import org.mcalab.client.HttpResponse;

/**
 * Every client mutation a scenario can name ({@code mutation:}). {@code NONE} is the well-behaved client of the
 * profile; each other entry changes one thing in the exchange and declares the parameters it reads (in {@link P}),
 * each with its type and default. Looking at what the gateway did after a login is a {@link Check}, not a mutation.
 */
public enum Mutation implements Behaviour {
    NONE("none", "well-behaved client of the profile", Flows::standard),

    // ---- hash choice and signature (MCA-LIM-6, MCA-PKI-4, MCA-FLOW-2)
    HASH_NOT_OFFERED("hash-not-offered", "declares (and signs with) a hash the gateway did not offer: param hash",
            a -> mcaTweak(a, (d, ch) -> {
                String hash = a.param(P.HASH);
                d.userChain().declaredHash = hash;
                d.userChain().digestHash = hash.equals("sha1") || hash.equals("md5") ? hash : "sha256";
            }), P.HASH),
    HASH_MISMATCH("hash-mismatch", "declares one hash, signs with another: params declared, digest",
            a -> mcaTweak(a, (d, ch) -> {
                d.userChain().declaredHash = a.param(P.DECLARED);
                d.userChain().digestHash = a.param(P.DIGEST);
            }), P.DECLARED, P.DIGEST),
    SIGNED_BYTES_TRIMMED("signed-bytes-trimmed", "signs the challenge with its whitespace trimmed",
            a -> mcaTweak(a, (d, ch) -> d.userChain().signedBytes = Flows.trimmed(ch.exactBytes()))),
    SIGNED_BYTES_REINDENTED("signed-bytes-reindented", "signs a re-indented copy of the challenge",
            a -> mcaTweak(a, (d, ch) -> d.userChain().signedBytes = Flows.reindented(ch.exactBytes()))),
    SIGNATURE_TAMPERED("signature-tampered", "flips one bit of the signature",
            a -> mcaTweak(a, (d, ch) -> d.userChain().signatureTamper = s -> {
                byte[] t = s.clone();
                t[t.length / 2] ^= 0x01;
                return t;
            })),
    SIGNATURE_WRONG_KEY("signature-wrong-key", "signs with the key of credentials.extra[0], not of the certificate sent",
            a -> mcaTweak(a, (d, ch) -> d.userChain().key = a.extra(0).privateKey())),
    SIGNATURE_OTHER_CHALLENGE("signature-other-challenge", "signs the challenge of another session, answers this one",
            a -> mcaTweak(a, (d, ch) -> {
                Challenge other = a.init(a.tlsIdentity(), a.profile().clientInfo(), null, false);
                if (!other.isMcaRequest()) {
                    throw new ScenarioSetupException("the second session got no MCA request (HTTP " + other.response().status() + ")");
                }
                d.userChain().signedBytes = other.exactBytes();
                a.transcript().note("signed the challenge of handle " + other.handle() + ", answered handle " + ch.handle());
            })),
    SIGNATURE_GARBLED("signature-garbled-base64", "sends a signature that is not base64",
            a -> mcaTweak(a, (d, ch) -> d.userChain().signatureTextOverride = "%%not*base64%%")),

    // ---- PKCS#7 contents (MCA-PKI-5, MCA-FLOW-3)
    PKCS7_EXTRA_CERT("pkcs7-extra-cert", "adds the unrelated certificate credentials.extra[0] to the PKCS#7",
            a -> mcaTweak(a, (d, ch) -> d.userChain().certificates = plus(d.userChain().certificates, a.extra(0).certificate()))),
    PKCS7_EMPTY("pkcs7-empty", "sends a PKCS#7 with no certificate",
            a -> mcaTweak(a, (d, ch) -> d.userChain().certificates = List.of())),
    PKCS7_TWO_LEAVES("pkcs7-two-leaves", "adds a second end-entity certificate (credentials.extra[0])",
            a -> mcaTweak(a, (d, ch) -> d.userChain().certificates = plus(d.userChain().certificates, a.extra(0).certificate()))),
    PKCS7_SHUFFLED("pkcs7-shuffled", "certificates in reverse canonical order (must be accepted)",
            a -> mcaTweak(a, (d, ch) -> d.userChain().order = Pkcs7Builder.Order.REVERSED_CANONICAL)),
    PKCS7_ROOT_INCLUDED("pkcs7-root-included", "adds the root CA to the PKCS#7 (must be accepted)",
            a -> mcaTweak(a, (d, ch) -> d.userChain().certificates = plus(d.userChain().certificates, root(a.xml())))),
    PKCS7_CISCO_SHAPE("pkcs7-cisco-shape", "Cisco AnyConnect's PKCS#7: inner type data, root included, insertion order",
            a -> mcaTweak(a, (d, ch) -> {
                d.userChain().certificates = plus(d.userChain().certificates, root(a.xml()));
                d.userChain().ciscoShape = true;
                d.userChain().order = Pkcs7Builder.Order.AS_GIVEN;
            })),
    PKCS7_OVERSIZE("pkcs7-oversize", "pads the PKCS#7 with every other certificate of the PKI: param count",
            a -> mcaTweak(a, (d, ch) -> {
                int count = a.param(P.PKCS7_COUNT);
                List<X509Certificate> certs = new ArrayList<>(d.userChain().certificates);
                // Never the TLS certificate's key: sent again it is one certificate twice (MCA-LIM-1), not an oversize set.
                PublicKey tls = a.tls() == null ? null : a.tls().certificate().getPublicKey();
                for (Credential c : a.allFixtureCredentials()) {
                    if (certs.size() > count) {
                        break;
                    }
                    if (!certs.contains(c.certificate()) && !c.certificate().getPublicKey().equals(tls)) {
                        certs.add(c.certificate());
                    }
                }
                d.userChain().certificates = certs;
                a.transcript().note("PKCS#7 carries " + certs.size() + " certificates");
            }), P.PKCS7_COUNT),

    // ---- certificate count and capabilities (MCA-LIM-1, MCA-LIM-2, MCA-FLOW-8)
    NO_XML_CHAIN("no-xml-chain", "answers with the 1M chain only (one certificate)",
            a -> mcaTweak(a, (d, ch) -> d.chains.removeIf(c -> !c.viaTls))),
    THREE_CERTS("three-certs", "adds a second signed XML chain for credentials.extra[0] (three certificates)",
            a -> mcaTweak(a, (d, ch) -> {
                ReplyDraft.ChainDraft first = d.userChain();
                d.chains.add(ReplyDraft.ChainDraft.signed("1U", a.extra(0), first.declaredHash, ch.exactBytes()));
            })),
    NO_MULTICERT_CAPABILITY("no-multicert-capability", Step.INIT,
            "does not advertise multiple-cert; follows any password form (params username, password)", List.of(),
            Mutation::noMultiCert, ClientParams.USERNAME, ClientParams.PASSWORD),
    DUPLICATED_CAPABILITIES("duplicated-capabilities", "repeats the capabilities element (early OpenConnect MCA builds)",
            a -> Flows.mca(a, copies(a.profile().clientInfo(), 2), Flows.Tweak.NONE)),
    MANY_AUTH_METHODS("many-auth-methods", "lists many auth-methods, multiple-cert among them",
            a -> Flows.mca(a, new ClientInfo(a.profile().clientInfo().version(), a.profile().clientInfo().deviceId(),
                    List.of("single-sign-on", "single-sign-on-v2", "single-sign-on-external-browser", "password",
                            "certificate", "multiple-cert", "saml"), 1), Flows.Tweak.NONE)),

    // ---- the INIT-no-cert / INIT-cert sequence (MCA-FLOW-4)
    INIT_NO_CERT_THEN_CERT("init-no-cert-then-cert", "inits without a TLS certificate, then again with one, then answers",
            Mutation::initNoCertThenCert),

    // ---- the auth-info handle (MCA-FLOW-5, MCA-ROB-3, MCA-ROB-4)
    HANDLE_EXPIRED("handle-expired", "answers after the auth-info timer ran out: param seconds (default 181)",
            a -> {
                ClientInfo info = a.profile().clientInfo();
                ClientIdentity identity = a.tlsIdentity();
                Challenge ch = a.init(identity, info, null, false);
                if (ch.isMcaRequest()) {
                    a.waitPast(a.param(P.TIMER));
                }
                return Flows.answer(a, identity, info, ch, a.xml(), Flows.Tweak.NONE);
            }, P.TIMER),
    HANDLE_UNKNOWN("handle-unknown", "echoes an opaque whose aggauth-handle the gateway never issued",
            a -> mcaTweak(a, (d, ch) -> d.opaqueXml = Flows.withHandle(a, d.opaqueXml,
                    Integer.toString(100_000_000 + new SecureRandom().nextInt(800_000_000))))),
    HANDLE_REPLAYED("handle-replayed", "logs in, then posts the identical auth-reply again",
            Mutation::replay),
    HANDLE_FOREIGN("handle-foreign", "a second client (credentials.extra[0] TLS, extra[1] XML) answers the first client's challenge",
            Mutation::foreignHandle),
    ABANDONED_AUTH_INFO("abandoned-auth-info", "opens several MCA requests, never answers, lets the timer run, answers late: param count",
            Mutation::abandoned, P.ABANDONED_COUNT, P.TIMER),

    // ---- username and group binding (MCA-PKI-7, MCA-FLOW-6)
    USERNAME_SUBSTITUTION("username-substitution", null, "adds <username>admin</username> (param username) to the "
            + "auth-reply", List.of(PostCheck.BINDING),
            a -> mcaTweak(a, (d, ch) -> d.extraAuthXml = "<username>" + a.param(P.SUBSTITUTED_USERNAME) + "</username>"),
            P.SUBSTITUTED_USERNAME),
    OPAQUE_GROUP_TAMPERED("opaque-group-tampered", null, "changes the tunnel-group in the echoed opaque: param group",
            List.of(PostCheck.BINDING), a -> mcaTweak(a, (d, ch) -> d.opaqueXml = Flows.replaceElement(d.opaqueXml,
                    "tunnel-group", a.param(P.GROUP))), P.GROUP),

    // ---- tokens (MCA-FLOW-7)
    CONNECT_FAILED_TOKEN("connect-failed-token", Step.CONNECT, "after a refused attempt, CONNECTs with what it holds (the aggauth-handle)",
            List.of(), Mutation::connectWithFailedToken),
    CONNECT_OTHER_CERT("connect-other-cert", Step.CONNECT, "logs in, then CONNECTs with the session's token over TLS with extra[0] "
            + "(no client certificate without extra); the login's own certificate must still get the tunnel",
            List.of(), Mutation::connectWithOtherCertificate),
    CONNECT_MADE_UP_TOKEN("connect-made-up-token", Step.CONNECT, "CONNECTs with a token it made up: param token", List.of(),
            a -> Flows.tunnelAnswer(a.connectTunnel(a.tlsIdentity(), a.param(P.TOKEN)), "made-up"), P.TOKEN),

    // ---- XML robustness (MCA-ROB-1)
    XML_MALFORMED("xml-malformed", Step.INIT, "posts XML cut off in the middle of an element",
            List.of(PostCheck.STILL_SERVES), a -> badXml(a, HostileXml.MALFORMED)),
    XML_OVERSIZED("xml-oversized", Step.INIT, "posts an init of more than 64 KiB",
            List.of(PostCheck.STILL_SERVES), a -> badXml(a, HostileXml.OVERSIZED)),
    XML_XXE("xml-xxe", Step.INIT, "posts an init with an external entity (XXE) reading /etc/passwd",
            List.of(PostCheck.STILL_SERVES), a -> badXml(a, HostileXml.XXE)),
    XML_BILLION_LAUGHS("xml-billion-laughs", Step.INIT, "posts an init with nested entity expansion (billion laughs)",
            List.of(PostCheck.STILL_SERVES), a -> badXml(a, HostileXml.BILLION_LAUGHS)),

    // ---- automatic certificate selection ignored (MCA-LIM-7)
    CANDIDATES("candidates", "tries every TLS x XML candidate combination in order until one logs in",
            Mutation::candidates);

    /** The parameters mutations read, each with its type and the default it stands for when left out. */
    public static final class P {
        public static final Param<String> HASH = Param.text("hash", "sha1",
                "the hash-algorithm-chosen declared (sha1 and md5 also sign with it, any other name signs with sha256)");
        public static final Param<String> DECLARED = Param.text("declared", "sha512", "the hash declared");
        public static final Param<String> DIGEST = Param.text("digest", "sha256", "the hash actually signed with");
        public static final Param<Integer> PKCS7_COUNT = Param.count("count", 24, "certificates in the padded PKCS#7");
        public static final Param<Duration> TIMER = Param.seconds("seconds", 181,
                "how long to let the auth-info timer run (3 minutes on a conformant gateway)");
        public static final Param<Integer> ABANDONED_COUNT = Param.count("count", 5, "MCA requests opened and left");
        public static final Param<String> SUBSTITUTED_USERNAME = Param.text("username", "admin",
                "the <username> added to the auth-reply");
        public static final Param<String> GROUP = Param.text("group", "ANYCONNECT-AAA",
                "the tunnel-group written into the echoed opaque");
        public static final Param<String> TOKEN = Param.text("token", "0123456789ABCDEF0123456789ABCDEF",
                "the made-up webvpn cookie");

        private P() {}
    }

    private final Declaration declaration;

    Mutation(String id, String description, Flow flow, Param<?>... params) {
        this(id, null, description, List.of(), flow, params);
    }

    /**
     * @param step  where this mutation's bad input is judged, when not where the profile's client would be
     * @param after the post-checks run once the conversation ended
     */
    Mutation(String id, Step step, String description, List<PostCheck> after, Flow flow, Param<?>... params) {
        this.declaration = new Declaration(id, step, description, flow, after, List.of(params));
    }

    @Override
    public Declaration declaration() {
        return declaration;
    }

    public static Optional<Mutation> find(String id) {
        return Behaviour.named(values(), id);
    }

    public static List<String> names() {
        return Behaviour.names(values());
    }

    // ------------------------------------------------------------------------------------------------

    private static Observation mcaTweak(Attempt a, Flows.Tweak tweak) throws IOException {
        return Flows.mca(a, a.profile().clientInfo(), tweak);
    }

    private static List<X509Certificate> plus(List<X509Certificate> certs, X509Certificate more) {
        List<X509Certificate> out = new ArrayList<>(certs);
        out.add(more);
        return out;
    }

    private static X509Certificate root(Credential c) {
        if (c.issuers().isEmpty()) {
            throw new IllegalArgumentException(c.name() + " has no issuer");
        }
        return c.issuers().get(c.issuers().size() - 1);
    }

    private static ClientInfo copies(ClientInfo info, int n) {
        return new ClientInfo(info.version(), info.deviceId(), info.authMethods(), n);
    }

    private static Observation noMultiCert(Attempt a) throws IOException {
        ClientInfo base = a.profile().clientInfo();
        ClientInfo info = new ClientInfo(base.version(), base.deviceId(),
                base.authMethods().stream().filter(m -> !m.equals("multiple-cert")).toList(), 1);
        ClientIdentity identity = a.tlsIdentity();
        Challenge ch = a.init(identity, info, a.param(ClientParams.GROUP_SELECT), false);
        if (ch.doc() != null && ch.response().status() == 200 && ch.doc().formInputs().contains("password")) {
            a.transcript().note("the gateway offered a password form; answering with the local user's password");
            byte[] reply = ClientMessages.passwordReply(info, ch.doc().opaqueXml(), a.param(ClientParams.USERNAME),
                    a.param(ClientParams.PASSWORD), null);
            return Observation.of(a.post(identity, a.path(), reply, "auth-reply"));
        }
        return Observation.of(ch.response());
    }

    private static Observation initNoCertThenCert(Attempt a) throws IOException {
        ClientInfo info = a.profile().clientInfo();
        Challenge first = a.init(ClientIdentity.none(), info, a.param(ClientParams.GROUP_SELECT), false);
        if (first.response().status() != 200 || first.doc() == null) {
            a.violation("MCA-FLOW-4: the init without a TLS certificate was not answered with a request (HTTP "
                    + first.response().status() + ")");
            return Observation.of(first.response());
        }
        a.transcript().note("INIT-no-cert answered with " + (first.isMcaRequest() ? "an MCA request" : first.doc().type())
                + (first.doc().certAuthenticated() ? " claiming cert-authenticated" : " without cert-authenticated"));
        if (first.doc().certAuthenticated()) {
            a.violation("MCA-FLOW-4: cert-authenticated claimed although no TLS certificate was sent");
        }
        ClientIdentity identity = a.tlsIdentity();
        Challenge second = a.init(identity, info, a.param(ClientParams.GROUP_SELECT), false);
        if (second.isMcaRequest() && !second.doc().certAuthenticated()) {
            a.violation("MCA-FLOW-4: the INIT-cert request lacks cert-authenticated, so openconnect would not go on");
        }
        return Flows.answer(a, identity, info, second, a.xml(), Flows.Tweak.NONE);
    }

    private static Observation replay(Attempt a) throws IOException {
        ClientInfo info = a.profile().clientInfo();
        ClientIdentity identity = a.tlsIdentity();
        Challenge ch = a.init(identity, info, null, false);
        if (!ch.isMcaRequest()) {
            throw new ScenarioSetupException("no MCA request to answer (HTTP " + ch.response().status() + ")");
        }
        ReplyDraft draft = ReplyDraft.standard(info, ch, a.xml());
        byte[] body = draft.bytes();
        Observation first = Observation.of(a.post(identity, a.path(), body, "auth-reply"));
        if (!first.accepted()) {
            throw new ScenarioSetupException("the login to be replayed was refused: " + first.text());
        }
        a.transcript().note("first auth-reply accepted; replaying the identical bytes on a new connection");
        return Observation.of(a.post(identity, a.path(), body, "replay"));
    }

    private static Observation foreignHandle(Attempt a) throws IOException {
        ClientInfo info = a.profile().clientInfo();
        Challenge victim = a.init(a.tlsIdentity(), info, null, false);
        Credential otherTls = a.extra(0);
        Credential otherXml = a.extra(1);
        ClientIdentity other = a.identity(otherTls);
        Challenge own = a.init(other, info, null, false);
        if (!victim.isMcaRequest() || !own.isMcaRequest()) {
            throw new ScenarioSetupException("both clients need an MCA request");
        }
        a.transcript().note("client B (" + otherTls.name() + " + " + otherXml.name() + ") answers client A's handle "
                + victim.handle() + " instead of its own " + own.handle());
        return Flows.answer(a, other, info, victim, otherXml, Flows.Tweak.NONE);
    }

    private static Observation abandoned(Attempt a) throws IOException {
        ClientInfo info = a.profile().clientInfo();
        ClientIdentity identity = a.tlsIdentity();
        int count = a.param(P.ABANDONED_COUNT);
        List<Challenge> open = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            open.add(a.init(identity, info, null, false));
        }
        OptionalInt before = a.target().gateway().pendingAuths();
        a.waitPast(a.param(P.TIMER));
        Observation late = Flows.answer(a, identity, info, open.get(0), a.xml(), Flows.Tweak.NONE);
        OptionalInt after = a.target().gateway().pendingAuths();
        if (before.isPresent() && after.isPresent()) {
            // Evidence only: expired entries leave the table on the gateway's own sweep, which runs on real time.
            a.transcript().note("pending auth-info entries: " + before.getAsInt() + " before the timer ran out, "
                    + after.getAsInt() + " after the late answer");
        }
        return late;
    }

    private static Observation connectWithFailedToken(Attempt a) throws IOException {
        ClientInfo info = a.profile().clientInfo();
        ClientIdentity identity = a.tlsIdentity();
        Challenge ch = a.init(identity, info, null, false);
        Observation failed = Flows.answer(a, identity, info, ch, a.xml(), Flows.Tweak.NONE);
        if (failed.accepted()) {
            // The premise broke (a lax gateway, or credentials that are not bad): the token test proves nothing.
            throw new ScenarioSetupException("the attempt meant to be refused was accepted: " + failed.text());
        }
        String token = ch.handle() != null ? ch.handle() : "none";
        a.transcript().note("attempt refused (" + failed.text() + "); CONNECT with the aggauth-handle " + token);
        return Flows.tunnelAnswer(a.connectTunnel(identity, token), token).withViolations(failed.violations());
    }

    /**
     * A copied cookie on another client's connection (MCA-FLOW-7): the session belongs to the TLS certificate of its
     * login. The control CONNECT with the login's own certificate must get the tunnel, else a refusal proves nothing.
     */
    private static Observation connectWithOtherCertificate(Attempt a) throws IOException {
        Observation login = Flows.standard(a);
        if (!login.accepted()) {
            throw new ScenarioSetupException("the login whose cookie is reused was refused: " + login.text());
        }
        String token = login.sessionToken();
        Credential other = a.extraCount() == 0 ? null : a.extra(0);
        a.transcript().note("logged in; CONNECT with its token over TLS with "
                + (other == null ? "no client certificate" : "the certificate " + other.name()));
        Observation o = Flows.tunnelAnswer(a.connectTunnel(a.identity(other), token), token);
        HttpResponse own = a.connectTunnel(a.tlsIdentity(), token);
        if (own.status() != 200) {
            throw new ScenarioSetupException("the login's own TLS certificate did not get the tunnel either (HTTP "
                    + own.status() + " " + own.reason() + "), so the refusal proves nothing");
        }
        a.transcript().note("control: the same token over the login's own TLS certificate got the tunnel");
        return o.withViolations(login.violations());
    }

    private static Observation badXml(Attempt a, HostileXml xml) throws IOException {
        HttpResponse r = a.post(a.tlsIdentity(), a.path(), xml.body(a.groupAccess(a.path())), "bad-xml");
        Observation o = Observation.of(r);
        if (!o.accepted() && Observation.parse(r).map(ConfigAuth::multipleCertRequest).orElse(false)) {
            // Going on with the MCA request is taking the hostile input in, not refusing it.
            o = Observation.accept(null, "HTTP " + r.status() + ": the hostile input was answered with an MCA request");
        }
        if (r.bodyText().contains("root:x:0:0")) {
            o = o.withViolation("MCA-ROB-1: the answer carries the content of an external entity (/etc/passwd)");
        }
        if (r.status() == 200 && o.accepted() && o.sessionToken() != null) {
            o = o.withViolation("MCA-ROB-1: bad XML was answered with a session");
        }
        return o;
    }

    private static Observation candidates(Attempt a) throws IOException {
        List<String> tls = a.tlsNames();
        List<String> xml = a.xmlNames();
        long started = System.nanoTime();
        int attempt = 0;
        Observation last = null;
        for (String t : tls) {
            for (String x : xml) {
                attempt++;
                long one = System.nanoTime();
                try {
                    last = Flows.mca(a, a.profile().clientInfo(), a.credential(t), a.credential(x), Flows.Tweak.NONE);
                } catch (GatewayUnreachableException e) {
                    throw e;
                } catch (IOException e) {
                    // A gateway may refuse a bad machine certificate in the handshake: the client tries the next one.
                    last = Observation.reject(null, "no HTTP answer: " + e.getMessage());
                }
                a.transcript().note("attempt " + attempt + ": TLS " + t + " + XML " + x + " -> " + last.code()
                        + " in " + (System.nanoTime() - one) / 1_000_000 + " ms");
                if (last.accepted()) {
                    long total = (System.nanoTime() - started) / 1_000_000;
                    a.transcript().note(String.format(Locale.ROOT,
                            "MCA-LIM-7: %d user x %d machine candidates (%d combinations); connected after %d attempts in %d ms"
                                    + " (%.1f ms per attempt)", xml.size(), tls.size(), xml.size() * tls.size(), attempt,
                            total, (double) total / attempt));
                    a.transcript().timing("time-to-connect", total);
                    return last;
                }
            }
        }
        a.transcript().note("MCA-LIM-7: no combination of " + xml.size() + " x " + tls.size() + " candidates logged in");
        return last;
    }
}
