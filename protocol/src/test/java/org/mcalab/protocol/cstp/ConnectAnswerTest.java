package org.mcalab.protocol.cstp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.mcalab.protocol.dtls.DtlsSuite;

/** openconnect's CONNECT answer rule (docs/protocol.md §8.3) and the typed headers of §8.4 and §10.1. */
class ConnectAnswerTest {
    private static final String GOOD = "HTTP/1.1 200 CONNECTED\r\n"
            + "X-CSTP-Version: 1\r\n"
            + "X-CSTP-Address: 192.168.100.1\r\n"
            + "X-CSTP-Netmask: 255.255.255.0\r\n"
            + "X-CSTP-Split-Include: 10.10.0.0/255.255.0.0\r\n"
            + "X-CSTP-Split-Include: 10.20.0.0/255.255.0.0\r\n"
            + "X-CSTP-MTU: 1406\r\n"
            + "X-CSTP-DPD: 30\r\n"
            + "X-CSTP-Keepalive: 20\r\n"
            + "X-DTLS-Port: 4443\r\n"
            + "X-DTLS-Session-ID: " + "AB".repeat(32) + "\r\n"
            + "X-DTLS-CipherSuite: OC-DTLS1_2-AES256-GCM\r\n"
            + "\r\n";

    @Test
    void readsTheTypedHeadersOfAGoodAnswer() {
        ConnectAnswer a = ConnectAnswer.parse(GOOD);
        assertEquals(Optional.empty(), a.problem());
        assertTrue(a.connected());
        assertEquals(200, a.status());
        assertEquals("192.168.100.1", a.address().orElseThrow().getHostAddress());
        assertEquals("255.255.255.0", a.netmask().orElseThrow().getHostAddress());
        assertEquals(OptionalInt.of(1406), a.mtu());
        assertEquals(30, a.dpdSeconds());
        assertEquals(20, a.keepaliveSeconds());
        assertEquals(List.of("10.10.0.0/255.255.0.0", "10.20.0.0/255.255.0.0"), a.splitIncludes());
        assertEquals(OptionalInt.of(4443), a.dtlsPort());
        assertArrayEquals(HexFormat.of().parseHex("AB".repeat(32)), a.dtlsSessionId().orElseThrow());
        assertEquals(Optional.of(DtlsSuite.OC_AES256_GCM), a.dtlsSuite());
    }

    @Test
    void namesAreCaseSensitive() {
        ConnectAnswer a = ConnectAnswer.parse("HTTP/1.1 200 OK\r\nx-cstp-address: 192.168.100.1\r\nX-CSTP-MTU: 1406\r\n\r\n");
        assertEquals(Optional.empty(), a.address());
        assertEquals(Optional.of("No IP address received (no X-CSTP-Address)"), a.problem());
        ConnectAnswer b = ConnectAnswer.parse("HTTP/1.1 200 OK\r\nX-CSTP-Address: 192.168.100.1\r\nX-Cstp-Mtu: 1406\r\n\r\n");
        assertTrue(b.problem().orElseThrow().startsWith("No MTU received"), b.problem().toString());
    }

    @Test
    void oneSpaceIsSkippedAndTheRestIsTheValue() {
        ConnectAnswer a = ConnectAnswer.parse("HTTP/1.1 200 OK\r\nX-CSTP-Address:  192.168.100.1\r\nX-CSTP-MTU:1406\r\n"
                + "X-CSTP-Content-Encoding:  deflate\r\n\r\n");
        assertEquals(List.of(" 192.168.100.1"), a.values("X-CSTP-Address"));
        assertEquals(Optional.empty(), a.address(), "two spaces: the value starts with a space and is no address");
        assertEquals(List.of("1406"), a.values("X-CSTP-MTU"), "no space after the colon: the value starts at once");
        assertEquals(OptionalInt.of(1406), a.mtu());
        assertEquals(List.of(" deflate"), a.values("X-CSTP-Content-Encoding"));
        ConnectAnswer encodingOnly = ConnectAnswer.parse("HTTP/1.1 200 OK\r\nX-CSTP-Address: 192.168.100.1\r\nX-CSTP-MTU: 1406\r\n"
                + "X-CSTP-Content-Encoding:  deflate\r\n\r\n");
        assertEquals(Optional.of("Unknown X-CSTP-Content-Encoding ' deflate'"), encodingOnly.problem());
    }

    @Test
    void numbersAreReadAsAtolReadsThem() {
        ConnectAnswer a = ConnectAnswer.parse("HTTP/1.1 200 OK\r\nX-CSTP-Address: 192.168.100.1\r\nX-CSTP-MTU:   1400 bytes\r\n"
                + "X-CSTP-DPD: soon\r\n\r\n");
        assertEquals(OptionalInt.of(1400), a.mtu());
        assertEquals(0, a.dpdSeconds());
        assertEquals(1406, ConnectAnswer.atol(" +1406x"));
    }

