package org.mcalab.load.soak;

import org.mcalab.conformance.robustness.BadInput;

import org.mcalab.lab.GatewayUnderTest;

import java.io.IOException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Map.Entry;
import java.util.OptionalInt;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.mcalab.fixtures.Credential;
import org.mcalab.protocol.Requirement;
import org.mcalab.client.ClientIdentity;
import org.mcalab.client.Connection;
import org.mcalab.client.GatewayClient;
import org.mcalab.client.HttpResponse;
import org.mcalab.client.mca.CredentialStore;
import org.mcalab.client.mca.McaLogin;
import org.mcalab.conformance.mca.Observation;
import org.mcalab.client.mca.Profile;
import org.mcalab.client.mca.UserCertificate;
import org.mcalab.lab.Target;
import org.mcalab.client.tunnel.TunnelClient;
import org.mcalab.client.tunnel.TunnelException;
import org.mcalab.client.tunnel.TunnelSession;

/**
 * Churn at a fixed rate against one gateway: MCA logins (each with a CSTP tunnel and a ping through it when
 * {@link SoakOptions#tunnels()}),
 * logouts, and bad clients (malformed XML, XXE, billion laughs, oversize bodies, replayed auth-replies, made-up
 * cookies). Afterwards every client has logged out, and the gateway must be back where it started: no session,
 * no pending auth-info, every pool address leasable again, heap after GC within {@link SoakFigures#HEAP_TOLERANCE} (MCA-ROB-3).
 *
 * <p>Each tick starts one action, in a cycle of ten: login, logout, login, logout, login, logout, login, logout,
 * bad client, bad client (the bad clients in turn).
 */
public final class Soak {
    static final String GROUP = "/MCA";
    static final String TLS_CREDENTIAL = "machine";
    static final String XML_CREDENTIAL = "user";
    private static final int SAMPLES = 10;
    private static final SecureRandom RANDOM = new SecureRandom();
    /** An echo host of the reference gateway's inside network (the seed's split network 192.168.1.0/24). */
    private static final java.net.Inet4Address INSIDE_HOST = inside("192.168.1.1");

    private final Target target;
    private final GatewayUnderTest gateway;
    private final GatewayUnderTest.Sessions sessions;
    private final SoakOptions options;
    private final GatewayClient client;
    private final CredentialStore credentials;

    /** A logged-in client: its token, and its tunnel when it has one. */
    private record Live(String token, TunnelSession tunnel) {}

    private final Deque<Live> live = new ConcurrentLinkedDeque<>();
    private final AtomicInteger logins = new AtomicInteger();
    private final AtomicInteger loginFailures = new AtomicInteger();
    private final AtomicInteger tunnels = new AtomicInteger();
    private final AtomicInteger logouts = new AtomicInteger();
    private final AtomicInteger unexpectedCount = new AtomicInteger();
    private final AtomicInteger skipped = new AtomicInteger();
    private final List<String> unexpected = Collections.synchronizedList(new ArrayList<>());
    private final Map<BadInput, AtomicInteger[]> bad = new EnumMap<>(BadInput.class);
    private final AtomicLong tick = new AtomicLong();

    private Soak(Target target, SoakOptions options) {
        this.target = target;
        this.gateway = target.gateway();
        this.sessions = gateway.sessions().filter(s -> gateway.pendingAuths().isPresent())
                .orElseThrow(() -> new IllegalArgumentException("a soak reads the gateway's session database and pending "
                        + "auth-infos: " + gateway.where() + " does not offer them"));
        this.options = options;
        this.client = new GatewayClient(target.url(), target.trust(), Duration.ofSeconds(20));
        this.credentials = new CredentialStore(target.pki());
        for (BadInput b : BadInput.values()) {
            bad.put(b, new AtomicInteger[] {new AtomicInteger(), new AtomicInteger()});
        }
    }

    /**
     * Runs the soak; blocks for about {@code options.duration()} plus the drain.
     *
     * @throws IllegalArgumentException when the target's gateway cannot tell its sessions, pending auth-infos and heap
     */
    public static SoakFigures run(Target target, SoakOptions options) throws InterruptedException {
        return new Soak(target, options).run();
    }

