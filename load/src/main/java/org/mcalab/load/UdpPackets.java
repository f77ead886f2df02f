package org.mcalab.load;

import io.netty.buffer.ByteBuf;
import java.net.Inet4Address;

/**
 * IPv4/UDP datagrams as a tunnel client sends them to the inside hosts: a 20-byte IPv4 header with a valid checksum
 * (the gateway checks it), an 8-byte UDP header without checksum (0 is allowed over IPv4), and a payload that starts
 * with a sequence number and the send time, so an echoed packet tells its round-trip time.
 */
final class UdpPackets {
    static final int IP_HEADER = 20;
    static final int UDP_HEADER = 8;
    static final int STAMP = 16;
    /** The smallest packet that can carry the stamp. */
    static final int MIN_SIZE = IP_HEADER + UDP_HEADER + STAMP;
    static final int DISCARD_PORT = 9;
    static final int ECHO_PORT = 7;

    private UdpPackets() {}

    /** @param size the whole IP packet, headers included */
    static byte[] packet(Inet4Address source, Inet4Address destination, int sourcePort, int destinationPort, int size) {
        if (size < MIN_SIZE || size > 0xFFFF) {
            throw new IllegalArgumentException("packet size must be " + MIN_SIZE + ".." + 0xFFFF + " bytes, not " + size);
        }
        byte[] p = new byte[size];
        p[0] = 0x45;
        putShort(p, 2, size);
        putShort(p, 6, 0x4000); // don't fragment: the inside hosts do not reassemble
        p[8] = 64;
        p[9] = 17;
        System.arraycopy(source.getAddress(), 0, p, 12, 4);
        System.arraycopy(destination.getAddress(), 0, p, 16, 4);
        putShort(p, 10, checksum(p, 0, IP_HEADER));
        putShort(p, IP_HEADER, sourcePort);
        putShort(p, IP_HEADER + 2, destinationPort);
        putShort(p, IP_HEADER + 4, size - IP_HEADER);
        return p;
    }

    /** Writes sequence number and send time into a packet starting at {@code ipOffset} of {@code buf}. */
    static void stamp(ByteBuf buf, int ipOffset, long sequence, long nanos) {
        buf.setLong(ipOffset + IP_HEADER + UDP_HEADER, sequence);
        buf.setLong(ipOffset + IP_HEADER + UDP_HEADER + 8, nanos);
    }

    /** Send time of an echoed packet (its payload comes back unchanged), or -1 when it is too short. */
    static long sentNanos(ByteBuf ip) {
        int header = (ip.getUnsignedByte(ip.readerIndex()) & 0x0f) * 4;
        int at = ip.readerIndex() + header + UDP_HEADER + 8;
        return ip.writerIndex() >= at + 8 ? ip.getLong(at) : -1;
    }

    static int checksum(byte[] b, int offset, int length) {
        long sum = 0;
        for (int i = offset; i < offset + length; i += 2) {
            sum += ((b[i] & 0xff) << 8) | (i + 1 < offset + length ? b[i + 1] & 0xff : 0);
        }
        while ((sum >> 16) != 0) {
            sum = (sum & 0xffff) + (sum >> 16);
        }
        return (int) (~sum & 0xffff);
    }

    private static void putShort(byte[] b, int at, int v) {
        b[at] = (byte) (v >>> 8);
        b[at + 1] = (byte) v;
    }
}
