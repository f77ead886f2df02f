package org.mcalab.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.net.Inet4Address;
import java.net.InetAddress;
import org.junit.jupiter.api.Test;

class UdpPacketsTest {
    private static Inet4Address ip(String s) throws Exception {
        return (Inet4Address) InetAddress.getByName(s);
    }

    @Test
    void buildsAValidIpv4UdpPacketOfTheRequestedSize() throws Exception {
        byte[] p = UdpPackets.packet(ip("192.168.128.7"), ip("192.168.1.10"), 40001, 9, 1400);
        assertThat(p).hasSize(1400);
        assertThat(p[0]).isEqualTo((byte) 0x45);
        assertThat(((p[2] & 0xff) << 8) | (p[3] & 0xff)).isEqualTo(1400);
        assertThat(p[9]).isEqualTo((byte) 17);
        // a header whose checksum field is filled in sums to zero
        assertThat(UdpPackets.checksum(p, 0, 20)).isZero();
        assertThat(((p[22] & 0xff) << 8) | (p[23] & 0xff)).isEqualTo(9);
        assertThat(((p[24] & 0xff) << 8) | (p[25] & 0xff)).isEqualTo(1380);
        assertThat(new byte[] {p[12], p[13], p[14], p[15]}).isEqualTo(ip("192.168.128.7").getAddress());
        assertThat(new byte[] {p[16], p[17], p[18], p[19]}).isEqualTo(ip("192.168.1.10").getAddress());
    }

    @Test
    void theStampTravelsInThePayloadAndComesBackReadable() throws Exception {
        byte[] p = UdpPackets.packet(ip("10.0.0.1"), ip("10.0.0.2"), 1, 7, 100);
        ByteBuf frame = Unpooled.buffer();
        frame.writeZero(8).writeBytes(p);
        UdpPackets.stamp(frame, 8, 42, 123_456_789L);
        ByteBuf ip = frame.slice(8, p.length);
        assertThat(UdpPackets.sentNanos(ip)).isEqualTo(123_456_789L);
        assertThat(ip.getLong(28)).isEqualTo(42);
    }

    @Test
    void refusesPacketsTooSmallForTheStamp() throws Exception {
        assertThatThrownBy(() -> UdpPackets.packet(ip("10.0.0.1"), ip("10.0.0.2"), 1, 7, UdpPackets.MIN_SIZE - 1))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
