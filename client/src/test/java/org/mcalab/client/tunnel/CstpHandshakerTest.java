package org.mcalab.client.tunnel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;
import org.mcalab.protocol.cstp.ConnectAnswer;
import org.mcalab.protocol.cstp.ConnectRequest;
import org.mcalab.protocol.cstp.CstpFrame;
import org.mcalab.protocol.cstp.CstpFrameDecoder;
import org.mcalab.protocol.cstp.CstpFrameEncoder;
import org.mcalab.protocol.cstp.CstpPacketType;

/** The handshaker on a channel without TLS: what it sends, what it accepts, and the pipeline it leaves. */
class CstpHandshakerTest {
    private static final ConnectRequest REQUEST = ConnectRequest.openconnect("gw:8443", "TOKEN");

    /** Records what reaches the tunnel handler and whether the handshake had completed by then. */
    private static final class Tunnel extends ChannelInboundHandlerAdapter {
        final List<Object> seen = new ArrayList<>();
        CompletableFuture<ConnectAnswer> handshake;
        boolean upBeforeFirstFrame;

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (seen.isEmpty()) {
                upBeforeFirstFrame = handshake.isDone() && !handshake.isCompletedExceptionally();
            }
            seen.add(msg);
        }
    }

    private static ByteBuf ascii(String s) {
        return Unpooled.copiedBuffer(s, StandardCharsets.ISO_8859_1);
    }

    private static String sent(EmbeddedChannel ch) {
        ByteBuf out = ch.readOutbound();
        try {
            return out.toString(StandardCharsets.US_ASCII);
        } finally {
            out.release();
        }
    }

    @Test
    void sendsTheRequestThenSwitchesToCstpWithTheFrameBehindTheHead() throws Exception {
        Tunnel tunnel = new Tunnel();
        EmbeddedChannel ch = new EmbeddedChannel(tunnel);
        tunnel.handshake = CstpHandshaker.handshake(ch, REQUEST);
        assertThat(sent(ch)).isEqualTo(REQUEST.wireText());

        ByteBuf wire = ascii("HTTP/1.1 200 CONNECTED\r\nX-CSTP-Address: 192.168.100.7\r\nX-CSTP-MTU: 1390\r\n\r\n");
        CstpFrameEncoder.writeFrame(CstpPacketType.DPD_REQUEST.code(), Unpooled.EMPTY_BUFFER, wire);
        ch.writeInbound(wire.readRetainedSlice(30));
        assertThat(tunnel.handshake).isNotDone();
        ch.writeInbound(wire);

        assertThat(tunnel.handshake.get().address().orElseThrow().getHostAddress()).isEqualTo("192.168.100.7");
        assertThat(tunnel.upBeforeFirstFrame).as("the answer is known before the first frame is handled").isTrue();
        assertThat(tunnel.seen).hasSize(1);
        CstpFrame first = (CstpFrame) tunnel.seen.get(0);
        assertThat(first.type()).isEqualTo(CstpPacketType.DPD_REQUEST);
        first.release();
        assertThat(ch.pipeline().get(CstpHandshaker.class)).isNull();
        assertThat(ch.pipeline().get(CstpFrameDecoder.class)).isNotNull();
        ch.writeOutbound(CstpFrame.logout());
        assertThat(sent(ch)).startsWith("STF\u0001");
    }

    @Test
    void aRefusalFailsWithStatusAndReasonAndCloses() {
        Tunnel tunnel = new Tunnel();
        EmbeddedChannel ch = new EmbeddedChannel(tunnel);
        tunnel.handshake = CstpHandshaker.handshake(ch, REQUEST);
        ch.writeInbound(ascii("HTTP/1.1 503 Service Unavailable\r\nX-Reason: address pool exhausted\r\n\r\n"));
        assertThatThrownBy(tunnel.handshake::get).isInstanceOf(ExecutionException.class).cause()
                .isInstanceOf(TunnelException.class)
                .hasMessage("CONNECT refused: HTTP/1.1 503 Service Unavailable (X-Reason: address pool exhausted)");
        assertThat(ch.isActive()).isFalse();
        assertThat(tunnel.seen).isEmpty();
    }

    @Test
    void lowerCaseNamesAreNotOpenconnectsAndFail() {
        Tunnel tunnel = new Tunnel();
        EmbeddedChannel ch = new EmbeddedChannel(tunnel);
        tunnel.handshake = CstpHandshaker.handshake(ch, REQUEST);
        ch.writeInbound(ascii("HTTP/1.1 200 CONNECTED\r\nx-cstp-address: 192.168.100.7\r\nx-cstp-mtu: 1390\r\n\r\n"));
        assertThatThrownBy(tunnel.handshake::get).cause().hasMessageStartingWith("No IP address received");
        assertThat(ch.isActive()).isFalse();
    }

    @Test
    void compressionThisClientCannotUndoFails() {
        Tunnel tunnel = new Tunnel();
        EmbeddedChannel ch = new EmbeddedChannel(tunnel);
        tunnel.handshake = CstpHandshaker.handshake(ch, REQUEST);
        ch.writeInbound(ascii("HTTP/1.1 200 CONNECTED\r\nX-CSTP-Address: 192.168.100.7\r\nX-CSTP-MTU: 1390\r\n"
                + "X-CSTP-Content-Encoding: lzs\r\n\r\n"));
        assertThatThrownBy(tunnel.handshake::get).cause().hasMessageContaining("does not decompress");
    }

    @Test
    void aCloseBeforeTheAnswerFails() {
        Tunnel tunnel = new Tunnel();
        EmbeddedChannel ch = new EmbeddedChannel(tunnel);
        tunnel.handshake = CstpHandshaker.handshake(ch, REQUEST);
        ch.close();
        assertThatThrownBy(tunnel.handshake::get).cause().hasMessageContaining("closed the connection before answering");
    }
}
