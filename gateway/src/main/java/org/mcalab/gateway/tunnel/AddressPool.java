package org.mcalab.gateway.tunnel;

import java.net.Inet4Address;
import java.util.BitSet;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.mcalab.gateway.config.IpPool;

/**
 * Hands out the addresses of one {@code ip local pool}. An address belongs to a session (keyed by a
 * stable session key, not by TLS connection): a reconnect with the same session gets the same address,
 * because openconnect aborts with "Reconnect gave different IPv4 address" otherwise (docs/protocol.md §8.4).
 * The address goes back to the pool only on {@link #release}: user logout, idle timeout, admin logoff.
 */
public final class AddressPool {
    private final IpPool pool;
    private final BitSet used;
    private final Map<String, Integer> bySession = new HashMap<>();
    private int nextHint;

    public AddressPool(IpPool pool) {
        if (pool.size() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("pool " + pool.name() + " is too large");
        }
        this.pool = pool;
        this.used = new BitSet((int) pool.size());
    }

    public IpPool pool() {
        return pool;
    }

    /**
     * The session's address: the one it already holds, else the lowest free one after the last
     * allocation (round robin, so a just-released address is not handed straight to someone else).
     */
    public synchronized Inet4Address allocate(String sessionKey) throws PoolExhaustedException {
        Integer held = bySession.get(sessionKey);
        if (held != null) {
            return pool.addressAt(held);
        }
        int size = (int) pool.size();
        int index = used.nextClearBit(nextHint);
        if (index >= size) {
            index = used.nextClearBit(0);
        }
        if (index >= size) {
            throw new PoolExhaustedException(pool.name());
        }
        used.set(index);
        bySession.put(sessionKey, index);
        nextHint = index + 1;
        return pool.addressAt(index);
    }

    public synchronized Optional<Inet4Address> addressOf(String sessionKey) {
        Integer held = bySession.get(sessionKey);
        return held == null ? Optional.empty() : Optional.of(pool.addressAt(held));
    }

    /** Returns the session's address to the pool; a no-op for a session that holds none. */
    public synchronized void release(String sessionKey) {
        Integer held = bySession.remove(sessionKey);
        if (held != null) {
            used.clear(held);
        }
    }

    public synchronized int inUse() {
        return bySession.size();
    }

    /** No free address left in the pool: the CONNECT is refused with 503 and this reason. */
    public static final class PoolExhaustedException extends Exception {
        public static final String REASON = "address pool exhausted";

        PoolExhaustedException(String poolName) {
            super(REASON + " (pool " + poolName + ")");
        }
    }
}
