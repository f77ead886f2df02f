package org.mcalab.conformance.probe;

import java.net.Inet4Address;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * ICMP echo requests for the tunnels the probe drives by hand (the raw CSTP link and DTLS), and the check on the
 * reply: a valid IPv4 header from the pinged host to us, ICMP echo reply with a valid checksum, and identifier,
 * sequence and data equal to the request's byte for byte.
 */
final class IcmpEcho {
    static final int PROTOCOL = 1;
    private static final int ID = 0x7072; // "pr"

    private IcmpEcho() {
    }

    static byte[] request(Inet4Address from, Inet4Address to, int seq, int dataBytes) {
        byte[] icmp = new byte[8 + dataBytes];
        ByteBuffer b = ByteBuffer.wrap(icmp);
        b.put((byte) 8).put((byte) 0).putShort((short) 0).putShort((short) ID).putShort((short) seq);
        for (int i = 0; i < dataBytes; i++) {
            b.put((byte) (seq * 7 + i));
        }
        b.putShort(2, (short) checksum(icmp, 0, icmp.length));
        byte[] ip = new byte[20 + icmp.length];
        ByteBuffer h = ByteBuffer.wrap(ip);
        h.put((byte) 0x45).put((byte) 0).putShort((short) ip.length).putShort((short) seq).putShort((short) 0x4000)
                .put((byte) 64).put((byte) PROTOCOL).putShort((short) 0).put(from.getAddress()).put(to.getAddress()).put(icmp);
        h.putShort(10, (short) checksum(ip, 0, 20));
        return ip;
    }

    /** True for an ICMP packet whose source is {@code host} (other packets are not the answer being waited for). */
    static boolean isIcmpFrom(byte[] packet, Inet4Address host) {
        return packet.length >= 20 && (packet[0] >> 4) == 4 && (packet[9] & 0xff) == PROTOCOL
                && Arrays.equals(packet, 12, 16, host.getAddress(), 0, 4);
    }

    /** Null when {@code reply} answers {@code request}; else what is wrong with it. */
    static String check(byte[] request, byte[] reply) {
        if (reply.length < 28 || (reply[0] >> 4) != 4) {
            return "not an IPv4 packet of ICMP size (" + reply.length + " bytes)";
        }
        int hl = (reply[0] & 0x0f) * 4;
        if (hl < 20 || reply.length < hl + 8 || (ByteBuffer.wrap(reply).getShort(2) & 0xffff) != reply.length) {
            return "bad IPv4 header or total length";
        }
        if (checksum(reply, 0, hl) != 0) {
            return "bad IPv4 header checksum";
        }
        if (!Arrays.equals(reply, 12, 16, request, 16, 20) || !Arrays.equals(reply, 16, 20, request, 12, 16)) {
            return "addresses not turned around";
        }
        if (checksum(reply, hl, reply.length) != 0) {
            return "bad ICMP checksum";
        }
        if (reply[hl] != 0 || reply[hl + 1] != 0) {
            return "ICMP type/code " + reply[hl] + "/" + reply[hl + 1] + ", expected echo reply 0/0";
        }
        if (!Arrays.equals(request, 24, request.length, reply, hl + 4, reply.length)) {
            return "identifier, sequence or data differ from the request";
        }
        return null;
    }

    private static int checksum(byte[] b, int from, int to) {
        long sum = 0;
        for (int i = from; i < to; i += 2) {
            int hi = b[i] & 0xff;
            int lo = i + 1 < to ? b[i + 1] & 0xff : 0;
            sum += (hi << 8) | lo;
        }
        while ((sum >> 16) != 0) {
            sum = (sum & 0xffff) + (sum >> 16);
        }
        return (int) (~sum & 0xffff);
    }
}
