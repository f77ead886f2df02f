package org.mcalab.gateway.auth;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.mcalab.gateway.config.AsaConfig;
import org.mcalab.gateway.config.GroupPolicy;
import org.mcalab.gateway.config.LocalUser;
import org.mcalab.gateway.config.TunnelGroup;
import org.mcalab.gateway.pki.CertificateText;
import org.mcalab.gateway.pki.ValidatedCertificate;
import org.mcalab.gateway.pki.ValidationResult;
import org.mcalab.gateway.session.AuthMode;
import org.mcalab.gateway.session.Login;
import org.mcalab.gateway.session.Session;
import org.mcalab.gateway.session.SessionDb;
import org.mcalab.gateway.trace.ClientText;
import org.mcalab.gateway.trace.DebugCategory;
import org.mcalab.gateway.trace.Trace;
import org.mcalab.protocol.Refusal;
import org.mcalab.protocol.Requirement;
import org.mcalab.protocol.xml.ConfigAuth;
import org.mcalab.protocol.xml.ConfigAuthException;
import org.mcalab.protocol.xml.ConfigAuthParser;
import org.mcalab.protocol.xml.GatewayMessages;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The aggregate-auth state machine of the ASA (docs/protocol.md §5-§7; traced like the seed's
 * "debug aggregate-auth ssl/xml", §1.2):
 * one config-auth body in, one config-auth body out. Synchronous and free of I/O so every requirement it
 * enforces can be tested without sockets. Nothing shared is touched before the input has been parsed and
 * checked, so a bad request never affects another client.
 */
public final class AggregateAuth {
    private static final Logger LOG = LoggerFactory.getLogger(AggregateAuth.class);
    private static final DebugCategory SSL = DebugCategory.AGGREGATE_AUTH_SSL;
    private static final DebugCategory XML = DebugCategory.AGGREGATE_AUTH_XML;
    private static final String DEFAULT_GROUP = "DefaultWEBVPNGroup";
    private static final int PASSWORD_TRIES = 3;
    /** The cookie that carries a refusal's id to the {@code GET} after it ({@link #answerGet}). */
    public static final String REFUSAL_COOKIE = "mcalab-refusal";

    private final AsaConfig config;
    private final AuthInfoTable table;
    private final SessionDb sessions;
    private final TlsCertificateCheck tlsCheck;
    private final McaCheck mca;
    private final Trace trace;
    private final Clock clock;
    private final SecureRandom random;
    private final String configHash;
    private final RefusalNotes refusalNotes;
    private final LocalLockout lockout;

    public AggregateAuth(AsaConfig config, AuthInfoTable table, SessionDb sessions, TlsCertificateCheck tlsCheck,
                         McaCheck mca, Trace trace, Clock clock, SecureRandom random) {
        this.config = config;
        this.table = table;
        this.sessions = sessions;
        this.tlsCheck = tlsCheck;
        this.mca = mca;
        this.trace = trace;
        this.clock = clock;
        this.random = random;
        this.configHash = Long.toString(clock.millis());
        this.refusalNotes = new RefusalNotes(clock, random);
        this.lockout = new LocalLockout(config.localMaxFailedAttempts());
    }

    /** The local users' lock-out ({@code aaa local authentication attempts max-fail}), for the admin endpoint. */
    public LocalLockout lockout() {
        return lockout;
    }

    /** POST paths that carry aggregate auth: "/" and every enabled group-url path. */
    public boolean accepts(String path) {
        String p = path == null ? "/" : path;
        return p.equals("/") || p.isEmpty() || config.tunnelGroupByUrlPath(p).isPresent();
    }

    /**
     * Keeps a refusal for the {@code GET} openconnect sends after it (see {@link #answerGet}).
     *
     * @return the value of the {@link #REFUSAL_COOKIE} cookie to send with the refusal
     */
    public String noteRefusal(Refusal refusal) {
        return refusalNotes.add(refusal.text());
    }

