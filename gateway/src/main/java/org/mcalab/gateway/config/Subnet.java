package org.mcalab.gateway.config;

import java.net.Inet4Address;
import java.net.InetAddress;

/** An IPv4 network and its (contiguous) mask, as written in {@code subnet}, {@code access-list} and pools. */
public record Subnet(Inet4Address network, Inet4Address mask) {

    public static Subnet host(Inet4Address address) {
        return new Subnet(address, Ipv4.fromInt(-1));
    }

    public int prefixLength() {
        return Ipv4.prefixLength(mask);
    }

    public boolean contains(InetAddress address) {
        if (!(address instanceof Inet4Address)) {
            return false;
        }
        int m = Ipv4.toInt(mask);
        return (Ipv4.toInt(address) & m) == (Ipv4.toInt(network) & m);
    }

    /** CIDR form, e.g. {@code 192.168.1.0/24}. */
    @Override
    public String toString() {
        return network.getHostAddress() + "/" + prefixLength();
    }
}
