package org.mcalab.lab;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.random.RandomGenerator;
import java.util.regex.Pattern;
import org.mcalab.fixtures.Manifest;

/**
 * Serves a minted PKI's CRLs ({@code DIR/crl/NAME.crl}) over HTTP on a loopback address, at the URL its
 * certificates' distribution points name, so the gateway fetches them as it would in production (MCA-PKI-3).
 * The embedded gateways (suite, load, soak) mint onto an ephemeral port; {@code mcalab gateway} serves the port
 * {@code pki init} chose (README, "The reference gateway").
 */
public final class CrlServer implements AutoCloseable {
    private static final Pattern NAME = Pattern.compile("[a-z0-9-]+\\.crl");
    /**
     * {@code pki init} picks its CRL port here: below Linux's ephemeral range (32768-60999), so no outgoing
     * connection holds it when the gateway starts later, and random, so two minted PKIs rarely share one.
     */
    private static final int MINT_PORT_FROM = 20000;
    private static final int MINT_PORT_TO = 32768;

    private final HttpServer server;
    private final String path;

    private CrlServer(HttpServer server, String path) {
        this.server = server;
        this.path = path;
    }

    /** On an ephemeral 127.0.0.1 port under {@code /crl/}; {@link #baseUrl()} is what the PKI is minted with. */
    public static CrlServer ephemeral(Path crlDir) throws IOException {
        return start(crlDir, new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), "/crl/");
    }

    /**
     * At exactly the address and path of {@code baseUrl} (a loopback http URL, see {@link #servable}).
     *
     * @throws java.net.BindException when the port is taken
     */
    public static CrlServer at(Path crlDir, URI baseUrl) throws IOException {
        InetAddress host = servable(baseUrl).orElseThrow(() -> new IllegalArgumentException(
                "not a loopback http URL with a port: " + baseUrl));
        return start(crlDir, new InetSocketAddress(host, baseUrl.getPort()), baseUrl.getPath());
    }

    /** The loopback address a CRL base URL names, when it is {@code http://LOOPBACK:PORT/...}: only those are ours to serve. */
    public static Optional<InetAddress> servable(URI baseUrl) {
        if (!"http".equalsIgnoreCase(baseUrl.getScheme()) || baseUrl.getHost() == null || baseUrl.getPort() <= 0) {
            return Optional.empty();
        }
        try {
            InetAddress host = InetAddress.getByName(baseUrl.getHost());
            return host.isLoopbackAddress() ? Optional.of(host) : Optional.empty();
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }

    /**
     * The CRL base URL {@code pki init} mints by default: {@code http://127.0.0.1:PORT/crl/} with a random port of
     * {@code [20000, 32768)} that is free right now (no fixed port that another server on the host may hold).
     */
    public static String mintTimeBaseUrl(RandomGenerator random) {
        for (int attempt = 0; attempt < 50; attempt++) {
            int port = random.nextInt(MINT_PORT_FROM, MINT_PORT_TO);
            try (ServerSocket probe = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
                return "http://127.0.0.1:" + port + "/crl/";
            } catch (IOException taken) {
                // try another
            }
        }
        throw new LabException("no free loopback port in " + MINT_PORT_FROM + "-" + (MINT_PORT_TO - 1)
                + " for the CRL distribution points; pass --crl-base-url");
    }

    /**
     * What {@code mcalab gateway} does about revocation for a config file: when it sits beside a minted PKI
     * ({@code manifest.json} and {@code crl/}) whose distribution points are a loopback http URL, it serves that
     * {@code crl/} there; otherwise nothing is served and the line says why.
     *
     * @param server empty when nothing is served
     * @param line   the start-up line for stderr, or null when the config is not beside a minted PKI
     */
    public record Beside(Optional<CrlServer> server, String line) {}

    /** @throws LabException when the PKI's CRL address cannot be bound (exit 2) */
    public static Beside besideConfig(Path config) {
        Path dir = config.toAbsolutePath().getParent();
        Path crlDir = dir.resolve("crl");
        if (!Files.isRegularFile(dir.resolve(Manifest.FILE)) || !Files.isDirectory(crlDir)) {
            return new Beside(Optional.empty(), null);
        }
        URI url;
        try {
            url = URI.create(Manifest.read(dir).crlBaseUrl());
        } catch (RuntimeException e) {
            return new Beside(Optional.empty(), "warning: not serving " + crlDir + ": " + e.getMessage());
        }
        if (servable(url).isEmpty()) {
            return new Beside(Optional.empty(), "crl: the minted certificates point at " + url
                    + " (not a loopback http address), so this gateway does not serve " + crlDir);
        }
        try {
            CrlServer server = at(crlDir, url);
            return new Beside(Optional.of(server), "crl: serving " + crlDir + " at " + server.baseUrl()
                    + " (the minted CRL distribution points)");
        } catch (IOException e) {
            String reason = e instanceof BindException ? "address already in use" : e.getMessage();
            throw new LabException("cannot serve the minted CRLs at " + url + ": " + reason
                    + " (is another 'mcalab gateway' on " + dir + " running? then add --no-crl-server; otherwise "
                    + "re-mint with 'mcalab pki init --out " + dir + " --force' for a new port)", e);
        }
    }

    private static CrlServer start(Path crlDir, InetSocketAddress address, String path) throws IOException {
        String prefix = path == null || path.isEmpty() ? "/" : path.endsWith("/") ? path : path + "/";
        HttpServer server = HttpServer.create(address, 16);
        server.createContext(prefix, exchange -> serve(exchange, crlDir, prefix));
        server.start();
        return new CrlServer(server, prefix);
    }

    /** Where the CRLs are served, e.g. {@code http://127.0.0.1:40111/crl/}. */
    public String baseUrl() {
        InetSocketAddress a = server.getAddress();
        String host = a.getAddress().getHostAddress();
        return "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + a.getPort() + path;
    }

    private static void serve(HttpExchange exchange, Path crlDir, String prefix) throws IOException {
        try (exchange) {
            String name = exchange.getRequestURI().getPath().substring(prefix.length());
            Path file = crlDir.resolve(name);
            if (!exchange.getRequestMethod().equals("GET") || !NAME.matcher(name).matches() || !Files.isRegularFile(file)) {
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            byte[] crl = Files.readAllBytes(file);
            exchange.getResponseHeaders().set("Content-Type", "application/pkix-crl");
            exchange.sendResponseHeaders(200, crl.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(crl);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