    /**
     * The answer to {@code GET} on an aggregate-auth path, as an ASA answers a client that is not logged in: the
     * config-auth error form. It names the refusal the client's {@link #REFUSAL_COOKIE} points at (once), else tells
     * the client to log in by POST. openconnect prints the error as its last line (docs/protocol.md §7.3).
     */
    public byte[] answerGet(String path, String refusalCookie) {
        String text = refusalNotes.take(refusalCookie).orElseGet(() -> Requirement.MCA_FLOW_1.id()
                + ": " + printable(path == null || path.isEmpty() ? "/" : path)
                + " takes aggregate-auth config-auth XML by POST (init, then auth-reply), not GET");
        return GatewayMessages.error(text);
    }

    public AuthResponse handle(AuthRequest request) {
        ClientConnection conn = request.connection();
        String corr = conn.correlation();
        ssl(corr, "/CSCOSSLC/config-auth");
        ssl(corr, "Processing client request");
        if (trace.enabled(XML)) {
            trace.emit(XML, corr, "Received XML message below from the client\n" + shown(request.body()));
        }
        ConfigAuth message;
        try {
            message = ConfigAuthParser.parse(request.body());
        } catch (ConfigAuthException e) {
            return refuse(corr, conn, null, e.refusal(), 400);
        }
        ssl(corr, "XML successfully parsed");
        ssl(corr, "Processing request (" + message.type() + ")");
        return switch (message.type()) {
            case "init" -> init(request, message, corr);
            case "auth-reply" -> reply(request, message, corr);
            default -> refuse(corr, conn, null, new Refusal(Requirement.MCA_ROB_1,
                    "unknown config-auth type '" + printable(message.type()) + "'"), 400);
        };
    }

    // ---------------------------------------------------------------- init

    private AuthResponse init(AuthRequest request, ConfigAuth init, String corr) {
        ClientConnection conn = request.connection();
        String phase = conn.hasCertificate() ? "INIT-cert" : "INIT-no-cert";
        if (conn.hasCertificate()) {
            ssl(corr, "INIT-cert: Client has certificate, groupSelect " + orNull(init.groupSelect()));
        } else {
            ssl(corr, "INIT-no-cert: Client has not sent a certificate");
        }
        Optional<TunnelGroup> resolved = resolve(request, init, corr);
        if (resolved.isEmpty() && !hasText(init.groupSelect()) && !groupChoices().isEmpty()) {
            // As an ASA with tunnel-group-list enable: a request that names no group gets the group chooser, and
            // openconnect starts over with <group-select> (README, "The reference gateway").
            ssl(corr, "No tunnel group for https://" + orNull(request.host()) + orNull(request.path())
                    + "; sending the group list");
            return send(corr, GatewayMessages.groupSelectForm("Please select your group.", groupChoices()));
        }
        if (resolved.isEmpty()) {
            String wanted = init.groupSelect() != null ? init.groupSelect()
                    : init.groupAccess() != null ? init.groupAccess() : request.path();
            return refuse(corr, conn, null, new Refusal(Requirement.MCA_FLOW_1,
                    "unknown tunnel group '" + printable(wanted) + "'"), 400);
        }
        TunnelGroup group = resolved.get();
        return switch (group.authentication()) {
            case MULTIPLE_CERTIFICATE -> mcaInit(request, init, group, phase, corr);
            case CERTIFICATE -> certificateInit(request, init, group, corr);
            case AAA -> passwordInit(request, init, group, corr, null);
            case AAA_CERTIFICATE -> {
                Optional<AuthResponse> certProblem = requireCertificate(conn, group, corr);
                yield certProblem.orElseGet(() -> passwordInit(request, init, group, corr, null));
            }
        };
    }

    /** group-url path of the request, then of group-access, then group-select by alias or name. */
    private Optional<TunnelGroup> resolve(AuthRequest request, ConfigAuth init, String corr) {
        String path = request.path() == null ? "/" : request.path();
        if (!isRoot(path)) {
            Optional<TunnelGroup> g = config.tunnelGroupByUrlPath(path);
            if (g.isPresent()) {
                ssl(corr, "Found TG " + g.get().name() + " by URL https://" + orNull(request.host()) + path);
                return g;
            }
        }
        if (init.groupAccess() != null) {
            try {
                String accessPath = URI.create(init.groupAccess().trim()).getPath();
                if (accessPath != null && !isRoot(accessPath)) {
                    Optional<TunnelGroup> g = config.tunnelGroupByUrlPath(accessPath);
                    if (g.isPresent()) {
                        ssl(corr, "Found TG " + g.get().name() + " by URL " + printable(init.groupAccess().trim()));
                        return g;
                    }
                }
            } catch (IllegalArgumentException e) {
                ssl(corr, "Ignoring unparsable group-access " + printable(init.groupAccess()));
            }
        }
        if (init.groupSelect() != null && !init.groupSelect().isEmpty()) {
            Optional<TunnelGroup> g = config.tunnelGroupByAlias(init.groupSelect())
                    .or(() -> config.tunnelGroup(init.groupSelect()));
            g.ifPresent(t -> ssl(corr, "Found TG " + t.name() + " by group-select " + printable(init.groupSelect())));
            return g;
        }
        return config.tunnelGroup(DEFAULT_GROUP);
    }

