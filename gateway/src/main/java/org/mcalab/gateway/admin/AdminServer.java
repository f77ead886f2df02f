package org.mcalab.gateway.admin;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.mcalab.gateway.GatewayException;
import org.mcalab.gateway.config.AsaConfig;
import org.mcalab.gateway.session.Session;
import org.mcalab.gateway.session.SessionDb;
import org.mcalab.gateway.session.SessionView;
import org.mcalab.gateway.trace.DebugCategory;
import org.mcalab.gateway.trace.TraceEvent;
import org.mcalab.gateway.trace.TraceLog;

/**
 * The loopback admin endpoint (plain HTTP, JSON unless {@code format=text}):
 * <ul>
 *   <li>{@code GET /sessions[?detail=1][&format=text]} — the session database ({@code show vpn-sessiondb})</li>
 *   <li>{@code GET /crypto-ca[?format=text]} — {@code show crypto ca certificate}</li>
 *   <li>{@code GET /trace?since=N[&format=text]} — trace events after sequence N</li>
 *   <li>{@code POST /debug?category=CAT|all&on=true|false} — switch printing of a debug category</li>
 *   <li>{@code POST /sessions/{index}/logoff} — end a session</li>
 *   <li>{@code GET /health}</li>
 * </ul>
 */
public final class AdminServer {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final HttpServer server;
    private final ExecutorService executor;
    private final SessionDb sessions;
    private final TraceLog trace;
    private final AsaConfig config;
    private final Clock clock;

    private AdminServer(HttpServer server, ExecutorService executor, SessionDb sessions, TraceLog trace, AsaConfig config,
                        Clock clock) {
        this.server = server;
        this.executor = executor;
        this.sessions = sessions;
        this.trace = trace;
        this.config = config;
        this.clock = clock;
    }

