package org.mcalab.gateway.session;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.nio.charset.StandardCharsets;
import org.mcalab.gateway.trace.ClientText;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The session database. A session exists only after a complete, successful login (MCA-FLOW-7), so a token
 * not found here (bogus, from a failed or an unfinished attempt, or logged off) is refused on CONNECT.
 * Thread-safe.
 */
public final class SessionDb {
    /** The logoff reason when a user exceeds vpn-simultaneous-logins (as the ASA words it). */
    public static final String MAX_LOGINS_EXCEEDED = "Max logins exceeded";
    private static final Logger LOG = LoggerFactory.getLogger(SessionDb.class);

    private final Clock clock;
    private final SecureRandom random;
    private final String gatewayIdHex;
    private final AtomicInteger nextIndex = new AtomicInteger(1);
    private final Map<Integer, Session> byIndex = new ConcurrentHashMap<>();
    private final Map<String, Session> byToken = new ConcurrentHashMap<>();
    private final List<Consumer<Session>> endListeners = new CopyOnWriteArrayList<>();

    /**
     * @param gatewayIdHex 8 hex digits that start every audit session id (the ASA uses its outside address:
     *                     "0ac5df51" is 10.197.223.81)
     */
    public SessionDb(Clock clock, SecureRandom random, String gatewayIdHex) {
        this.clock = clock;
        this.random = random;
        this.gatewayIdHex = gatewayIdHex;
    }

    /** A new session and its token: the only moment the full token leaves the database. */
    public record Opened(Session session, String token) {}

    /** As {@link #open(Login, X509Certificate, int)} for a login made without a TLS certificate. */
    public Opened open(Login login, int simultaneousLogins) {
        return open(login, null, simultaneousLogins);
    }

    /**
     * Opens the session and then holds its user to {@code vpn-simultaneous-logins} as an ASA does at login: when
     * the user now has more than {@code simultaneousLogins} active sessions, the oldest are logged off.
     *
     * @param tlsCertificate     the login connection's TLS client certificate (see {@link #open(Login, X509Certificate)})
     * @param simultaneousLogins the group policy's limit; 0 or less for none
     */
    public synchronized Opened open(Login login, X509Certificate tlsCertificate, int simultaneousLogins) {
        Opened opened = open(login, tlsCertificate);
        enforceSimultaneousLogins(opened.session(), simultaneousLogins);
        return opened;
    }

    /**
     * Logs off the oldest active sessions of {@code keep}'s user beyond {@code limit}, never {@code keep} itself
     * (the login or tunnel that triggered the check). Used at login and again when a tunnel comes up.
     *
     * @return the sessions logged off
     */
    public synchronized List<Session> enforceSimultaneousLogins(Session keep, int limit) {
        if (limit <= 0) {
            return List.of();
        }
        String user = keep.login().username();
        List<Session> others = new ArrayList<>(active().stream()
                .filter(x -> x.login().username().equals(user) && x.index() != keep.index()).toList());
        others.sort(Comparator.comparing(Session::loginTime).thenComparingInt(Session::index));
        int excess = others.size() + 1 - limit;
        List<Session> ended = new ArrayList<>();
        for (Session old : others.subList(0, Math.max(0, Math.min(excess, others.size())))) {
            LOG.info("user {}: more than {} simultaneous logins; logging off the oldest session {}", ClientText.line(user),
                    limit, old.index());
            if (end(old.index(), MAX_LOGINS_EXCEEDED)) {
                ended.add(old);
            }
        }
        return ended;
    }

    /** A session bound to no TLS certificate (a login made without one). */
    public Opened open(Login login) {
        return open(login, null);
    }

    /**
     * Creates the session and its token: 32 CSPRNG bytes, base64url without padding (never contains ';').
     *
     * @param tlsCertificate the login connection's TLS client certificate: a CONNECT must come with it
     *                       ({@link Session#connectRefusal}); null for none
     */
    public Opened open(Login login, X509Certificate tlsCertificate) {
        byte[] raw = new byte[32];
        random.nextBytes(raw);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
        int index = nextIndex.getAndIncrement();
        var now = clock.instant();
        String audit = gatewayIdHex + String.format("%08x%08x", index, now.getEpochSecond());
        Session s = new Session(index, login, token, audit, now, tlsCertificate);
        byIndex.put(index, s);
        byToken.put(token, s);
        return new Opened(s, token);
    }

    /** The active session holding this {@code webvpn} token. */
    public Optional<Session> findActive(String token) {
        if (token == null || token.isEmpty()) {
            return Optional.empty();
        }
        Session s = byToken.get(token);
        // The map lookup already matched; the constant-time compare keeps the check honest if lookup changes.
        if (s == null || !s.active()
                || !MessageDigest.isEqual(s.token().getBytes(StandardCharsets.US_ASCII), token.getBytes(StandardCharsets.US_ASCII))) {
            return Optional.empty();
        }
        return Optional.of(s);
    }

    public Optional<Session> byIndex(int index) {
        return Optional.ofNullable(byIndex.get(index));
    }

    /** Active sessions, by index. */
    public List<Session> active() {
        List<Session> list = new ArrayList<>();
        for (Session s : byIndex.values()) {
            if (s.active()) {
                list.add(s);
            }
        }
        list.sort((a, b) -> Integer.compare(a.index(), b.index()));
        return list;
    }

    /** Ends the session (logoff, idle timeout, admin): its token stops working; listeners (tunnels) are told. */
    public boolean end(int index, String reason) {
        Session s = byIndex.remove(index);
        if (s == null) {
            return false;
        }
        byToken.remove(s.token());
        s.end(reason);
        for (Consumer<Session> l : endListeners) {
            l.accept(s);
        }
        return true;
    }

    /** Called after a session ends, e.g. so the tunnel code closes its connections. */
    public void onEnd(Consumer<Session> listener) {
        endListeners.add(listener);
    }

    public int size() {
        return byIndex.size();
    }
}
