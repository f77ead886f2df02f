package org.mcalab.gateway.trace;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.mcalab.fixtures.LabClock;

class TraceLogTest {
    final LabClock clock = new LabClock(Instant.parse("2017-10-01T22:26:27.123Z"));

    @Test
    void keepsTheLastEventsAndAnswersSinceASequenceNumber() {
        TraceLog log = new TraceLog(3, Set.of(), null, clock);
        for (int i = 1; i <= 5; i++) {
            log.emit(DebugCategory.AGGREGATE_AUTH_SSL, "h", "line " + i);
        }
        assertThat(log.lastSeq()).isEqualTo(5);
        assertThat(log.eventsSince(0)).extracting(TraceEvent::message).containsExactly("line 3", "line 4", "line 5");
        assertThat(log.eventsSince(4)).extracting(TraceEvent::message).containsExactly("line 5");
        assertThat(log.eventsSince(5)).isEmpty();
    }

    @Test
    void printsOnlySwitchedOnCategoriesInTheAsaStyle() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        TraceLog log = new TraceLog(10, Set.of(DebugCategory.AGGREGATE_AUTH_SSL), new PrintStream(out, true, StandardCharsets.UTF_8), clock);
        log.emit(DebugCategory.AGGREGATE_AUTH_SSL, "462466710", "Generating multiple certificate request");
        log.emit(DebugCategory.AGGREGATE_AUTH_XML, null, "not printed");
        log.print(DebugCategory.AGGREGATE_AUTH_XML, true);
        log.emit(DebugCategory.AGGREGATE_AUTH_XML, null, "printed now");
        assertThat(out.toString(StandardCharsets.UTF_8).lines().toList()).containsExactly(
                "22:26:27.123 [aggregate-auth ssl] [462466710] Generating multiple certificate request",
                "22:26:27.123 [aggregate-auth xml] printed now");
        assertThat(log.eventsSince(0)).hasSize(3);
    }

    @Test
    void masksPasswordsAndDropsPrivateKeys() {
        TraceLog log = new TraceLog(10, Set.of(), null, clock);
        log.emit(DebugCategory.AGGREGATE_AUTH_XML, null,
                "<auth><username>alice</username><password>s3cret</password></auth>");
        log.emit(DebugCategory.AGGREGATE_AUTH_XML, null,
                "x -----BEGIN PRIVATE KEY-----\nMIIEvQ\n-----END PRIVATE KEY----- y");
        log.emit(DebugCategory.AGGREGATE_AUTH_XML, null,
                "<session-id>1</session-id>\n<session-token>AbCdEf0123456789xyz</session-token>\n<session-token/>");
        List<String> m = log.eventsSince(0).stream().map(TraceEvent::message).toList();
        assertThat(m.get(0)).contains("<username>alice</username><password>********</password>").doesNotContain("s3cret");
        assertThat(m.get(1)).isEqualTo("x [private key removed] y");
        assertThat(m.get(2)).contains("<session-token>AbCdEf...</session-token>").doesNotContain("0123456789");
    }

    /** Issue 14 #3: however many huge messages arrive, the retained bytes stay within the budget. */
    @Test
    void aFloodOfHugeMessagesStaysWithinTheByteBudget() {
        TraceLog log = new TraceLog(20_000, 1 << 20, Set.of(), null, clock);
        String huge = "<aggauth-handle>" + "7".repeat(60_000) + "</aggauth-handle>";
        long most = 0;
        for (int i = 0; i < 5_000; i++) {
            log.emit(DebugCategory.AGGREGATE_AUTH_XML, "h" + i, huge);
            most = Math.max(most, log.retainedBytes());
        }
        assertThat(most).isLessThanOrEqualTo(1 << 20);
        List<TraceEvent> kept = log.eventsSince(0);
        assertThat(kept).hasSizeBetween(1, (1 << 20) / (2 * TraceLog.MAX_MESSAGE));
        assertThat(kept.get(kept.size() - 1).correlation()).isEqualTo("h4999");
        assertThat(kept.get(0).message()).hasSizeLessThan(TraceLog.MAX_MESSAGE + 40)
                .endsWith("… (" + (huge.length() - TraceLog.MAX_MESSAGE) + " bytes cut)");
        assertThat(log.eventsSince(4_999)).extracting(TraceEvent::correlation).containsExactly("h4999");
    }

    /** Issue 14 #10: a newline in client text cannot forge a console line, an ESC cannot reach the terminal. */
    @Test
    void controlCharactersAreEscapedAndFurtherLinesIndented() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        TraceLog log = new TraceLog(10, Set.of(DebugCategory.AGGREGATE_AUTH_SSL), new PrintStream(out, true, StandardCharsets.UTF_8), clock);
        log.emit(DebugCategory.AGGREGATE_AUTH_SSL, "1\n2", "group-select MCA\n22:26:27.123 [aggregate-auth ssl] forged\u001b[2J");
        assertThat(out.toString(StandardCharsets.UTF_8).lines().toList()).containsExactly(
                "22:26:27.123 [aggregate-auth ssl] [1\\x0a2] group-select MCA",
                "    22:26:27.123 [aggregate-auth ssl] forged\\x1b[2J");
        assertThat(ClientText.line("a\nb\u202ec", 80)).isEqualTo("a\\x0ab\\u202ec");
        assertThat(ClientText.cut("é".repeat(10), 4)).isEqualTo("éééé… (12 bytes cut)");
    }
}
