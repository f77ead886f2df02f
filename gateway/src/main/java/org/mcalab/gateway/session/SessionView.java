package org.mcalab.gateway.session;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.mcalab.gateway.trace.ClientText;

/**
 * Renders sessions the way the ASA's {@code show vpn-sessiondb [detail] anyconnect} does (seed, Verify
 * section), plus a JSON-ready form with the same facts.
 */
public final class SessionView {
    /** "22:26:27 UTC Sun Oct 1 2017". */
    static final DateTimeFormatter LOGIN_TIME =
            DateTimeFormatter.ofPattern("HH:mm:ss 'UTC' EEE MMM d yyyy", Locale.US).withZone(ZoneOffset.UTC);

    private SessionView() {}

    /** {@code show vpn-sessiondb anyconnect}. */
    public static String summary(List<Session> sessions, Instant now) {
        StringBuilder b = new StringBuilder("Session Type: AnyConnect\n");
        if (sessions.isEmpty()) {
            return b.append("\nINFO: There are presently no active sessions\n").toString();
        }
        for (Session s : sessions) {
            b.append('\n');
            header(b, s, now, false);
        }
        return b.toString();
    }

    /** {@code show vpn-sessiondb detail anyconnect}. */
    public static String detail(List<Session> sessions, Instant now) {
        StringBuilder b = new StringBuilder("Session Type: AnyConnect Detailed\n");
        if (sessions.isEmpty()) {
            return b.append("\nINFO: There are presently no active sessions\n").toString();
        }
        for (Session s : sessions) {
            b.append('\n');
            header(b, s, now, true);
            parentBlock(b, s, now);
            int position = 2;
            for (TunnelRow t : s.tunnels()) {
                tunnelBlock(b, s, t, position++, now);
            }
        }
        return b.toString();
    }

    private static void header(StringBuilder b, Session s, Instant now, boolean detail) {
        Login l = s.login();
        Counters.Snapshot c = s.totals();
        pair(b, "", "Username", l.username(), "Index", String.valueOf(s.index()));
        pair(b, "", "Assigned IP", s.assignedIp().map(a -> a.getHostAddress()).orElse("0.0.0.0"), "Public IP", l.publicIp());
        line(b, "", "Protocol", protocols(s));
        line(b, "", "License", "AnyConnect Premium");
        line(b, "", "Encryption", perProtocol(s, true));
        line(b, "", "Hashing", perProtocol(s, false));
        pair(b, "", "Bytes Tx", String.valueOf(c.bytesTx()), "Bytes Rx", String.valueOf(c.bytesRx()));
        if (detail) {
            pair(b, "", "Pkts Tx", String.valueOf(c.pktsTx()), "Pkts Rx", String.valueOf(c.pktsRx()));
            pair(b, "", "Pkts Tx Drop", String.valueOf(c.pktsTxDrop()), "Pkts Rx Drop", String.valueOf(c.pktsRxDrop()));
        }
        pair(b, "", "Group Policy", l.groupPolicy(), "Tunnel Group", l.tunnelGroup());
        line(b, "", "Login Time", LOGIN_TIME.format(s.loginTime()));
        line(b, "", "Duration", hms(Duration.between(s.loginTime(), now)));
        line(b, "", "Inactivity", hms(Duration.between(s.lastActivity(), now)));
        pair(b, "", "VLAN Mapping", "N/A", "VLAN", "none");
        line(b, "", "Audt Sess ID", s.auditSessionId());
        line(b, "", "Security Grp", "none");
        if (detail) {
            b.append("AnyConnect-Parent Tunnels: 1\n");
            for (TunnelRow.Kind k : TunnelRow.Kind.values()) {
                long n = s.tunnels().stream().filter(t -> t.kind() == k).count();
                if (n > 0) {
                    b.append(k.display()).append(" Tunnels: ").append(n).append('\n');
                }
            }
        }
    }

