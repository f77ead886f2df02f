package org.mcalab.conformance.suite;

import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.mcalab.client.Connection;
import org.mcalab.client.GatewayClient;
import org.mcalab.client.HttpResponse;
import org.mcalab.conformance.mca.Attempt;
import org.mcalab.client.mca.Profile;

/**
 * Logs out every session the run logged in, as openconnect does on exit: CONNECT with the cookie over the TLS
 * identity the session was issued to, then the CSTP BYE 0xB0 (docs/protocol.md §12.1). A gateway that refuses the CONNECT
 * (401: the cookie is already dead) has nothing left to log out.
 */
final class Logout {
    private Logout() {}

    /** Logs the sessions out; returns one line for the report, e.g. "12 of 12 (CONNECT + BYE)". */
    static String all(GatewayClient client, List<Attempt.IssuedSession> sessions, Duration timeout) {
        Set<String> done = new LinkedHashSet<>();
        int loggedOut = 0;
        int dead = 0;
        int failed = 0;
        for (Attempt.IssuedSession s : sessions) {
            if (!done.add(s.token())) {
                continue;
            }
            try (Connection c = client.open(s.identity())) {
                HttpResponse r = c.connectTunnel(s.token(), Profile.LINUX.userAgent());
                if (r.status() == 200) {
                    c.sendBye();
                    loggedOut++;
                } else if (r.status() == 401 || r.status() == 403) {
                    dead++;
                } else {
                    failed++;
                }
            } catch (IOException e) {
                failed++;
            }
        }
        if (done.isEmpty()) {
            return "none (no session was issued)";
        }
        return loggedOut + " of " + done.size() + " logged out (CONNECT + BYE)"
                + (dead > 0 ? ", " + dead + " already ended (CONNECT refused)" : "")
                + (failed > 0 ? ", " + failed + " could not be reached" : "");
    }
}
