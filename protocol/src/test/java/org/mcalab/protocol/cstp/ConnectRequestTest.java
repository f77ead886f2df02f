package org.mcalab.protocol.cstp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mcalab.protocol.ClientProfile;
import org.mcalab.protocol.dtls.DtlsOffer;

/** The CONNECT request as openconnect 9.01 writes it (docs/protocol.md §8.2). */
class ConnectRequestTest {
    @Test
    void openconnectsRequestWithoutDtls() {
        String text = ConnectRequest.openconnect("vpn.example:8443", "TOKEN").wireText();
        assertEquals("CONNECT /CSCOSSLC/tunnel HTTP/1.1\r\n"
                + "Host: vpn.example:8443\r\n"
                + "User-Agent: Open AnyConnect VPN Agent v9.01-3\r\n"
                + "Cookie: webvpn=TOKEN\r\n"
                + "X-CSTP-Version: 1\r\n"
                + "X-CSTP-Hostname: mcalab\r\n"
                + "X-CSTP-Base-MTU: 1500\r\n"
                + "X-CSTP-MTU: 1390\r\n"
                + "X-CSTP-Address-Type: IPv4\r\n"
                + "\r\n", text);
        assertTrue(Arrays.equals(text.getBytes(StandardCharsets.US_ASCII), ConnectRequest.openconnect("vpn.example:8443", "TOKEN").encode()));
    }

    @Test
    void theDtlsOfferFollowsTheCstpHeadersAndReadsBackOnTheGatewaySide() {
        byte[] secret = new byte[48];
        secret[0] = 0x7f;
        ConnectRequest r = ConnectRequest.openconnect("gw", "T").withHostname("load-7").withMtu(1406)
                .withProfile(ClientProfile.ANYCONNECT_WINDOWS).withDtls(DtlsOffer.resumable(secret));
        List<String> names = List.copyOf(r.headers().keySet());
        assertEquals(List.of("Host", "User-Agent", "Cookie", "X-CSTP-Version", "X-CSTP-Hostname", "X-CSTP-Base-MTU", "X-CSTP-MTU",
                "X-CSTP-Address-Type", "X-DTLS-Master-Secret", "X-DTLS-CipherSuite", "X-DTLS12-CipherSuite"), names);
        assertEquals("Cisco AnyConnect VPN Agent for Windows 4.4.01054", r.headers().get("User-Agent"));
        DtlsOffer read = DtlsOffer.fromHeaders(r.headers()::get);
        assertEquals(List.of("OC-DTLS1_2-AES256-GCM", "OC-DTLS1_2-AES128-GCM"), read.cipherSuites());
        assertEquals(4, read.dtls12CipherSuites().size());
        assertEquals(0x7f, read.masterSecret().orElseThrow()[0]);
        assertTrue(!read.offersPsk());
    }

    @Test
    void postHeadCarriesTheProfileAndPadsTheBody() {
        String head = new String(ClientProfile.OPENCONNECT.postHead("/", "gw", "a=b", 100), StandardCharsets.US_ASCII);
        assertTrue(head.startsWith("POST / HTTP/1.1\r\nHost: gw\r\nUser-Agent: Open AnyConnect VPN Agent v9.01-3\r\nCookie: a=b\r\n"), head);
        assertTrue(head.contains("X-Aggregate-Auth: 1\r\nX-Support-HTTP-Auth: true\r\nX-Pad: " + "0".repeat(28) + "\r\n"), head);
        assertTrue(head.endsWith("Content-Length: 100\r\n\r\n"), head);
    }
}
