package org.mcalab.gateway.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.mcalab.fixtures.LabClock;

/** MCA-SES-2: the session database renders the seed's {@code show vpn-sessiondb detail anyconnect} fields. */
class SessionViewTest {
    final LabClock clock = new LabClock(Instant.parse("2017-10-01T22:26:27Z"));
    final SessionDb db = new SessionDb(clock, new SecureRandom(), "0ac5df51");

    Session open() {
        return db.open(new Login("MachineID.cisco.com", "ANYCONNECT-MCA", "Grouppolicy-MCA", "10.197.223.235", 51609, 443,
                AuthMode.MULTIPLE_CERTIFICATE, "win", "Cisco AnyConnect VPN Agent for Windows 4.4.01054", "TLSv1.3",
                "TLS_AES_256_GCM_SHA384", "cn=MachineID.cisco.com", "cn=UserID.cisco.com",
                Optional.of(Duration.ofMinutes(30)))).session();
    }

    @Test
    void detailShowsTheSeedFields() throws Exception {
        Session s = open();
        s.assignIp((Inet4Address) InetAddress.getByName("192.168.100.1"));
        Counters ssl = new Counters();
        ssl.sent(5771);
        ssl.received(446);
        s.addTunnel(new TunnelRow(TunnelRow.Kind.SSL, "10.197.223.235", 51612, 443, "AES-GCM-256", "SHA384",
                "TLS_AES_256_GCM_SHA384", "TLSv1.3", clock.instant(), ssl));
        clock.advance(Duration.ofSeconds(21));
        String text = SessionView.detail(db.active(), clock.instant());
        assertThat(text).startsWith("Session Type: AnyConnect Detailed\n").contains(
                "Username     : MachineID.cisco.com    Index        : 1\n",
                "Assigned IP  : 192.168.100.1          Public IP    : 10.197.223.235\n",
                "Protocol     : AnyConnect-Parent SSL-Tunnel\n",
                "License      : AnyConnect Premium\n",
                "Encryption   : AnyConnect-Parent: (1)none  SSL-Tunnel: (1)AES-GCM-256\n",
                "Hashing      : AnyConnect-Parent: (1)none  SSL-Tunnel: (1)SHA384\n",
                "Bytes Tx     : 5771                   Bytes Rx     : 446\n",
                "Group Policy : Grouppolicy-MCA        Tunnel Group : ANYCONNECT-MCA\n",
                "Login Time   : 22:26:27 UTC Sun Oct 1 2017\n",
                "Duration     : 0h:00m:21s\n",
                "Inactivity   : 0h:00m:21s\n",
                "VLAN Mapping : N/A                    VLAN         : none\n",
                "Audt Sess ID : 0ac5df510000000159d16b93\n",
                "AnyConnect-Parent Tunnels: 1\nSSL-Tunnel Tunnels: 1\n",
                "AnyConnect-Parent:\n  Tunnel ID    : 1.1\n",
                "  TCP Src Port : 51609                  TCP Dst Port : 443\n",
                "  Auth Mode    : Multiple-certificate\n",
                "  Idle Time Out: 30 Minutes             Idle TO Left : 29 Minutes\n",
                "  Client OS    : win\n",
                "  Client Ver   : Cisco AnyConnect VPN Agent for Windows 4.4.01054\n",
                "SSL-Tunnel:\n  Tunnel ID    : 1.2\n",
                "  Encapsulation: TLSv1.3                TCP Src Port : 51612\n");
        assertThat(text).doesNotContain(db.active().get(0).token());
        assertThat(SessionView.summary(db.active(), clock.instant())).startsWith("Session Type: AnyConnect\n")
                .doesNotContain("Tunnel ID");
        assertThat(SessionView.json(s, clock.instant())).containsEntry("authMode", "Multiple-certificate")
                .containsEntry("tokenPrefix", s.tokenPrefix());
    }

    @Test
    void anEndedSessionsTokenStopsWorking() {
        SessionDb.Opened o = db.open(new Login("u", "G", "P", "1.2.3.4", 1, 443, AuthMode.AAA, null, null, null, null, null,
                null, Optional.empty()));
        assertThat(o.token()).matches("[A-Za-z0-9_-]{43}");
        assertThat(db.findActive(o.token())).contains(o.session());
        assertThat(db.end(o.session().index(), "User Requested")).isTrue();
        assertThat(db.findActive(o.token())).isEmpty();
        assertThat(db.findActive("x" + o.token().substring(1))).isEmpty();
    }

    /** Issue 14 #10: a certificate CN with ESC or a newline is shown escaped, on one row, in show vpn-sessiondb. */
    @Test
    void clientTextIsEscapedInTheTextViews() {
        db.open(new Login("evil\u001b[2J\nIndex        : 99", "ANYCONNECT-MCA", "Grouppolicy-MCA", "10.197.223.235", 51609,
                443, AuthMode.MULTIPLE_CERTIFICATE, "linux-64\r", "openconnect\u009b31m", "TLSv1.3", "TLS_AES_256_GCM_SHA384",
                "cn=evil\u001b]0;owned\u0007", "cn=UserID\ncn=forged", Optional.empty()));
        String text = SessionView.summary(db.active(), clock.instant()) + SessionView.detail(db.active(), clock.instant());
        assertThat(text).doesNotContain("\u001b", "\u0007", "\u009b", "\r").doesNotContain("\nIndex        : 99")
                .contains("Username     : evil\\x1b[2J\\x0aIndex        : 99", "1st Cert     : cn=evil\\x1b]0;owned\\x07",
                        "2nd Cert     : cn=UserID\\x0acn=forged");
    }
}
