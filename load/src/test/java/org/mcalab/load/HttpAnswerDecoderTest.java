package org.mcalab.load;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.mcalab.protocol.cstp.CstpFrame;
import org.mcalab.protocol.cstp.CstpFrameEncoder;
import org.mcalab.protocol.cstp.CstpPacketType;

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

    @Test
    void aConnect200HandsTheRestOfTheStreamToTheCstpDecoder() {
        HttpAnswerDecoder decoder = new HttpAnswerDecoder();
        EmbeddedChannel ch = new EmbeddedChannel(decoder);
        decoder.expectConnect(1500);
        ByteBuf wire = ascii("HTTP/1.1 200 CONNECTED\r\nX-CSTP-Address: 192.168.128.1\r\nX-CSTP-MTU: 1399\r\n\r\n");
        CstpFrameEncoder.writeFrame(CstpPacketType.DPD_REQUEST.code(), Unpooled.EMPTY_BUFFER, wire);
        ch.writeInbound(wire);
        HttpAnswerDecoder.Answer a = ch.readInbound();
        assertThat(a.header("x-cstp-address")).isEqualTo("192.168.128.1");
        assertThat(a.body()).isEmpty();
        CstpFrame first = ch.readInbound();
        assertThat(first.type()).isEqualTo(CstpPacketType.DPD_REQUEST);
        first.release();
        assertThat(ch.pipeline().get(HttpAnswerDecoder.class)).isNull();
    }

    @Test
    void aRefusedConnectStaysHttp() {
        HttpAnswerDecoder decoder = new HttpAnswerDecoder();
        EmbeddedChannel ch = new EmbeddedChannel(decoder);
        decoder.expectConnect(1500);
        ch.writeInbound(ascii("HTTP/1.1 503 Service Unavailable\r\nX-Reason: address pool exhausted\r\nContent-Length: 0\r\n\r\n"));
        HttpAnswerDecoder.Answer a = ch.readInbound();
        assertThat(a.status()).isEqualTo(503);
        assertThat(a.header("X-Reason")).isEqualTo("address pool exhausted");
        assertThat(ch.pipeline().get(HttpAnswerDecoder.class)).isNotNull();
    }
}
