package org.mcalab.cli;

import java.net.InetSocketAddress;

/** "HOST:PORT", ":PORT" (loopback) or "[v6]:PORT", as typed on the command line. */
final class HostPort {
    private HostPort() {}

    static InetSocketAddress parse(String option, String text) {
        String t = text.trim();
        int colon = t.lastIndexOf(':');
        if (colon < 0) {
            throw new UsageException(option + ": expected HOST:PORT, got '" + text + "'");
        }
        String host = t.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        if (host.isEmpty()) {
            host = "127.0.0.1";
        }
        int port;
        try {
            port = Integer.parseInt(t.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new UsageException(option + ": '" + t.substring(colon + 1) + "' is not a port number");
        }
        if (port < 0 || port > 65535) {
            throw new UsageException(option + ": port " + port + " is out of range");
        }
        InetSocketAddress a = new InetSocketAddress(host, port);
        if (a.isUnresolved()) {
            throw new UsageException(option + ": cannot resolve host '" + host + "'");
        }
        return a;
    }
}
