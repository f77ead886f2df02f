package org.mcalab.gateway.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.HttpRequestDecoder;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import io.netty.util.ReferenceCountUtil;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Slow and abandoned connections (MCA-ROB-3) on an EmbeddedChannel whose time stands still: each test moves it to
 * one nanosecond before a limit (the connection is still open) and onto it (closed). Nothing waits for real time.
 */
class RequestTimeoutsTest {
    private static final Duration REQUEST = Duration.ofSeconds(10);
    private static final Duration IDLE = Duration.ofSeconds(30);

    /** An HTTP connection after its TLS handshake, as the gateway's pipeline has it; time frozen before it opens. */
    private static EmbeddedChannel connection() throws Exception {
        EmbeddedChannel ch = new EmbeddedChannel(false, false, new HttpRequestDecoder(), new RequestTimeouts(REQUEST, IDLE));
        ch.freezeTime();
        ch.register();
        ch.pipeline().fireUserEventTriggered(SslHandshakeCompletionEvent.SUCCESS);
        return ch;
    }

    private static void advance(EmbeddedChannel ch, Duration d) {
        ch.advanceTimeBy(d.toNanos(), TimeUnit.NANOSECONDS);
        ch.runScheduledPendingTasks();
    }

    private static void send(EmbeddedChannel ch, String text) {
        ch.writeInbound(Unpooled.copiedBuffer(text, StandardCharsets.US_ASCII));
        Object m;
        while ((m = ch.readInbound()) != null) {
            ReferenceCountUtil.release(m);
        }
    }

    @Test
    void aConnectionThatSendsNothingIsClosedAfterTheIdleTimeout() throws Exception {
        EmbeddedChannel ch = connection();
        advance(ch, IDLE.minusNanos(1));
        assertThat(ch.isActive()).isTrue();
        advance(ch, Duration.ofNanos(1));
        assertThat(ch.isActive()).isFalse();
    }

    @Test
    void aRequestTricklingInIsCutAtTheRequestTimeoutFromItsFirstBytes() throws Exception {
        EmbeddedChannel ch = connection();
        advance(ch, Duration.ofSeconds(5));
        send(ch, "POST /MCA HTTP/1.1\r\n");
        advance(ch, Duration.ofSeconds(5));
        send(ch, "Host: x\r\n"); // more bytes do not restart the clock: a slowloris header a byte at a time is still cut
        advance(ch, REQUEST.minusSeconds(5).minusNanos(1));
        assertThat(ch.isActive()).isTrue();
        advance(ch, Duration.ofNanos(1));
        assertThat(ch.isActive()).as("10 s after the first byte").isFalse();
    }

    @Test
    void anAnsweredRequestReturnsTheConnectionToTheIdleLimit() throws Exception {
        EmbeddedChannel ch = connection();
        send(ch, "GET / HTTP/1.1\r\nHost: x\r\n\r\n");
        advance(ch, REQUEST.multipliedBy(2));
        assertThat(ch.isActive()).as("a whole request is not slow, however long its answer takes").isTrue();
        ch.writeOutbound(new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK));
        ReferenceCountUtil.release(ch.readOutbound());
        advance(ch, IDLE.minusNanos(1));
        assertThat(ch.isActive()).as("idle limit counted from the answer").isTrue();
        advance(ch, Duration.ofNanos(1));
        assertThat(ch.isActive()).isFalse();
    }
}
