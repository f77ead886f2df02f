package org.mcalab.gateway.session;

import java.net.Inet4Address;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * One VPN session (ASA "session database" entry): what the login established, its token, its tunnels and
 * counters. The token is the {@code webvpn} cookie; it is never printed in full ({@link #tokenPrefix}).
 */
public final class Session {
    public enum State { ACTIVE, LOGGED_OFF }

    private final int index;
    private final Login login;
    private final String token;
    private final String auditSessionId;
    private final Instant loginTime;
    private final Counters parent = new Counters();
    private final List<TunnelRow> tunnels = new CopyOnWriteArrayList<>();
    private volatile Instant lastActivity;
    private volatile Inet4Address assignedIp;
    private volatile State state = State.ACTIVE;
    private volatile String endReason;

    Session(int index, Login login, String token, String auditSessionId, Instant loginTime) {
        this.index = index;
        this.login = login;
        this.token = token;
        this.auditSessionId = auditSessionId;
        this.loginTime = loginTime;
        this.lastActivity = loginTime;
    }

    public int index() {
        return index;
    }

    public Login login() {
        return login;
    }

    /** Compare with {@link SessionDb#findActive}; never log it. */
    String token() {
        return token;
    }

    /** The first 6 characters, enough to tell sessions apart in a listing. */
    public String tokenPrefix() {
        return token.substring(0, Math.min(6, token.length()));
    }

    public String auditSessionId() {
        return auditSessionId;
    }

    public Instant loginTime() {
        return loginTime;
    }

    /** Counters of the AnyConnect-Parent (the authentication/control part). */
    public Counters parentCounters() {
        return parent;
    }

    public List<TunnelRow> tunnels() {
        return List.copyOf(tunnels);
    }

    public void addTunnel(TunnelRow row) {
        tunnels.add(row);
    }

    public void removeTunnel(TunnelRow row) {
        tunnels.remove(row);
    }

    /** Tunnel ID as printed: "296.1" is the parent, tunnels follow in order. */
    public String tunnelId(int position) {
        return index + "." + position;
    }

    public void touch(Instant now) {
        lastActivity = now;
    }

    public Instant lastActivity() {
        return lastActivity;
    }

    public Optional<Inet4Address> assignedIp() {
        return Optional.ofNullable(assignedIp);
    }

    /** Set by the tunnel code when it leases a pool address. */
    public void assignIp(Inet4Address ip) {
        this.assignedIp = ip;
    }

    public State state() {
        return state;
    }

    public Optional<String> endReason() {
        return Optional.ofNullable(endReason);
    }

    void end(String reason) {
        this.endReason = reason;
        this.state = State.LOGGED_OFF;
    }

    public boolean active() {
        return state == State.ACTIVE;
    }

    /** Parent plus every tunnel. */
    public Counters.Snapshot totals() {
        Counters.Snapshot sum = parent.snapshot();
        for (TunnelRow t : tunnels) {
            sum = sum.plus(t.counters().snapshot());
        }
        return sum;
    }
}
