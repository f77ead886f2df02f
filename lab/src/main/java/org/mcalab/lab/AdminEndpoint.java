package org.mcalab.lab;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import org.mcalab.gateway.admin.AdminServer;

/**
 * A running reference gateway's loopback admin endpoint (README "The reference gateway"), as a client: the CLI's
 * {@code show}, {@code debug} and {@code clear} commands and the {@link ForkedGateway} parent use it. It carries the
 * per-start token when there is one and leaves what a status means to the caller.
 */
public final class AdminEndpoint {
    private final InetSocketAddress address;
    private final Optional<String> token;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();

    public AdminEndpoint(InetSocketAddress address, Optional<String> token) {
        this.address = address;
        this.token = token;
    }

    public InetSocketAddress address() {
        return address;
    }

    public boolean hasToken() {
        return token.isPresent();
    }

    /** @param timeout how long the answer may take (a {@code /heap} request runs full garbage collections) */
    public HttpResponse<String> get(String pathAndQuery, Duration timeout) throws IOException {
        return send(request(pathAndQuery).GET(), timeout);
    }

    public HttpResponse<String> post(String pathAndQuery, Duration timeout) throws IOException {
        return send(request(pathAndQuery).POST(HttpRequest.BodyPublishers.noBody()), timeout);
    }

    private HttpRequest.Builder request(String pathAndQuery) {
        String host = address.getAddress().getHostAddress();
        HttpRequest.Builder b = HttpRequest.newBuilder(
                URI.create("http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + address.getPort() + pathAndQuery));
        token.ifPresent(t -> b.header(AdminServer.TOKEN_HEADER, t));
        return b;
    }

    private HttpResponse<String> send(HttpRequest.Builder request, Duration timeout) throws IOException {
        try {
            return http.send(request.timeout(timeout).build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }
}
