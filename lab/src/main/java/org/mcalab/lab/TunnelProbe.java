package org.mcalab.lab;

import java.io.IOException;
import java.util.List;
import java.util.Set;
import org.mcalab.protocol.Requirement;
import org.mcalab.client.ClientIdentity;
import org.mcalab.client.GatewayClient;

/**
 * Brings up a CSTP (and DTLS) tunnel after a successful login and checks what travels through it
 * (MCA-SES-3, MCA-SES-4, MCA-ROB-2). Scenarios needing {@code tunnel} or {@code dtls} are skipped
 * until an implementation is registered with the suite (programmatically or through
 * {@link java.util.ServiceLoader}).
 */
public interface TunnelProbe {
    /** The needs it satisfies: "tunnel", and "dtls" when it can also bring up DTLS. */
    Set<String> provides();

    /**
     * This probe for one target (its URL, PKI and {@link GatewayUnderTest}). A probe found by
     * {@link java.util.ServiceLoader} is built before any target exists; {@link Target#probe} binds it before use.
     */
    default TunnelProbe bind(Target target) {
        return this;
    }

    /**
     * Runs one check on a tunnel opened with the token.
     *
     * @param check what to verify, from the scenario's {@code check} parameter (e.g. cstp-traffic, dpd,
     *              idle-timeout, dtls-traffic, dtls-fallback, bad-magic, oversize-frame, unknown-type)
     */
    Outcome run(Session session, String check) throws IOException;

    /** A logged-in client, ready to CONNECT. */
    /**
     * @param groupPath   where the MCA group is (the suite's --target path), for checks that log in once more
     * @param groupSelect the group-select those logins send (--authgroup), or null
     */
    record Session(GatewayClient client, ClientIdentity tlsIdentity, String sessionToken, String userAgent,
                   String groupPath, String groupSelect) {}

    /**
     * @param cited the requirement a failure breaks, or null
     * @param notes evidence notes (packets sent/received, timings)
     */
    record Outcome(boolean passed, Requirement cited, String text, List<String> notes) {}
}