    private AuthResponse mcaInit(AuthRequest request, ConfigAuth init, TunnelGroup group, String phase, String corr) {
        ClientConnection conn = request.connection();
        if (!init.advertises("multiple-cert")) {
            ssl(corr, phase + ": Client did not advertise multi-cert authentication support");
            // Fail closed: never fall back to a password or one certificate (CVE-2023-20247 class).
            return refuse(corr, conn, group, new Refusal(Requirement.MCA_LIM_2, "tunnel group " + group.name()
                    + " requires multiple-certificate authentication and the client did not advertise multiple-cert"), 200);
        }
        ssl(corr, phase + ": Client advertised multi-cert authentication support");
        if (!conn.hasCertificate() && init.clientCertFail()) {
            // The client came back still without a TLS certificate: one certificate alone can never pass.
            return refuse(corr, conn, group, new Refusal(Requirement.MCA_LIM_1, "tunnel group " + group.name()
                    + " needs two certificates and the client has no TLS client certificate (client-cert-fail)"), 200);
        }
        X509Certificate initCert = null;
        if (conn.hasCertificate()) {
            ValidationResult v = tlsCheck.check(conn.peerChain(), corr);
            if (v instanceof ValidationResult.Invalid invalid) {
                return refuse(corr, conn, group, invalid.refusal(), 200);
            }
            initCert = conn.peerChain().get(0);
        }
        byte[] randomBytes = new byte[32];
        random.nextBytes(randomBytes);
        String randomHex = HexFormat.of().withUpperCase().formatHex(randomBytes);
        boolean certAuthenticated = initCert != null;
        X509Certificate tlsCert = initCert;
        AuthInfoTable.Result created = table.create(AuthInfoTable.Kind.MCA, AuthInfoTable.source(conn.clientIp(), tlsCert),
                handle -> new AuthInfo(handle, group.name(),
                conn.clientIp(),
                GatewayMessages.mcaAuthRequest(new GatewayMessages.OpaqueState(group.name(), handle, "multiple-cert", configHash),
                        GatewayMessages.MCA_HASHES, randomHex, certAuthenticated),
                GatewayMessages.MCA_HASHES, randomHex, init.deviceId(), tlsCert, clock.instant()));
        if (created instanceof AuthInfoTable.Result.Missing full) {
            return refuse(corr, conn, group, full.refusal(), 200);
        }
        AuthInfo info = ((AuthInfoTable.Result.Found) created).entry().info();
        String h = info.handle();
        String ip = conn.clientIp();
        ssl(h, "Created auth info for client " + ip);
        ssl(h, "Started timer (" + table.lifetime().toMinutes() + " mins) for auth info for client " + ip);
        ssl(corr, phase + ": Tunnel group " + group.name() + " requires multi-cert authentication");
        ssl(h, "Generating multiple certificate request");
        ssl(h, "Saved message of len " + info.savedRequest().length + " to verify signature");
        return send(h, info.savedRequest());
    }

    private AuthResponse certificateInit(AuthRequest request, ConfigAuth init, TunnelGroup group, String corr) {
        ClientConnection conn = request.connection();
        Optional<AuthResponse> problem = requireCertificate(conn, group, corr);
        if (problem.isPresent()) {
            return problem.get();
        }
        X509Certificate cert = conn.peerChain().get(0);
        ssl(corr, "Attempting cert only login");
        String username = CertificateUsername.of(cert, group.usernameFromCertificate());
        return complete(request, init, group, username, AuthMode.CERTIFICATE, CertificateText.subject(cert), null, corr);
    }

