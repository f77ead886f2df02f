package org.mcalab.gateway.tunnel;

import java.net.Inet4Address;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;
import org.mcalab.gateway.session.Session;

/**
 * The tunnel side of one session: the address it leases (kept across detach and reconnect), its live
 * tunnels, and when data last moved (for the idle timeout, which also runs while no tunnel is attached).
 */
final class SessionTunnels {
    final Session session;
    final AddressPool pool;
    final Inet4Address address;
    final TunnelSettings settings;
    final Set<CstpTunnelHandler> live = new CopyOnWriteArraySet<>();
    /** {@link Ticker} reading of the last DATA packet either way; volatile so the sweeper sees it. */
    volatile long lastDataNanos;
    /** What {@link #lastDataNanos} was when the sweeper last copied it into the session's last activity. */
    long touchedNanos;

    SessionTunnels(Session session, AddressPool pool, Inet4Address address, TunnelSettings settings, long now) {
        this.session = session;
        this.pool = pool;
        this.address = address;
        this.settings = settings;
        this.lastDataNanos = now;
        this.touchedNanos = now;
    }

    String key() {
        return Integer.toString(session.index());
    }
}
