package org.mcalab.gateway.config;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;

/**
 * Dotted-quad IPv4 conversions. Parsing is strict and never resolves names: {@code InetAddress.getByName}
 * would do a DNS lookup for anything that is not a literal, and a config file must not make the parser
 * touch the network.
 */
final class Ipv4 {
    private Ipv4() {
    }

    static Optional<Inet4Address> parse(String text) {
        String[] parts = text.split("\\.", -1);
        if (parts.length != 4) {
            return Optional.empty();
        }
        byte[] bytes = new byte[4];
        for (int i = 0; i < 4; i++) {
            String part = parts[i];
            if (part.isEmpty() || part.length() > 3 || !part.chars().allMatch(c -> c >= '0' && c <= '9')) {
                return Optional.empty();
            }
            int value = Integer.parseInt(part);
            if (value > 255) {
                return Optional.empty();
            }
            bytes[i] = (byte) value;
        }
        return Optional.of(fromBytes(bytes));
    }

    static int toInt(InetAddress address) {
        byte[] b = address.getAddress();
        return (b[0] & 0xff) << 24 | (b[1] & 0xff) << 16 | (b[2] & 0xff) << 8 | (b[3] & 0xff);
    }

    static long toUnsigned(InetAddress address) {
        return toInt(address) & 0xffffffffL;
    }

    static Inet4Address fromInt(int value) {
        return fromBytes(new byte[] {(byte) (value >>> 24), (byte) (value >>> 16), (byte) (value >>> 8), (byte) value});
    }

    /** A netmask is valid when its ones are contiguous from the top (255.255.254.0 yes, 255.0.255.0 no). */
    static boolean isContiguousMask(InetAddress mask) {
        int m = toInt(mask);
        return (~m & (~m + 1)) == 0;
    }

    static int prefixLength(InetAddress mask) {
        return Integer.bitCount(toInt(mask));
    }

    private static Inet4Address fromBytes(byte[] bytes) {
        try {
            return (Inet4Address) InetAddress.getByAddress(bytes);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("4 bytes are always a valid IPv4 address", e);
        }
    }
}