    /** Empty when the TLS certificate is present and valid; otherwise the answer to send. */
    private Optional<AuthResponse> requireCertificate(ClientConnection conn, TunnelGroup group, String corr) {
        if (!conn.hasCertificate()) {
            ssl(corr, "Tunnel group " + group.name() + " requires a client certificate; requesting one");
            return Optional.of(send(corr, GatewayMessages.clientCertRequest("Please provide a client certificate")));
        }
        ValidationResult v = tlsCheck.check(conn.peerChain(), corr);
        if (v instanceof ValidationResult.Invalid invalid) {
            return Optional.of(refuse(corr, conn, group, invalid.refusal(), 200));
        }
        return Optional.empty();
    }

    private AuthResponse passwordInit(AuthRequest request, ConfigAuth init, TunnelGroup group, String corr, String error) {
        ClientConnection conn = request.connection();
        // An AAA group does not validate the TLS certificate, so only the address names the source.
        AuthInfoTable.Result created = table.create(AuthInfoTable.Kind.PASSWORD, AuthInfoTable.source(conn.clientIp(), null),
                handle -> new AuthInfo(handle, group.name(),
                conn.clientIp(), passwordForm(group, handle, null), List.of(), "", init.deviceId(),
                conn.hasCertificate() ? conn.peerChain().get(0) : null, clock.instant()));
        if (created instanceof AuthInfoTable.Result.Missing full) {
            return refuse(corr, conn, group, full.refusal(), 200);
        }
        AuthInfo info = ((AuthInfoTable.Result.Found) created).entry().info();
        ssl(info.handle(), "Created auth info for client " + conn.clientIp());
        ssl(info.handle(), "Tunnel group " + group.name() + " requires username/password authentication");
        return send(info.handle(), info.savedRequest());
    }

    private byte[] passwordForm(TunnelGroup group, String handle, String error) {
        return GatewayMessages.passwordForm(new GatewayMessages.OpaqueState(group.name(), handle, "single-sign-on-v2", configHash),
                "Please enter your username and password.", error, groupChoices(), group.name());
    }

    /** The group chooser: every enabled alias with its tunnel group, when {@code tunnel-group-list enable}; else none. */
    private List<GatewayMessages.GroupChoice> groupChoices() {
        if (!config.webvpn().tunnelGroupListEnabled()) {
            return List.of();
        }
        return config.tunnelGroups().values().stream().flatMap(g -> g.aliases().stream()
                .filter(TunnelGroup.GroupAlias::enabled)
                .map(a -> new GatewayMessages.GroupChoice(g.name(), a.name()))).toList();
    }

    // ---------------------------------------------------------------- auth-reply

    private AuthResponse reply(AuthRequest request, ConfigAuth reply, String corr) {
        ClientConnection conn = request.connection();
        String handle = reply.opaque() == null ? null : reply.opaque().aggauthHandle();
        boolean password = reply.authField("password").isPresent() || reply.authField("username").isPresent();
        if (handle == null || handle.isEmpty()) {
            Optional<TunnelGroup> byPath = isRoot(request.path()) ? Optional.empty() : config.tunnelGroupByUrlPath(request.path());
            if (password && byPath.isPresent() && byPath.get().authentication() == org.mcalab.gateway.config.AuthenticationMethod.MULTIPLE_CERTIFICATE) {
                return refuse(corr, conn, byPath.get(), passwordOnMca(byPath.get()), 200);
            }
            return refuse(corr, conn, byPath.orElse(null),
                    new Refusal(Requirement.MCA_FLOW_5, "auth-reply without an aggauth-handle"), 200);
        }
        String h = handle.length() > 20 ? handle.substring(0, 20) : handle;
        ssl(h, "auth-reply:[" + h + "] searching for authinfo");
        AuthInfoTable.Result taken = table.take(handle);
        if (taken instanceof AuthInfoTable.Result.Missing missing) {
            return refuse(h, conn, null, missing.refusal(), 200);
        }
        AuthInfoTable.Entry entry = ((AuthInfoTable.Result.Found) taken).entry();
        AuthInfo info = entry.info();
        ssl(h, "Found auth info for client " + info.clientAddress() + ", update expire timer ("
                + table.lifetime().toMinutes() + " mins)");
        TunnelGroup group = config.tunnelGroup(info.tunnelGroup()).orElseThrow();
        ssl(h, "Found tunnel group (" + group.name() + ") alias "
                + group.aliases().stream().map(TunnelGroup.GroupAlias::name).findFirst().orElse("NULL"));
        AuthResponse response = switch (entry.kind()) {
            case MCA -> mcaReply(request, reply, info, group, password, h);
            case PASSWORD -> passwordReply(request, reply, entry, group, h);
        };
        if (entry.kind() == AuthInfoTable.Kind.MCA || response.sessionToken().isPresent()) {
            ssl(h, "Destroy auth info for " + info.clientAddress());
            ssl(h, "Free auth info for " + info.clientAddress());
        }
        return response;
    }