    private SoakFigures run() throws InterruptedException {
        warmUp();
        int sessions0 = activeSessions();
        int pending0 = pendingAuths();
        long heap0 = heapAfterGc();

        long started = System.nanoTime();
        ExecutorService workers = Executors.newFixedThreadPool(options.workers(), daemon("soak-client"));
        ScheduledExecutorService pacer = Executors.newSingleThreadScheduledExecutor(daemon("soak-pacer"));
        Semaphore slots = new Semaphore(options.workers());
        long periodNanos = (long) (1_000_000_000L / options.rate());
        pacer.scheduleAtFixedRate(() -> {
            if (!slots.tryAcquire()) {
                skipped.incrementAndGet();
                return;
            }
            long n = tick.getAndIncrement();
            workers.execute(() -> {
                try {
                    act(n);
                } finally {
                    slots.release();
                }
            });
        }, 0, periodNanos, TimeUnit.NANOSECONDS);
        Thread.sleep(options.duration().toMillis());
        pacer.shutdownNow();
        pacer.awaitTermination(5, TimeUnit.SECONDS);
        workers.shutdown();
        if (!workers.awaitTermination(2, TimeUnit.MINUTES)) {
            unexpected("clients still busy two minutes after the end");
            workers.shutdownNow();
        }
        for (Live l; (l = live.poll()) != null; ) {
            logout(l);
        }
        Duration ran = Duration.ofNanos(System.nanoTime() - started);
        settle(sessions0, pending0);
        OptionalInt leased = options.tunnels() && gateway.poolSize().isPresent()
                ? OptionalInt.of(gateway.poolSize().getAsInt() - leaseWholePool(gateway.poolSize().getAsInt()))
                : OptionalInt.empty();
        settle(sessions0, pending0);

        Map<String, SoakFigures.Refused> badFigures = new LinkedHashMap<>();
        for (Entry<BadInput, AtomicInteger[]> e : bad.entrySet()) {
            if (e.getValue()[0].get() > 0) {
                badFigures.put(e.getKey().label(), new SoakFigures.Refused(e.getValue()[0].get(), e.getValue()[1].get()));
            }
        }
        List<String> samples;
        synchronized (unexpected) {
            samples = List.copyOf(unexpected);
        }
        return new SoakFigures(ran, options.rate(), logins.get(), loginFailures.get(), tunnels.get(), logouts.get(),
                badFigures, samples, unexpectedCount.get(), skipped.get(), activeSessions() - sessions0,
                pendingAuths() - pending0, leased, heap0, heapAfterGc());
    }

    private int activeSessions() {
        return sessions.held().sessions();
    }

    private long heapAfterGc() {
        return gateway.heapAfterGc().orElseThrow(() -> new IllegalStateException(gateway.where() + " cannot tell its heap"));
    }

    private int pendingAuths() {
        return gateway.pendingAuths().getAsInt();
    }

