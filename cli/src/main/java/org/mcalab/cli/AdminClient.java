package org.mcalab.cli;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.mcalab.gateway.admin.AdminServer;
import org.mcalab.gateway.admin.AdminTokenFile;

/**
 * Talks to a running gateway's loopback admin endpoint with the token the gateway left in its token file;
 * an unreachable endpoint or a refused request is a usage error (exit 2).
 */
final class AdminClient {
    private final InetSocketAddress address;
    private final Path tokenFile;
    private final Optional<String> token;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();

    AdminClient(AdminOptions options) {
        this.address = options.address();
        this.tokenFile = options.tokenFile(address.getPort());
        this.token = AdminTokenFile.read(tokenFile);
    }

    String get(String pathAndQuery) {
        return send(request(pathAndQuery).GET());
    }

    String post(String pathAndQuery) {
        return send(request(pathAndQuery).POST(HttpRequest.BodyPublishers.noBody()));
    }

    private HttpRequest.Builder request(String pathAndQuery) {
        String host = address.getAddress().getHostAddress();
        HttpRequest.Builder b = HttpRequest.newBuilder(
                URI.create("http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + address.getPort() + pathAndQuery));
        token.ifPresent(t -> b.header(AdminServer.TOKEN_HEADER, t));
        return b;
    }

    private String send(HttpRequest.Builder request) {
        HttpResponse<String> r;
        try {
            r = http.send(request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UsageException("cannot reach the gateway admin endpoint at " + address.getAddress().getHostAddress() + ":"
                    + address.getPort() + " (is 'mcalab gateway' running?)");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UsageException("interrupted");
        }
        if (r.statusCode() == 401 && token.isEmpty()) {
            throw new UsageException("the admin endpoint wants its token and there is none in " + tokenFile
                    + " (run as the user who started the gateway, or pass --admin-token-file)");
        }
        if (r.statusCode() != 200) {
            throw new UsageException("admin endpoint answered " + r.statusCode() + ": " + r.body().strip().replace('\n', ' '));
        }
        return r.body();
    }
}