    @Test
    void theLastValueWinsAndDtlsMtuStandsInForTheCstpMtu() {
        ConnectAnswer a = ConnectAnswer.parse("HTTP/1.1 200 OK\r\nX-CSTP-Address: 192.168.100.1\r\nX-CSTP-Address: 192.168.100.9\r\n"
                + "X-CSTP-Address: fd00::9\r\nX-DTLS-MTU: 1300\r\n\r\n");
        assertEquals("192.168.100.9", a.address().orElseThrow().getHostAddress());
        assertEquals(OptionalInt.of(1300), a.mtu());
        assertEquals(Optional.empty(), a.problem());
    }

    @Test
    void aRefusalNamesItsStatusAndReason() {
        ConnectAnswer a = ConnectAnswer.parse("HTTP/1.1 401 Cookie is not acceptable\r\nX-Reason: MCA-FLOW-7: unknown cookie\r\n\r\n");
        assertFalse(a.connected());
        assertEquals(401, a.status());
        assertEquals(Optional.of("CONNECT refused: HTTP/1.1 401 Cookie is not acceptable (X-Reason: MCA-FLOW-7: unknown cookie)"),
                a.problem());
        assertEquals(Optional.empty(), ConnectAnswer.parse("HTTP/1.1 503 x\r\nX-Reason:no-space\r\n\r\n").reason(),
                "openconnect prints only a line starting exactly 'X-Reason: '");
    }

    @Test
    void http10AndAMissingReasonPhraseAreRefused() {
        String rest = "X-CSTP-Address: 192.168.100.1\r\nX-CSTP-MTU: 1406\r\n\r\n";
        assertTrue(ConnectAnswer.parse("HTTP/1.0 200 OK\r\n" + rest).problem().isPresent());
        assertTrue(ConnectAnswer.parse("HTTP/1.1 200\r\n" + rest).problem().isPresent());
        assertFalse(ConnectAnswer.parse("HTTP/1.1 200 anything at all\r\n" + rest).problem().isPresent());
    }

    @Test
    void malformedDtlsIdsFailTheWholeConnect() {
        String head = "HTTP/1.1 200 OK\r\nX-CSTP-Address: 192.168.100.1\r\nX-CSTP-MTU: 1406\r\n";
        assertTrue(ConnectAnswer.parse(head + "X-DTLS-Session-ID: ABCD\r\n\r\n").problem().orElseThrow().startsWith("X-DTLS-Session-ID"));
        assertTrue(ConnectAnswer.parse(head + "X-DTLS-App-ID: xyz\r\n\r\n").problem().orElseThrow().startsWith("X-DTLS-App-ID"));
        assertEquals(Optional.empty(), ConnectAnswer.parse(head + "X-DTLS-App-ID: 0A0B\r\n\r\n").problem());
    }

    @Test
    void theHeadEndsAtTheFirstEmptyLineWithOrWithoutCr() {
        byte[] bytes = (GOOD + "STF\u0001").getBytes(StandardCharsets.ISO_8859_1);
        assertEquals(GOOD.length(), ConnectAnswer.headLength(Unpooled.wrappedBuffer(bytes)));
        assertEquals(-1, ConnectAnswer.headLength(Unpooled.wrappedBuffer("HTTP/1.1 200 OK\r\nX-CSTP-MTU: 1".getBytes(StandardCharsets.US_ASCII))));
        String lf = "HTTP/1.1 200 OK\nX-CSTP-Address: 192.168.100.1\nX-CSTP-MTU: 1406\n\n";
        assertEquals(lf.length(), ConnectAnswer.headLength(Unpooled.wrappedBuffer(lf.getBytes(StandardCharsets.US_ASCII))));
        assertEquals(Optional.empty(), ConnectAnswer.parse(lf).problem());
        assertEquals(List.of(), ConnectAnswer.parse(GOOD + "X-CSTP-Banner: after the head\r\n").values("X-CSTP-Banner"));
    }

    @Test
    void roundTrip() {
        ConnectAnswer written = ConnectAnswer.of("HTTP/1.1 200 CONNECTED", List.of(new ConnectAnswer.Header("X-CSTP-Address", "192.168.100.1"),
                new ConnectAnswer.Header("X-CSTP-MTU", "1406"), new ConnectAnswer.Header("X-CSTP-Banner", "two  spaces inside")));
        ConnectAnswer read = ConnectAnswer.parse(written.wireText());
        assertEquals(written.headers(), read.headers());
        assertEquals(written.statusLine(), read.statusLine());
        assertEquals(written.wireText(), read.wireText());
        assertEquals(GOOD, ConnectAnswer.parse(GOOD).wireText());
    }
}