    private static void parentBlock(StringBuilder b, Session s, Instant now) {
        Login l = s.login();
        Counters.Snapshot c = s.parentCounters().snapshot();
        String in = "  ";
        b.append("\nAnyConnect-Parent:\n");
        line(b, in, "Tunnel ID", s.tunnelId(1));
        line(b, in, "Public IP", l.publicIp());
        pair(b, in, "Encryption", "none", "Hashing", "none");
        pair(b, in, "TCP Src Port", String.valueOf(l.tcpSrcPort()), "TCP Dst Port", String.valueOf(l.tcpDstPort()));
        line(b, in, "Auth Mode", l.authMode().display());
        idle(b, in, s, now);
        line(b, in, "Client OS", orNa(l.clientOs()));
        line(b, in, "Client Type", "AnyConnect");
        line(b, in, "Client Ver", orNa(l.clientVersion()));
        counters(b, in, c);
        // Not in the ASA's output; what a conformance run needs to see about the MCA login.
        line(b, in, "TLS Version", orNa(l.tlsProtocol()));
        line(b, in, "TLS Cipher", orNa(l.cipherSuite()));
        line(b, in, "1st Cert", orNa(l.firstCertSubject()));
        line(b, in, "2nd Cert", orNa(l.secondCertSubject()));
        line(b, in, "Token", s.tokenPrefix() + "...");
    }

    private static void tunnelBlock(StringBuilder b, Session s, TunnelRow t, int position, Instant now) {
        Login l = s.login();
        String in = "  ";
        b.append('\n').append(t.kind().display()).append(":\n");
        line(b, in, "Tunnel ID", s.tunnelId(position));
        pair(b, in, "Assigned IP", s.assignedIp().map(a -> a.getHostAddress()).orElse("0.0.0.0"), "Public IP", t.publicIp());
        pair(b, in, "Encryption", t.encryption(), "Hashing", t.hashing());
        line(b, in, "Ciphersuite", t.ciphersuite());
        pair(b, in, "Encapsulation", t.encapsulation(), t.kind().transport() + " Src Port", String.valueOf(t.srcPort()));
        pair(b, in, t.kind().transport() + " Dst Port", String.valueOf(t.dstPort()), "Auth Mode", l.authMode().display());
        idle(b, in, s, now);
        line(b, in, "Client OS", orNa(l.clientOs()));
        line(b, in, "Client Type", t.kind().clientType());
        line(b, in, "Client Ver", orNa(l.clientVersion()));
        counters(b, in, t.counters().snapshot());
    }

    private static void idle(StringBuilder b, String in, Session s, Instant now) {
        var timeout = s.login().idleTimeout();
        if (timeout.isEmpty()) {
            pair(b, in, "Idle Time Out", "none", "Idle TO Left", "none");
            return;
        }
        long total = timeout.get().toMinutes();
        long left = Math.max(0, timeout.get().minus(Duration.between(s.lastActivity(), now)).toMinutes());
        pair(b, in, "Idle Time Out", total + " Minutes", "Idle TO Left", left + " Minutes");
    }

    private static void counters(StringBuilder b, String in, Counters.Snapshot c) {
        pair(b, in, "Bytes Tx", String.valueOf(c.bytesTx()), "Bytes Rx", String.valueOf(c.bytesRx()));
        pair(b, in, "Pkts Tx", String.valueOf(c.pktsTx()), "Pkts Rx", String.valueOf(c.pktsRx()));
        pair(b, in, "Pkts Tx Drop", String.valueOf(c.pktsTxDrop()), "Pkts Rx Drop", String.valueOf(c.pktsRxDrop()));
    }

    private static String protocols(Session s) {
        StringBuilder p = new StringBuilder("AnyConnect-Parent");
        for (TunnelRow.Kind k : TunnelRow.Kind.values()) {
            if (s.tunnels().stream().anyMatch(t -> t.kind() == k)) {
                p.append(' ').append(k.display());
            }
        }
        return p.toString();
    }

