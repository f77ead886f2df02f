package org.mcalab.gateway.session;

import java.net.Inet4Address;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
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
    /** SHA-256 of the login connection's TLS client certificate; null when the login came without one. */
    private final byte[] tlsCertificate;
    private final Counters parent = new Counters();
    private final List<TunnelRow> tunnels = new CopyOnWriteArrayList<>();
    private volatile Instant lastActivity;
    private volatile Inet4Address assignedIp;
    private volatile State state = State.ACTIVE;
    private volatile String endReason;

    Session(int index, Login login, String token, String auditSessionId, Instant loginTime,
            X509Certificate tlsCertificate) {
        this.index = index;
        this.login = login;
        this.token = token;
        this.auditSessionId = auditSessionId;
        this.loginTime = loginTime;
        this.lastActivity = loginTime;
        this.tlsCertificate = tlsCertificate == null ? null : sha256(tlsCertificate);
    }

    /**
     * MCA-FLOW-7: may a CONNECT on a connection presenting {@code peerChain} (leaf first, empty for none) use this
     * session? A session made with a TLS certificate belongs to that certificate: openconnect reconnects with it,
     * while a copied cookie on a connection with no certificate, another one, or a rogue, revoked or expired one
     * gets nothing. A login made without a TLS certificate (a password group) binds nothing.
     *
     * @return empty when the connection may use the session, else why not
     */
    public Optional<String> connectRefusal(List<X509Certificate> peerChain) {
        if (tlsCertificate == null) {
            return Optional.empty();
        }
        if (peerChain.isEmpty()) {
            return Optional.of("the session was made with a TLS client certificate and this connection presents none");
        }
        if (!MessageDigest.isEqual(tlsCertificate, sha256(peerChain.get(0)))) {
            return Optional.of("the session was made with another TLS client certificate than this connection's");
        }
        return Optional.empty();
    }

    private static byte[] sha256(X509Certificate certificate) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded());
        } catch (CertificateEncodingException | NoSuchAlgorithmException e) {
            throw new IllegalStateException("cannot fingerprint a TLS client certificate", e);
        }
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
