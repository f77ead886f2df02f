package org.mcalab.gateway.tunnel;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class VirtualInsideNetworkTest {
    private static final String CLIENT = "192.168.100.1";
    private final VirtualInsideNetwork network = new VirtualInsideNetwork(TunnelSettings.hostedNetworks(SeedConfig.seed()));
    private final List<byte[]> toClient = new ArrayList<>();
    private final InsideNetwork.Port port = network.attach(addr(CLIENT), p -> {
        toClient.add(ByteBufUtil.getBytes(p));
        p.release();
    });

    @Test
    void everyHostOfTheSplitNetworkAnswersPingWithTheSameIdSequenceAndData() {
        byte[] data = "abcdefghijklmnopqrstuvwxyz0123456789".getBytes();
        for (String host : List.of("192.168.1.1", "192.168.1.77", "192.168.1.254")) {
            toClient.clear();
            ByteBuf request = Unpooled.wrappedBuffer(TestPackets.icmpEcho(CLIENT, host, 0x4242, 7, data));
            assertThat(port.send(request)).isNull();
            assertThat(request.refCnt()).isZero();
            assertThat(toClient).hasSize(1);
            byte[] reply = toClient.get(0);
            ByteBuffer b = ByteBuffer.wrap(reply);
            assertThat(b.getInt(12)).isEqualTo(TestPackets.ip(host));
            assertThat(b.getInt(16)).isEqualTo(TestPackets.ip(CLIENT));
            assertThat(reply[20]).as("echo reply").isEqualTo((byte) 0);
            assertThat(b.getShort(24)).isEqualTo((short) 0x4242);
            assertThat(b.getShort(26)).isEqualTo((short) 7);
            assertThat(Arrays.copyOfRange(reply, 28, reply.length)).isEqualTo(data);
            assertThat(TestPackets.ipHeaderChecksumValid(reply)).isTrue();
            assertThat(TestPackets.icmpChecksumValid(reply)).isTrue();
        }
        assertThat(network.stats().echoed()).isEqualTo(3);
    }

    @Test
    void oddLengthPingPayloadGetsAValidChecksum() {
        byte[] data = new byte[1001];
        Arrays.fill(data, (byte) 0xA5);
        port.send(Unpooled.wrappedBuffer(TestPackets.icmpEcho(CLIENT, "192.168.1.9", 1, 2, data)));
        assertThat(TestPackets.icmpChecksumValid(toClient.get(0))).isTrue();
    }

    @Test
    void udpEchoSwapsAddressesAndPortsAndKeepsPayloadAndChecksum() {
        byte[] data = "hello echo".getBytes();
        port.send(Unpooled.wrappedBuffer(TestPackets.udp(CLIENT, "192.168.1.1", 40000, 7, data)));
        byte[] reply = toClient.get(0);
        ByteBuffer b = ByteBuffer.wrap(reply);
        assertThat(b.getInt(12)).isEqualTo(TestPackets.ip("192.168.1.1"));
        assertThat(b.getInt(16)).isEqualTo(TestPackets.ip(CLIENT));
        assertThat(b.getShort(20) & 0xffff).isEqualTo(7);
        assertThat(b.getShort(22) & 0xffff).isEqualTo(40000);
        assertThat(Arrays.copyOfRange(reply, 28, reply.length)).isEqualTo(data);
        assertThat(TestPackets.udpChecksumValid(reply)).isTrue();
        assertThat(TestPackets.ipHeaderChecksumValid(reply)).isTrue();
    }

    @Test
    void discardCountsOnlyAndNothingComesBack() {
        for (int i = 0; i < 5; i++) {
            assertThat(port.send(Unpooled.wrappedBuffer(TestPackets.udp(CLIENT, "192.168.1.1", 40000, 9, new byte[1372])))).isNull();
        }
        assertThat(toClient).isEmpty();
        assertThat(network.stats().discarded()).isEqualTo(5);
        assertThat(network.stats().discardedBytes()).isEqualTo(5 * 1400);
    }

    @Test
    void packetsToElsewhereOrWithAForeignSourceAreDroppedWithAReason() {
        assertThat(port.send(Unpooled.wrappedBuffer(TestPackets.icmpEcho(CLIENT, "10.0.0.1", 1, 1, new byte[8]))))
                .contains("no route to 10.0.0.1");
        assertThat(port.send(Unpooled.wrappedBuffer(TestPackets.icmpEcho("192.168.100.99", "192.168.1.1", 1, 1, new byte[8]))))
                .contains("not the tunnel's address");
        assertThat(port.send(Unpooled.wrappedBuffer(TestPackets.udp(CLIENT, "192.168.1.1", 1, 53, new byte[8]))))
                .contains("no UDP service");
        assertThat(toClient).isEmpty();
        assertThat(network.stats().dropped()).isEqualTo(3);
    }

    @Test
    void malformedPacketsAreDroppedNeverThrown() {
        byte[] good = TestPackets.udp(CLIENT, "192.168.1.1", 1, 7, new byte[16]);
        byte[] badChecksum = good.clone();
        badChecksum[10] ^= 1;
        byte[] longerThanItIs = good.clone();
        longerThanItIs[3] = (byte) 200;
        byte[] ipv6 = good.clone();
        ipv6[0] = 0x60;
        byte[] tinyHeader = TestPackets.ipv4(CLIENT, "192.168.1.1", 17, new byte[4]);
        List<byte[]> bad = List.of(new byte[0], new byte[7], badChecksum, longerThanItIs, ipv6, tinyHeader);
        for (byte[] p : bad) {
            ByteBuf buf = Unpooled.buffer(p.length).writeBytes(p);
            assertThat(port.send(buf)).startsWith("malformed");
            assertThat(buf.refCnt()).isZero();
        }
        assertThat(network.stats().dropped()).isEqualTo(bad.size());
        assertThat(toClient).isEmpty();
    }

    @Test
    void trailingBytesPastTheTotalLengthAreTrimmed() {
        byte[] ping = TestPackets.icmpEcho(CLIENT, "192.168.1.1", 1, 1, new byte[10]);
        byte[] padded = Arrays.copyOf(ping, ping.length + 6);
        port.send(Unpooled.wrappedBuffer(padded));
        assertThat(toClient.get(0)).hasSize(ping.length);
    }

    @Test
    void packetsBetweenClientsAreRoutedAndAfterDetachDropped() {
        List<byte[]> other = new ArrayList<>();
        InsideNetwork.Port second = network.attach(addr("192.168.100.2"), p -> {
            other.add(ByteBufUtil.getBytes(p));
            p.release();
        });
        byte[] packet = TestPackets.udp(CLIENT, "192.168.100.2", 5000, 6000, "peer".getBytes());
        assertThat(port.send(Unpooled.wrappedBuffer(packet))).isNull();
        assertThat(other).containsExactly(packet);
        assertThat(network.stats().routed()).isEqualTo(1);
        second.detach();
        assertThat(port.send(Unpooled.wrappedBuffer(packet))).contains("no route");
    }

    private static Inet4Address addr(String dotted) {
        try {
            return (Inet4Address) InetAddress.getByName(dotted);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
