package org.mcalab.simulator.soak;

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

    /** Pool addresses leased right now, or empty when the gateway has no tunnel (no pool in use). */
    OptionalInt addressesInUse();

    /** Ends the session holding this token, as a user logout does; false when there was none. */
    boolean logout(String sessionToken);
}
