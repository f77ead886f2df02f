package org.mcalab.gateway.tunnel;

import io.netty.buffer.ByteBuf;

/**
 * Reads and rewrites IPv4 packets in place, straight on the tunnel's buffer: no parsing into objects,
 * because every packet of a throughput run passes through here. Offsets are relative to the buffer's
 * reader index.
 */
final class Ipv4Packet {
    static final int PROTOCOL_ICMP = 1;
    static final int PROTOCOL_UDP = 17;
    static final int ICMP_ECHO_REPLY = 0;
    static final int ICMP_ECHO_REQUEST = 8;
    static final int UDP_HEADER = 8;

    private Ipv4Packet() {
    }

    /**
     * Why the packet is not a well-formed IPv4 packet, or null when it is: version 4, a header of at
     * least 20 bytes with a valid checksum, a total length that fits, and for UDP/ICMP a transport
     * header that fits. Trailing bytes past the total length are tolerated (the caller trims them).
     */
    static String malformation(ByteBuf packet) {
        int readable = packet.readableBytes();
        if (readable < 20) {
            return "shorter than an IPv4 header (" + readable + " bytes)";
        }
        int base = packet.readerIndex();
        int first = packet.getUnsignedByte(base);
        if (first >> 4 != 4) {
            return "IP version " + (first >> 4);
        }
        int headerLength = (first & 0x0f) * 4;
        int totalLength = packet.getUnsignedShort(base + 2);
        if (headerLength < 20 || totalLength < headerLength || totalLength > readable) {
            return "inconsistent lengths (header " + headerLength + ", total " + totalLength + ", have " + readable + ")";
        }
        if (checksum(packet, base, headerLength, 0) != 0) {
            return "bad IPv4 header checksum";
        }
        int protocol = protocol(packet);
        int payload = totalLength - headerLength;
        if (isFragment(packet)) {
            return null; // delivered as is; only whole datagrams are answered
        }
        if (protocol == PROTOCOL_UDP) {
            if (payload < UDP_HEADER) {
                return "truncated UDP header";
            }
            int udpLength = packet.getUnsignedShort(base + headerLength + 4);
            if (udpLength < UDP_HEADER || udpLength > payload) {
                return "bad UDP length " + udpLength;
            }
        } else if (protocol == PROTOCOL_ICMP && payload < 8) {
            return "truncated ICMP header";
        }
        return null;
    }

    static int headerLength(ByteBuf packet) {
        return (packet.getUnsignedByte(packet.readerIndex()) & 0x0f) * 4;
    }

    static int totalLength(ByteBuf packet) {
        return packet.getUnsignedShort(packet.readerIndex() + 2);
    }

    static int protocol(ByteBuf packet) {
        return packet.getUnsignedByte(packet.readerIndex() + 9);
    }

    static int source(ByteBuf packet) {
        return packet.getInt(packet.readerIndex() + 12);
    }

    static int destination(ByteBuf packet) {
        return packet.getInt(packet.readerIndex() + 16);
    }

    /** More-fragments set or a non-zero fragment offset. */
    static boolean isFragment(ByteBuf packet) {
        return (packet.getUnsignedShort(packet.readerIndex() + 6) & 0x3fff) != 0;
    }

    /** Swaps source and destination address; the header checksum is a sum, so it stays valid. */
    static void swapAddresses(ByteBuf packet) {
        int base = packet.readerIndex();
        int src = packet.getInt(base + 12);
        packet.setInt(base + 12, packet.getInt(base + 16));
        packet.setInt(base + 16, src);
    }

    /**
     * Turns an ICMP echo request into the reply in place: addresses swapped, type 0, code 0, checksum
     * recomputed over the whole ICMP message; identifier, sequence and data stay as they are.
     */
    static void toEchoReply(ByteBuf packet) {
        swapAddresses(packet);
        int icmp = packet.readerIndex() + headerLength(packet);
        int length = totalLength(packet) - headerLength(packet);
        packet.setByte(icmp, ICMP_ECHO_REPLY);
        packet.setByte(icmp + 1, 0);
        packet.setShort(icmp + 2, 0);
        packet.setShort(icmp + 2, checksum(packet, icmp, length, 0));
    }

    /**
     * Turns a UDP datagram into its echo in place: addresses and ports swapped. The UDP checksum covers
     * the pseudo header and both ports as 16-bit words of one sum, so swapping keeps it valid (and a zero
     * checksum, "none", stays zero).
     */
    static void toUdpEcho(ByteBuf packet) {
        swapAddresses(packet);
        int udp = packet.readerIndex() + headerLength(packet);
        int sourcePort = packet.getUnsignedShort(udp);
        packet.setShort(udp, packet.getUnsignedShort(udp + 2));
        packet.setShort(udp + 2, sourcePort);
    }

    static int icmpType(ByteBuf packet) {
        return packet.getUnsignedByte(packet.readerIndex() + headerLength(packet));
    }

    static int udpDestinationPort(ByteBuf packet) {
        return packet.getUnsignedShort(packet.readerIndex() + headerLength(packet) + 2);
    }

    /**
     * The Internet checksum (RFC 1071) of {@code length} bytes at absolute index {@code offset}, folded
     * and complemented, starting from the partial sum {@code initial}. Over a region that already holds a
     * valid checksum the result is 0.
     */
    static int checksum(ByteBuf buf, int offset, int length, long initial) {
        long sum = initial;
        int i = offset;
        int end = offset + length;
        for (; i + 3 < end; i += 4) {
            sum += buf.getUnsignedInt(i);
        }
        for (; i + 1 < end; i += 2) {
            sum += buf.getUnsignedShort(i);
        }
        if (i < end) {
            sum += buf.getUnsignedByte(i) << 8;
        }
        while (sum >>> 16 != 0) {
            sum = (sum & 0xffff) + (sum >>> 16);
        }
        return (int) (~sum & 0xffff);
    }
}
