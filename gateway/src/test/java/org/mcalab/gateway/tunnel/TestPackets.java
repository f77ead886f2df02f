package org.mcalab.gateway.tunnel;

import java.nio.ByteBuffer;

/**
 * Builds and checks IPv4 packets for tests, on byte arrays with a deliberately plain 16-bit checksum loop,
 * independent of the gateway's {@link Ipv4Packet}.
 */
final class TestPackets {
    private TestPackets() {
    }

    static int ip(String dotted) {
        String[] p = dotted.split("\\.");
        return Integer.parseInt(p[0]) << 24 | Integer.parseInt(p[1]) << 16 | Integer.parseInt(p[2]) << 8 | Integer.parseInt(p[3]);
    }

    static byte[] icmpEcho(String src, String dst, int id, int seq, byte[] data) {
        byte[] icmp = new byte[8 + data.length];
        ByteBuffer b = ByteBuffer.wrap(icmp);
        b.put((byte) 8).put((byte) 0).putShort((short) 0).putShort((short) id).putShort((short) seq).put(data);
        b.putShort(2, (short) checksum(icmp, 0, icmp.length, 0));
        return ipv4(src, dst, 1, icmp);
    }

    static byte[] udp(String src, String dst, int sport, int dport, byte[] data) {
        byte[] udp = new byte[8 + data.length];
        ByteBuffer b = ByteBuffer.wrap(udp);
        b.putShort((short) sport).putShort((short) dport).putShort((short) udp.length).putShort((short) 0).put(data);
        long pseudo = (ip(src) >>> 16) + (ip(src) & 0xffff) + (ip(dst) >>> 16) + (ip(dst) & 0xffff) + 17 + udp.length;
        int c = checksum(udp, 0, udp.length, pseudo);
        b.putShort(6, (short) (c == 0 ? 0xffff : c));
        return ipv4(src, dst, 17, udp);
    }

    static byte[] ipv4(String src, String dst, int protocol, byte[] payload) {
        byte[] p = new byte[20 + payload.length];
        ByteBuffer b = ByteBuffer.wrap(p);
        b.put((byte) 0x45).put((byte) 0).putShort((short) p.length).putShort((short) 0x1234).putShort((short) 0x4000)
                .put((byte) 64).put((byte) protocol).putShort((short) 0).putInt(ip(src)).putInt(ip(dst)).put(payload);
        b.putShort(10, (short) checksum(p, 0, 20, 0));
        return p;
    }

    /** RFC 1071, 16 bits at a time. */
    static int checksum(byte[] data, int offset, int length, long initial) {
        long sum = initial;
        for (int i = 0; i < length; i += 2) {
            int hi = data[offset + i] & 0xff;
            int lo = i + 1 < length ? data[offset + i + 1] & 0xff : 0;
            sum += hi << 8 | lo;
        }
        while (sum >> 16 != 0) {
            sum = (sum & 0xffff) + (sum >> 16);
        }
        return (int) (~sum & 0xffff);
    }

    static boolean ipHeaderChecksumValid(byte[] p) {
        return checksum(p, 0, (p[0] & 0x0f) * 4, 0) == 0;
    }

    static boolean icmpChecksumValid(byte[] p) {
        int h = (p[0] & 0x0f) * 4;
        return checksum(p, h, p.length - h, 0) == 0;
    }

    static boolean udpChecksumValid(byte[] p) {
        int h = (p[0] & 0x0f) * 4;
        ByteBuffer b = ByteBuffer.wrap(p);
        int src = b.getInt(12);
        int dst = b.getInt(16);
        int len = p.length - h;
        long pseudo = (src >>> 16) + (src & 0xffff) + (dst >>> 16) + (dst & 0xffff) + 17 + len;
        return checksum(p, h, len, pseudo) == 0;
    }
}
