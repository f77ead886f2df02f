package org.mcalab.cli;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import org.mcalab.gateway.admin.AdminTokenFile;
import org.mcalab.lab.AdminEndpoint;

/**
 * Talks to a running gateway's loopback admin endpoint with the token the gateway left in its token file;
 * an unreachable endpoint or a refused request is a usage error (exit 2).
 */
final class AdminClient {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final AdminEndpoint endpoint;
    private final Path tokenFile;

    AdminClient(AdminOptions options) {
        var address = options.address();
        this.tokenFile = options.tokenFile(address.getPort());
        this.endpoint = new AdminEndpoint(address, AdminTokenFile.read(tokenFile));
    }

    String get(String pathAndQuery) {
        try {
            return checked(endpoint.get(pathAndQuery, TIMEOUT));
        } catch (IOException e) {
            throw unreachable();
        }
    }

    String post(String pathAndQuery) {
        try {
            return checked(endpoint.post(pathAndQuery, TIMEOUT));
        } catch (IOException e) {
            throw unreachable();
        }
    }

    private UsageException unreachable() {
        if (Thread.currentThread().isInterrupted()) {
            return new UsageException("interrupted");
        }
        return new UsageException("cannot reach the gateway admin endpoint at "
                + endpoint.address().getAddress().getHostAddress() + ":" + endpoint.address().getPort()
                + " (is 'mcalab gateway' running?)");
    }

    private String checked(HttpResponse<String> r) {
        if (r.statusCode() == 401 && !endpoint.hasToken()) {
            throw new UsageException("the admin endpoint wants its token and there is none in " + tokenFile
                    + " (run as the user who started the gateway, or pass --admin-token-file)");
        }
        if (r.statusCode() != 200) {
            throw new UsageException("admin endpoint answered " + r.statusCode() + ": " + r.body().strip().replace('\n', ' '));
        }
        return r.body();
    }
}
