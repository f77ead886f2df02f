package org.mcalab.gateway.admin;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;

/**
 * The admin endpoint's Host rule: {@code localhost} or a loopback IP literal ({@code 127.0.0.0/8}, {@code [::1]}),
 * with the endpoint's own port. A DNS name that happens to resolve to loopback (rebinding) does not match.
 */
final class LoopbackHost {
    private LoopbackHost() {}

    static boolean matches(String hostHeader, int port) {
        String h = hostHeader.trim().toLowerCase(Locale.ROOT);
        int colon = h.lastIndexOf(':');
        if (colon < 0 || !h.substring(colon + 1).equals(Integer.toString(port))) {
            return false;
        }
        String name = h.substring(0, colon);
        if (name.equals("localhost")) {
            return true;
        }
        if (name.startsWith("[") && name.endsWith("]")) {
            name = name.substring(1, name.length() - 1);
            if (!name.matches("[0-9a-f:.]+")) {
                return false;
            }
        } else if (!name.matches("\\d{1,3}(\\.\\d{1,3}){3}")) {
            return false; // only literals: InetAddress.getByName would resolve a name
        }
        try {
            return InetAddress.getByName(name).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