    /** One of each action before the baseline, so loaded classes, caches and pools are not counted as growth. */
    private void warmUp() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            login();
            for (Live l; (l = live.poll()) != null; ) {
                logout(l);
            }
        }
        // Then as the run does it, from all client threads at once, so every gateway event loop has served
        // connections and holds its per-thread buffer caches and pool-arena chunks before the heap baseline: filled
        // later, those bounded caches read as a 25-47 % "leak" in a 12-second soak.
        ExecutorService warm = Executors.newFixedThreadPool(options.workers(), daemon("soak-warmup"));
        for (int i = 0; i < options.workers() * 4; i++) {
            warm.execute(() -> {
                login();
                for (Live l; (l = live.poll()) != null; ) {
                    logout(l);
                }
            });
        }
        warm.shutdown();
        if (!warm.awaitTermination(2, TimeUnit.MINUTES)) {
            warm.shutdownNow();
        }
        for (BadInput b : BadInput.values()) {
            badClient(b);
            for (Live l; (l = live.poll()) != null; ) {
                logout(l);
            }
        }
        logins.set(0);
        loginFailures.set(0);
        tunnels.set(0);
        logouts.set(0);
        bad.values().forEach(c -> {
            c[0].set(0);
            c[1].set(0);
        });
    }

    /** Waits (briefly) for asynchronous clean-up, e.g. a tunnel closing after its session ended. */
    private void settle(int sessions0, int pending0) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline && (activeSessions() > sessions0
                || pendingAuths() > pending0)) {
            Thread.sleep(100);
        }
    }

    private void act(long n) {
        int slot = (int) (n % 10);
        if (slot < 8) {
            if (slot % 2 == 0) {
                login();
            } else {
                Live l = live.poll();
                if (l != null) {
                    logout(l);
                }
            }
        } else {
            BadInput[] all = BadInput.values();
            badClient(all[(int) ((n / 10 * 2 + (slot - 8)) % all.length)]);
        }
    }

    // ------------------------------------------------------------------ good clients

    private void login() {
        try {
            String token = mcaLogin();
            if (token == null) {
                return;
            }
            logins.incrementAndGet();
            TunnelSession tunnel = null;
            if (options.tunnels()) {
                try {
                    tunnel = tunnel(token);
                    tunnel.ping(INSIDE_HOST, 56);
                    tunnels.incrementAndGet();
                } catch (TunnelException e) {
                    unexpected("tunnel failed: " + e.getMessage());
                    if (tunnel != null) {
                        tunnel.close();
                        tunnel = null;
                    }
                }
            }
            live.add(new Live(token, tunnel));
        } catch (IOException | RuntimeException e) {
            loginFailures.incrementAndGet();
            unexpected("login failed: " + e);
        }
    }

    /** The client's openconnect-shaped MCA login; the token, or null (counted) when refused. */
    private String mcaLogin() throws IOException {
        Observation o = Observation.of(goodLogin().answer());
        if (!o.accepted() || o.sessionToken() == null) {
            loginFailures.incrementAndGet();
            unexpected("login refused: " + o.text());
            return null;
        }
        return o.sessionToken();
    }

    private TunnelSession tunnel(String token) throws TunnelException {
        Credential tls = credentials.get(TLS_CREDENTIAL);
        return TunnelClient.connect(TunnelClient.Config.of(target.url(), token, target.pki().caBundle())
                .withClientCertificate(tls.privateKey(), tls.chain()));
    }

    /** A tunnel logs out with its BYE (as openconnect does); a session without one through the gateway. */
    private void logout(Live l) {
        if (l.tunnel() != null) {
            l.tunnel().close();
            logouts.incrementAndGet();
        } else if (sessions.logoff(l.token())) {
            logouts.incrementAndGet();
        } else {
            unexpected("logout found no session for a token the gateway issued");
        }
    }

    /** Leases every pool address at once (logins with tunnels), then logs them all out; returns how many got one. */
    private int leaseWholePool(int size) throws InterruptedException {
        List<Live> held = new ArrayList<>();
        int leased = 0;
        try {
            for (int i = 0; i < size; i++) {
                try {
                    String token = mcaLogin();
                    if (token == null) {
                        continue;
                    }
                    TunnelSession t = null;
                    try {
                        t = tunnel(token);
                        leased++;
                    } catch (TunnelException e) {
                        // an address that never came back: this lease fails (503 pool exhausted)
                    }
                    held.add(new Live(token, t));
                } catch (IOException e) {
                    unexpected("pool check login failed: " + e);
                }
            }
        } finally {
            held.forEach(this::logout);
        }
        Thread.sleep(200);
        return leased;
    }

    // ------------------------------------------------------------------ bad clients

    private void badClient(BadInput b) {
        bad.get(b)[0].incrementAndGet();
        try {
            Observation o = switch (b) {
                case REPLAY -> replay();
                case BAD_COOKIE -> badCookie();
                default -> post(b.body(client.groupAccess(GROUP)));
            };
            if (o.accepted()) {
                unexpected(b.label() + " was let in");
                live.add(new Live(o.sessionToken(), null));
            } else if (o.cited() == b.expected()) {
                bad.get(b)[1].incrementAndGet();
            } else {
                unexpected(b.label() + ": expected a " + b.expected().id() + " refusal, got " + o.text());
            }
        } catch (IOException | RuntimeException e) {
            unexpected(b.label() + ": " + e);
        }
    }

    private Observation post(byte[] body) throws IOException {
        try (Connection c = client.open(ClientIdentity.of(credentials.get(TLS_CREDENTIAL)))) {
            return Observation.of(c.post(GROUP, body, Profile.LINUX.userAgent(), null));
        }
    }

    /** openconnect's MCA login with the soak's machine (TLS) and user (XML) certificates. */
    private McaLogin.Result goodLogin() throws IOException {
        return McaLogin.openconnect(client.groupAccess(GROUP)).run(client, GROUP, Profile.LINUX.userAgent(),
                ClientIdentity.of(credentials.get(TLS_CREDENTIAL)), UserCertificate.of(credentials.get(XML_CREDENTIAL)),
                McaLogin.Hook.NONE);
    }

    /** A good login, then the identical auth-reply again on a new connection (MCA-ROB-4). */
    private Observation replay() throws IOException {
        McaLogin.Result first = goodLogin();
        if (first.reply() == null) {
            throw new IOException("no MCA request to replay: " + Observation.of(first.answer()).text());
        }
        Observation login = Observation.of(first.answer());
        if (!login.accepted()) {
            throw new IOException("the login to replay was refused: " + login.text());
        }
        live.add(new Live(login.sessionToken(), null));
        return post(first.reply());
    }

    private Observation badCookie() throws IOException {
        byte[] made = new byte[32];
        RANDOM.nextBytes(made);
        try (Connection c = client.open(ClientIdentity.of(credentials.get(TLS_CREDENTIAL)))) {
            HttpResponse r = c.connectTunnel(HexFormat.of().formatHex(made), Profile.LINUX.userAgent());
            if (r.status() == 401) {
                return Observation.reject(Requirement.MCA_FLOW_7, "HTTP 401 to CONNECT with a made-up cookie");
            }
            return r.status() == 200 ? Observation.accept(null, "HTTP 200 to CONNECT with a made-up cookie")
                    : Observation.reject("HTTP " + r.status() + " " + r.reason());
        }
    }

    private void unexpected(String what) {
        unexpectedCount.incrementAndGet();
        synchronized (unexpected) {
            if (unexpected.size() < SAMPLES) {
                unexpected.add(what);
            }
        }
    }

    private static java.net.Inet4Address inside(String address) {
        try {
            return (java.net.Inet4Address) java.net.InetAddress.getByName(address);
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
