package org.mcalab.protocol.cstp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class CstpCodecTest {
    @Test
    void encodesTheLabsDpdResponseAndBye() {
        EmbeddedChannel ch = new EmbeddedChannel(CstpFrameEncoder.INSTANCE);
        ch.writeOutbound(CstpFrame.empty(CstpPacketType.DPD_RESPONSE));
        ByteBuf dpd = ch.readOutbound();
        assertThat(ByteBufUtil.hexDump(dpd)).isEqualTo("5354460100000400");
        dpd.release();
        String byeHex = "53544601001205" + "00b0" + ByteBufUtil.hexDump("Aborted by caller".getBytes(StandardCharsets.US_ASCII));
        CstpFrame logout = CstpFrame.logout();
        assertThat(ByteBufUtil.hexDump(logout.wireBytes())).as("the same bytes without a pipeline").isEqualTo(byeHex);
        ch.writeOutbound(logout);
        ByteBuf out = ch.readOutbound();
        assertThat(ByteBufUtil.hexDump(out)).isEqualTo(byeHex);
        out.release();
    }

    @Test
    void decodesFramesSplitAndCoalescedInTheStream() {
        EmbeddedChannel ch = new EmbeddedChannel(new CstpFrameDecoder(1500));
        ByteBuf wire = Unpooled.buffer();
        CstpFrameEncoder.writeFrame(0, Unpooled.wrappedBuffer(new byte[] {1, 2, 3}), wire);
        CstpFrameEncoder.writeFrame(7, Unpooled.EMPTY_BUFFER, wire);
        ch.writeInbound(wire.readRetainedSlice(5));
        assertThat((Object) ch.readInbound()).isNull();
        ch.writeInbound(wire.readRetainedSlice(wire.readableBytes()));
        wire.release();
        CstpFrame a = ch.readInbound();
        CstpFrame b = ch.readInbound();
        assertThat(a.type()).isEqualTo(CstpPacketType.DATA);
        assertThat(ByteBufUtil.getBytes(a.payload())).containsExactly(1, 2, 3);
        assertThat(b.type()).isEqualTo(CstpPacketType.KEEPALIVE);
        a.release();
        b.release();
    }

    @Test
    void unknownTypesAreDeliveredForTheHandlerToJudge() {
        EmbeddedChannel ch = new EmbeddedChannel(new CstpFrameDecoder(100));
        ch.writeInbound(Unpooled.wrappedBuffer(new byte[] {'S', 'T', 'F', 1, 0, 0, 0x42, 0}));
        CstpFrame f = ch.readInbound();
        assertThat(f.type()).isNull();
        assertThat(f.typeCode()).isEqualTo(0x42);
    }

    @Test
    void badMagicReservedByteAndOversizeAreTypedErrors() {
        assertThatThrownBy(() -> new EmbeddedChannel(new CstpFrameDecoder(100))
                .writeInbound(Unpooled.wrappedBuffer(new byte[] {'G', 'E', 'T', ' ', 0, 0, 0, 0})))
                .isInstanceOf(CstpFrameException.class).hasMessageContaining("MCA-ROB-2").hasMessageContaining("magic");
        assertThatThrownBy(() -> new EmbeddedChannel(new CstpFrameDecoder(100))
                .writeInbound(Unpooled.wrappedBuffer(new byte[] {'S', 'T', 'F', 1, 0, 0, 0, 1})))
                .isInstanceOf(CstpFrameException.class).hasMessageContaining("reserved");
        assertThatThrownBy(() -> new EmbeddedChannel(new CstpFrameDecoder(100))
                .writeInbound(Unpooled.wrappedBuffer(new byte[] {'S', 'T', 'F', 1, 0x05, (byte) 0xDC, 0, 0})))
                .isInstanceOf(CstpFrameException.class).hasMessageContaining("1500 exceeds the limit 100");
    }
}