    private static Refusal passwordOnMca(TunnelGroup group) {
        return new Refusal(Requirement.MCA_LIM_2, "tunnel group " + group.name()
                + " requires multiple-certificate authentication; a username/password is not accepted");
    }

    private AuthResponse mcaReply(AuthRequest request, ConfigAuth reply, AuthInfo info, TunnelGroup group,
                                  boolean password, String h) {
        ClientConnection conn = request.connection();
        if (password) {
            return refuse(h, conn, group, passwordOnMca(group), 200);
        }
        McaOutcome outcome;
        try {
            outcome = mca.verify(info, reply, conn.peerChain());
        } catch (RuntimeException e) {
            // A verifier bug must never let anyone in, nor take the gateway down.
            LOG.warn("MCA verification failed unexpectedly for handle {}", h, e);
            outcome = new McaOutcome.Refused(new Refusal(Requirement.MCA_PKI_4, "verification error: " + e.getClass().getSimpleName()));
        }
        if (outcome instanceof McaOutcome.Refused refused) {
            return refuse(h, conn, group, refused.refusal(), 200);
        }
        McaOutcome.Accepted ok = (McaOutcome.Accepted) outcome;
        ssl(h, "Resolved tunnel group (" + group.name() + "), Cert or URL mapped YES");
        ssl(h, "Attempting cert only login");
        return complete(request, reply, group, ok.username(), AuthMode.MULTIPLE_CERTIFICATE,
                subject(ok.first()), subject(ok.second()), h);
    }

    private AuthResponse passwordReply(AuthRequest request, ConfigAuth reply, AuthInfoTable.Entry entry, TunnelGroup group,
                                       String h) {
        ClientConnection conn = request.connection();
        String username = reply.authField("username").orElse("");
        String password = reply.authField("password").orElse(null);
        Optional<LocalUser> user = config.localUser(username);
        if (user.isPresent() && lockout.locked(user.get())) {
            LOG.info("login refused for locked-out user '{}' from {}", printable(username), conn.correlation());
            ssl(h, "User " + printable(username) + " is locked out (aaa local authentication attempts max-fail "
                    + lockout.limit() + ")");
            return send(h, GatewayMessages.error("Login failed: the account is locked after " + lockout.limit()
                    + " failed attempts (aaa local authentication attempts max-fail); an administrator must unlock it."));
        }
        // Compare even for unknown users so timing does not reveal which names exist.
        boolean ok = user.map(u -> u.passwordMatches(password)).orElseGet(() -> {
            new LocalUser("", "x", false, 0).passwordMatches(password);
            return false;
        });
        if (ok) {
            lockout.succeeded(user.get());
            ssl(h, "Attempting username/password login");
            X509Certificate cert = conn.hasCertificate() ? conn.peerChain().get(0) : null;
            return complete(request, reply, group, username, AuthMode.AAA,
                    cert == null ? null : CertificateText.subject(cert), null, h);
        }
        LOG.info("login failed for user '{}' from {} (tunnel group {})", printable(username), conn.correlation(), group.name());
        ssl(h, "Login failed for user " + printable(username));
        if (user.isPresent() && lockout.failed(user.get())) {
            LOG.warn("local user '{}' locked out after {} consecutive failed logins", printable(username), lockout.limit());
            ssl(h, "User " + printable(username) + " locked out on exceeding max-fail " + lockout.limit());
            return send(h, GatewayMessages.error("Login failed: the account is now locked after " + lockout.limit()
                    + " failed attempts (aaa local authentication attempts max-fail)."));
        }
        if (entry.failures() + 1 >= PASSWORD_TRIES) {
            ssl(h, "Too many failed logins; destroying auth info");
            return send(h, GatewayMessages.error("Login failed: too many attempts."));
        }
        AuthInfoTable.Entry again = table.reinstate(entry);
        return send(h, passwordForm(group, again.handle(), "Login failed."));
    }