    public static AdminServer start(InetSocketAddress address, SessionDb sessions, TraceLog trace, AsaConfig config,
                                    Clock clock) throws GatewayException {
        if (!address.getAddress().isLoopbackAddress()) {
            throw new GatewayException("the admin endpoint must listen on a loopback address, not "
                    + address.getAddress().getHostAddress());
        }
        HttpServer http;
        try {
            http = HttpServer.create(address, 16);
        } catch (BindException e) {
            throw new GatewayException("cannot listen on " + address.getAddress().getHostAddress() + ":" + address.getPort()
                    + " (admin): address already in use", e);
        } catch (IOException e) {
            throw new GatewayException("cannot start the admin endpoint: " + e.getMessage(), e);
        }
        ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "mcalab-admin");
            t.setDaemon(true);
            return t;
        });
        AdminServer admin = new AdminServer(http, executor, sessions, trace, config, clock);
        http.setExecutor(executor);
        http.createContext("/", admin::handle);
        http.start();
        return admin;
    }

    public InetSocketAddress address() {
        return server.getAddress();
    }

    public void stop() {
        server.stop(0);
        executor.shutdownNow();
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            String method = ex.getRequestMethod();
            String path = ex.getRequestURI().getPath();
            Map<String, String> q = query(ex.getRequestURI().getRawQuery());
            boolean text = "text".equals(q.get("format"));
            Instant now = clock.instant();
            if (method.equals("GET") && path.equals("/health")) {
                json(ex, 200, Map.of("status", "ok"));
            } else if (method.equals("GET") && path.equals("/sessions")) {
                List<Session> active = sessions.active();
                boolean detail = "1".equals(q.get("detail")) || "true".equals(q.get("detail"));
                if (text) {
                    text(ex, 200, detail ? SessionView.detail(active, now) : SessionView.summary(active, now));
                } else {
                    List<Map<String, Object>> list = new ArrayList<>();
                    active.forEach(s -> list.add(SessionView.json(s, now)));
                    json(ex, 200, Map.of("sessions", list));
                }
            } else if (method.equals("GET") && path.equals("/crypto-ca")) {
                if (text) {
                    text(ex, 200, CryptoCaView.render(config));
                } else {
                    json(ex, 200, Map.of("certificates", CryptoCaView.entries(config)));
                }
            } else if (method.equals("GET") && path.equals("/trace")) {
                trace(ex, q, text);
            } else if (method.equals("POST") && path.equals("/debug")) {
                debug(ex, q);
            } else if (method.equals("POST") && path.matches("/sessions/\\d{1,9}/logoff")) {
                int index = Integer.parseInt(path.split("/")[2]);
                if (sessions.end(index, "Administrator Reset")) {
                    json(ex, 200, Map.of("loggedOff", index));
                } else {
                    json(ex, 404, Map.of("error", "no active session with index " + index));
                }
            } else {
                json(ex, 404, Map.of("error", "unknown admin request " + method + " " + path));
            }
        } catch (RuntimeException e) {
            json(ex, 500, Map.of("error", String.valueOf(e.getMessage())));
        }
    }

    private void trace(HttpExchange ex, Map<String, String> q, boolean text) throws IOException {
        long since;
        try {
            since = Long.parseLong(q.getOrDefault("since", "0"));
        } catch (NumberFormatException e) {
            json(ex, 400, Map.of("error", "since must be a number"));
            return;
        }
        List<TraceEvent> events = trace.eventsSince(since);
        if (text) {
            StringBuilder b = new StringBuilder();
            events.forEach(e -> b.append(trace.format(e)).append('\n'));
            text(ex, 200, b.toString());
            return;
        }
        List<Map<String, Object>> list = new ArrayList<>();
        for (TraceEvent e : events) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("seq", e.seq());
            m.put("time", e.time().toString());
            m.put("category", e.category().command());
            m.put("correlation", e.correlation());
            m.put("message", e.message());
            list.add(m);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("lastSeq", trace.lastSeq());
        body.put("events", list);
        json(ex, 200, body);
    }

    private void debug(HttpExchange ex, Map<String, String> q) throws IOException {
        String category = q.get("category");
        if (category == null || category.isBlank()) {
            json(ex, 400, Map.of("error", "missing category"));
            return;
        }
        boolean on = !"false".equalsIgnoreCase(q.getOrDefault("on", "true"));
        List<DebugCategory> targets;
        try {
            targets = category.equalsIgnoreCase("all") ? List.of(DebugCategory.values())
                    : List.of(DebugCategory.fromCommand(category));
        } catch (IllegalArgumentException e) {
            json(ex, 400, Map.of("error", e.getMessage()));
            return;
        }
        targets.forEach(c -> trace.print(c, on));
        EnumSet<DebugCategory> printing = EnumSet.noneOf(DebugCategory.class);
        printing.addAll(trace.printing());
        json(ex, 200, Map.of("printing", printing.stream().map(DebugCategory::command).toList()));
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> q = new HashMap<>();
        if (raw == null || raw.isEmpty()) {
            return q;
        }
        for (String part : raw.split("&")) {
            int eq = part.indexOf('=');
            String k = URLDecoder.decode(eq < 0 ? part : part.substring(0, eq), StandardCharsets.UTF_8);
            String v = eq < 0 ? "" : URLDecoder.decode(part.substring(eq + 1), StandardCharsets.UTF_8);
            q.put(k, v);
        }
        return q;
    }

    private static void json(HttpExchange ex, int status, Object body) throws IOException {
        send(ex, status, "application/json", JSON.writeValueAsBytes(body));
    }

    private static void text(HttpExchange ex, int status, String body) throws IOException {
        send(ex, status, "text/plain; charset=utf-8", body.getBytes(StandardCharsets.UTF_8));
    }

    private static void send(HttpExchange ex, int status, String type, byte[] body) throws IOException {
        ex.getResponseHeaders().set("Content-Type", type);
        ex.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(body);
        }
    }
}
