package org.mcalab.client.tunnel;

import java.net.Inet4Address;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * The client's IPv4 packets (ICMP echo, UDP) and the checks on the gateway's replies. The reply's IP header
 * may differ (a real gateway picks its own identification and TTL), so it is checked for validity and
 * addresses; the ICMP/UDP part must be the request's, turned around, byte for byte.
 */
final class Packets {
    static final int ICMP = 1;
    static final int UDP = 17;

    private Packets() {
    }

    static byte[] icmpEcho(Inet4Address src, Inet4Address dst, int id, int seq, byte[] data) {
        byte[] icmp = new byte[8 + data.length];
        ByteBuffer b = ByteBuffer.wrap(icmp);
        b.put((byte) 8).put((byte) 0).putShort((short) 0).putShort((short) id).putShort((short) seq).put(data);
        b.putShort(2, (short) checksum(icmp, 0, icmp.length, 0));
        return ipv4(src, dst, ICMP, icmp, seq);
    }

    static byte[] udp(Inet4Address src, Inet4Address dst, int sport, int dport, byte[] data, int ident) {
        byte[] udp = new byte[8 + data.length];
        ByteBuffer b = ByteBuffer.wrap(udp);
        b.putShort((short) sport).putShort((short) dport).putShort((short) udp.length).putShort((short) 0).put(data);
        int c = checksum(udp, 0, udp.length, pseudoHeader(toInt(src), toInt(dst), udp.length));
        b.putShort(6, (short) (c == 0 ? 0xffff : c));
        return ipv4(src, dst, UDP, udp, ident);
    }

    static byte[] ipv4(Inet4Address src, Inet4Address dst, int protocol, byte[] payload, int ident) {
        byte[] p = new byte[20 + payload.length];
        ByteBuffer b = ByteBuffer.wrap(p);
        b.put((byte) 0x45).put((byte) 0).putShort((short) p.length).putShort((short) ident).putShort((short) 0x4000)
                .put((byte) 64).put((byte) protocol).putShort((short) 0).put(src.getAddress()).put(dst.getAddress()).put(payload);
        b.putShort(10, (short) checksum(p, 0, 20, 0));
        return p;
    }

    /** Null when {@code reply} answers the echo {@code request}; else what is wrong with it. */
    static String checkEchoReply(byte[] request, byte[] reply) {
        String header = checkTurnedAround(request, reply);
        if (header != null) {
            return header;
        }
        int rq = headerLength(request);
        int rp = headerLength(reply);
        if (checksum(reply, rp, reply.length - rp, 0) != 0) {
            return "bad ICMP checksum";
        }
        if (reply[rp] != 0 || reply[rp + 1] != 0) {
            return "ICMP type/code " + reply[rp] + "/" + reply[rp + 1] + ", expected echo reply 0/0";
        }
        if (!Arrays.equals(request, rq + 4, request.length, reply, rp + 4, reply.length)) {
            return "identifier, sequence or data differ from the request";
        }
        return null;
    }

    /** Null when {@code reply} is the UDP echo of {@code request} (ports swapped, same payload, valid checksum). */
    static String checkUdpEcho(byte[] request, byte[] reply) {
        String header = checkTurnedAround(request, reply);
        if (header != null) {
            return header;
        }
        int rq = headerLength(request);
        int rp = headerLength(reply);
        ByteBuffer q = ByteBuffer.wrap(request);
        ByteBuffer r = ByteBuffer.wrap(reply);
        if (r.getShort(rp) != q.getShort(rq + 2) || r.getShort(rp + 2) != q.getShort(rq)) {
            return "ports not swapped";
        }
        int length = reply.length - rp;
        if (r.getShort(rp + 6) != 0 && checksum(reply, rp, length, pseudoHeader(r.getInt(12), r.getInt(16), length)) != 0) {
            return "bad UDP checksum";
        }
        if (!Arrays.equals(request, rq + 8, request.length, reply, rp + 8, reply.length)) {
            return "payload differs from the request";
        }
        return null;
    }

    private static String checkTurnedAround(byte[] request, byte[] reply) {
        if (reply.length < 20 || (reply[0] & 0xf0) != 0x40) {
            return "not an IPv4 packet";
        }
        int h = headerLength(reply);
        ByteBuffer r = ByteBuffer.wrap(reply);
        ByteBuffer q = ByteBuffer.wrap(request);
        if (h < 20 || (r.getShort(2) & 0xffff) != reply.length || checksum(reply, 0, h, 0) != 0) {
            return "bad IPv4 header (length or checksum)";
        }
        if (reply[9] != request[9]) {
            return "IP protocol " + reply[9] + ", expected " + request[9];
        }
        if (r.getInt(12) != q.getInt(16) || r.getInt(16) != q.getInt(12)) {
            return "addresses not swapped";
        }
        if (reply.length - h != request.length - headerLength(request)) {
            return "reply length " + reply.length + " does not match the request";
        }
        return null;
    }

    static int headerLength(byte[] p) {
        return (p[0] & 0x0f) * 4;
    }

    static int protocol(byte[] p) {
        return p[9] & 0xff;
    }

    static long pseudoHeader(int src, int dst, int length) {
        return (src >>> 16) + (src & 0xffff) + (dst >>> 16) + (dst & 0xffff) + UDP + length;
    }

    static int toInt(Inet4Address a) {
        return ByteBuffer.wrap(a.getAddress()).getInt();
    }

    /** RFC 1071 over {@code length} bytes from {@code offset}, starting from a partial sum. */
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
}