    // ---------------------------------------------------------------- outcomes

    private AuthResponse complete(AuthRequest request, ConfigAuth message, TunnelGroup group, String username,
                                  AuthMode mode, String firstSubject, String secondSubject, String corr) {
        ClientConnection conn = request.connection();
        GroupPolicy policy = config.groupPolicyFor(group);
        if (mode != AuthMode.MULTIPLE_CERTIFICATE) { // the MCA verifier logs it where the seed does
            ssl(corr, "Authorization username = " + printable(username));
        }
        String clientVersion = request.userAgent() != null && !request.userAgent().isBlank()
                ? request.userAgent() : message.version();
        SessionDb.Opened opened = sessions.open(new Login(username, group.name(), policy.name(), conn.clientIp(),
                conn.clientPort(), conn.localPort(), mode, message.deviceId(), clientVersion, conn.tlsProtocol(),
                conn.cipherSuite(), firstSubject, secondSubject, policy.idleTimeout()),
                conn.hasCertificate() ? conn.peerChain().get(0) : null, // MCA-FLOW-7: the cookie is bound to it
                policy.simultaneousLogins());
        Session session = opened.session();
        ssl(corr, "Send auth complete");
        LOG.info("session {} opened: user '{}' tunnel group {} from {} ({})", session.index(), printable(username), group.name(),
                conn.correlation(), mode.display());
        byte[] body = GatewayMessages.complete(session.auditSessionId(), opened.token(), policy.bannerText());
        emitGenerated(corr, body);
        return new AuthResponse(200, body, Optional.of(opened.token()), Optional.empty());
    }

    private AuthResponse refuse(String corr, ClientConnection conn, TunnelGroup group, Refusal refusal, int status) {
        trace.emit(SSL, corr, refusal.text());
        LOG.info("refused {}{}: {}", conn.correlation(), group == null ? "" : " (tunnel group " + group.name() + ")",
                ClientText.line(refusal.text()));
        byte[] body = GatewayMessages.error(refusal.text());
        emitGenerated(corr, body);
        return new AuthResponse(status, body, Optional.empty(), Optional.of(refusal));
    }

    private AuthResponse send(String corr, byte[] body) {
        emitGenerated(corr, body);
        return AuthResponse.ok(body);
    }

    private void emitGenerated(String corr, byte[] body) {
        if (trace.enabled(XML)) {
            trace.emit(XML, corr, "Generated XML message below\n" + new String(body, StandardCharsets.UTF_8));
        }
    }

    private void ssl(String corr, String message) {
        if (trace.enabled(SSL)) {
            trace.emit(SSL, corr, message);
        }
    }

    /**
     * A received body for the trace, passwords masked from the parsed document (issue 14 #5). A body without
     * "password" in any case cannot hold an element the mask would cover, so it is shown as it came; an unparsable
     * one that mentions a password is withheld.
     */
    private static String shown(byte[] body) {
        String text = new String(body, StandardCharsets.UTF_8);
        if (!text.toLowerCase(Locale.ROOT).contains("password")) {
            return text;
        }
        try {
            return ConfigAuthParser.masked(body);
        } catch (ConfigAuthException e) {
            return "(" + body.length + " bytes not shown: not well-formed XML, and it mentions a password)";
        }
    }

    private static String subject(ValidatedCertificate c) {
        return c == null ? null : CertificateText.subject(c.leaf());
    }

    private static boolean isRoot(String path) {
        return path == null || path.isEmpty() || path.equals("/");
    }

    private static boolean hasText(String s) {
        return s != null && !s.isBlank();
    }

    private static String orNull(String s) {
        return s == null || s.isEmpty() ? "NULL" : printable(s);
    }

    /** Client-supplied text for a log line: bounded, control characters escaped. */
    static String printable(String s) {
        return ClientText.line(s, 80);
    }
}
