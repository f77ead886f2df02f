package org.mcalab.cli;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import org.mcalab.gateway.admin.AdminTokenFile;
import picocli.CommandLine.Option;

/** Where the admin endpoint listens and where its token file is: shared by {@code gateway}, {@code show}, {@code debug}. */
final class AdminOptions {
    static final String DEFAULT = "127.0.0.1:8444";

    @Option(names = "--admin", paramLabel = "HOST:PORT", description = "Loopback admin endpoint (default: ${DEFAULT-VALUE}).")
    String admin = DEFAULT;

    @Option(names = "--admin-token-file", paramLabel = "FILE",
            description = "The admin token file (default: $XDG_RUNTIME_DIR/mcalab/admin-PORT.token, else "
                    + "~/.mcalab/admin-PORT.token; the gateway writes it 0600 at start-up).")
    Path tokenFile;

    InetSocketAddress address() {
        return HostPort.parse("--admin", admin);
    }

    /** The token file for the endpoint at {@code port} (the bound one when --admin asked for port 0). */
    Path tokenFile(int port) {
        return tokenFile != null ? tokenFile : AdminTokenFile.defaultFor(port);
    }
}
