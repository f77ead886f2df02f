package org.mcalab.cli;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * Serves the minted CRLs ({@code DIR/crl/NAME.crl}) on an ephemeral 127.0.0.1 port, so the embedded gateway
 * fetches them from the certificates' distribution points as it would in production (MCA-PKI-3).
 */
final class EmbeddedCrlServer implements AutoCloseable {
    private static final Pattern NAME = Pattern.compile("[a-z0-9-]+\\.crl");

    private final HttpServer server;

    private EmbeddedCrlServer(HttpServer server) {
        this.server = server;
    }

    /** @param crlDir the directory the CRLs are (or will be) in; read on each request */
    static EmbeddedCrlServer start(Path crlDir) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        server.createContext("/crl/", exchange -> serve(exchange, crlDir));
        server.start();
        return new EmbeddedCrlServer(server);
    }

    /** The --crl-base-url the PKI is minted with, e.g. {@code http://127.0.0.1:40111/crl/}. */
    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/crl/";
    }

    private static void serve(HttpExchange exchange, Path crlDir) throws IOException {
        try (exchange) {
            String name = exchange.getRequestURI().getPath().substring("/crl/".length());
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
