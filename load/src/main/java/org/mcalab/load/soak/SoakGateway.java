package org.mcalab.load.soak;

import java.util.OptionalInt;

/**
 * What a soak reads from (and does to) the gateway under test besides speaking the protocol: the sizes of the
 * tables that must not leak (MCA-ROB-3), and a way to end a session as a user logout does. Only an embedded
 * gateway can offer this; the CLI and the tests implement it over the running gateway.
 */
public interface SoakGateway {
    /** Sessions in the session database. */
    int activeSessions();

    /** Auth-info entries waiting for a reply. */
    int pendingAuthentications();

    /**
     * How many addresses the pool the soak's tunnels draw from holds, or empty without tunnels. At the end the soak
     * leases the whole pool at once: an address that never came back makes one of those tunnels fail.
     */
    OptionalInt poolSize();

    /** Ends the session holding this token, as a user logout does; false when there was none. */
    boolean logout(String sessionToken);
}