    private static String perProtocol(Session s, boolean encryption) {
        StringBuilder p = new StringBuilder("AnyConnect-Parent: (1)none");
        for (TunnelRow.Kind k : TunnelRow.Kind.values()) {
            s.tunnels().stream().filter(t -> t.kind() == k).findFirst().ifPresent(t ->
                    p.append("  ").append(k.display()).append(": (1)").append(encryption ? t.encryption() : t.hashing()));
        }
        return p.toString();
    }

    /** "0h:00m:21s". */
    static String hms(Duration d) {
        long s = Math.max(0, d.getSeconds());
        return String.format("%dh:%02dm:%02ds", s / 3600, (s / 60) % 60, s % 60);
    }

    private static String orNa(String s) {
        return s == null || s.isEmpty() ? "N/A" : s;
    }

    private static void line(StringBuilder b, String indent, String label, String value) {
        b.append(indent).append(String.format("%-13s: %s", label, shown(value))).append('\n');
    }

    private static void pair(StringBuilder b, String indent, String label1, String value1, String label2, String value2) {
        b.append(indent).append(String.format("%-13s: %-23s%-13s: %s", label1, shown(value1), label2, shown(value2)))
                .append('\n');
    }

    /** Usernames, certificate names, device ids and versions come from clients: one escaped line each (issue 14 #10). */
    private static String shown(String value) {
        return ClientText.line(value, 256);
    }

    /** The same facts as {@link #detail}, as a JSON-ready map (token shown as its prefix only). */
    public static Map<String, Object> json(Session s, Instant now) {
        Login l = s.login();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("index", s.index());
        m.put("username", l.username());
        m.put("assignedIp", s.assignedIp().map(a -> a.getHostAddress()).orElse(null));
        m.put("publicIp", l.publicIp());
        m.put("tcpSrcPort", l.tcpSrcPort());
        m.put("tcpDstPort", l.tcpDstPort());
        m.put("protocol", protocols(s));
        m.put("license", "AnyConnect Premium");
        m.put("groupPolicy", l.groupPolicy());
        m.put("tunnelGroup", l.tunnelGroup());
        m.put("loginTime", s.loginTime().toString());
        m.put("loginTimeAsa", LOGIN_TIME.format(s.loginTime()));
        m.put("durationSeconds", Math.max(0, Duration.between(s.loginTime(), now).getSeconds()));
        m.put("inactivitySeconds", Math.max(0, Duration.between(s.lastActivity(), now).getSeconds()));
        m.put("auditSessionId", s.auditSessionId());
        m.put("authMode", l.authMode().display());
        m.put("clientOs", l.clientOs());
        m.put("clientVersion", l.clientVersion());
        m.put("tlsProtocol", l.tlsProtocol());
        m.put("cipherSuite", l.cipherSuite());
        m.put("firstCertSubject", l.firstCertSubject());
        m.put("secondCertSubject", l.secondCertSubject());
        m.put("tokenPrefix", s.tokenPrefix());
        m.put("idleTimeoutMinutes", l.idleTimeout().map(Duration::toMinutes).orElse(null));
        m.put("counters", s.totals());
        m.put("parentCounters", s.parentCounters().snapshot());
        List<Map<String, Object>> tunnels = new ArrayList<>();
        int position = 2;
        for (TunnelRow t : s.tunnels()) {
            Map<String, Object> tm = new LinkedHashMap<>();
            tm.put("tunnelId", s.tunnelId(position++));
            tm.put("kind", t.kind().display());
            tm.put("publicIp", t.publicIp());
            tm.put("srcPort", t.srcPort());
            tm.put("dstPort", t.dstPort());
            tm.put("encryption", t.encryption());
            tm.put("hashing", t.hashing());
            tm.put("ciphersuite", t.ciphersuite());
            tm.put("encapsulation", t.encapsulation());
            tm.put("counters", t.counters().snapshot());
            tunnels.add(tm);
        }
        m.put("tunnels", tunnels);
        return m;
    }
}
