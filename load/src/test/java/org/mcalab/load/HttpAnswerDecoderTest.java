package org.mcalab.load;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class HttpAnswerDecoderTest {
    private static ByteBuf ascii(String s) {
        return Unpooled.copiedBuffer(s, StandardCharsets.ISO_8859_1);
    }

    @Test
    void anAnswerSplitAcrossReadsKeepsItsExactBody() {
        EmbeddedChannel ch = new EmbeddedChannel(new HttpAnswerDecoder());
        String body = "<?xml version=\"1.0\"?>\n<config-auth/>\n";
        String wire = "HTTP/1.1 200 OK\r\nSet-Cookie: a=1\r\nSet-Cookie: b=2\r\nContent-Length: " + body.length() + "\r\n\r\n" + body;
        ch.writeInbound(ascii(wire.substring(0, 20)));
        ch.writeInbound(ascii(wire.substring(20, wire.length() - 5)));
        assertThat((Object) ch.readInbound()).isNull();
        ch.writeInbound(ascii(wire.substring(wire.length() - 5)));
        HttpAnswerDecoder.Answer a = ch.readInbound();
        assertThat(a.status()).isEqualTo(200);
        assertThat(new String(a.body(), StandardCharsets.UTF_8)).isEqualTo(body);
        assertThat(a.all("Set-Cookie")).containsExactly("a=1", "b=2");
    }
}
