package org.mcalab.cli;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** Talks to a running gateway's loopback admin endpoint; an unreachable endpoint is a usage error (exit 2). */
final class AdminClient {
    static final String DEFAULT = "127.0.0.1:8444";

    private final InetSocketAddress address;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();

    AdminClient(String hostPort) {
        this.address = HostPort.parse("--admin", hostPort);
    }

    String get(String pathAndQuery) {
        return send(HttpRequest.newBuilder(uri(pathAndQuery)).GET());
    }

    String post(String pathAndQuery) {
        return send(HttpRequest.newBuilder(uri(pathAndQuery)).POST(HttpRequest.BodyPublishers.noBody()));
    }

    private URI uri(String pathAndQuery) {
        String host = address.getAddress().getHostAddress();
        return URI.create("http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + address.getPort() + pathAndQuery);
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
        if (r.statusCode() != 200) {
            throw new UsageException("admin endpoint answered " + r.statusCode() + ": " + r.body().strip().replace('\n', ' '));
        }
        return r.body();
    }
}
