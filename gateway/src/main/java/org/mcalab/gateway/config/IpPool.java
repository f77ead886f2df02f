package org.mcalab.gateway.config;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.OptionalLong;

/**
 * {@code ip local pool NAME FIRST-LAST mask MASK}: the addresses handed to VPN clients. Addresses are
 * also reachable by index ({@link #addressAt}, {@link #indexOf}) so an allocator can keep a bitmap.
 */
public record IpPool(String name, Inet4Address first, Inet4Address last, Inet4Address mask) implements Iterable<Inet4Address> {

    public IpPool {
        if (Ipv4.toUnsigned(first) > Ipv4.toUnsigned(last)) {
            throw new IllegalArgumentException("pool " + name + ": first address after last");
        }
    }

    /** Number of addresses, both ends included (192.168.100.1-192.168.100.254 has 254). */
    public long size() {
        return Ipv4.toUnsigned(last) - Ipv4.toUnsigned(first) + 1;
    }

    public int firstAsInt() {
        return Ipv4.toInt(first);
    }

    public int lastAsInt() {
        return Ipv4.toInt(last);
    }

    public Inet4Address addressAt(long index) {
        if (index < 0 || index >= size()) {
            throw new IndexOutOfBoundsException("pool " + name + " has " + size() + " addresses, no index " + index);
        }
        return Ipv4.fromInt((int) (Ipv4.toUnsigned(first) + index));
    }

    public OptionalLong indexOf(InetAddress address) {
        if (!contains(address)) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(Ipv4.toUnsigned(address) - Ipv4.toUnsigned(first));
    }

    public boolean contains(InetAddress address) {
        if (!(address instanceof Inet4Address)) {
            return false;
        }
        long a = Ipv4.toUnsigned(address);
        return a >= Ipv4.toUnsigned(first) && a <= Ipv4.toUnsigned(last);
    }

    /** The subnet the clients are told about (first address under the pool mask). */
    public Subnet subnet() {
        return new Subnet(Ipv4.fromInt(Ipv4.toInt(first) & Ipv4.toInt(mask)), mask);
    }

    @Override
    public Iterator<Inet4Address> iterator() {
        return new Iterator<>() {
            private long next;

            @Override
            public boolean hasNext() {
                return next < size();
            }

            @Override
            public Inet4Address next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return addressAt(next++);
            }
        };
    }

    @Override
    public String toString() {
        return name + " " + first.getHostAddress() + "-" + last.getHostAddress() + " mask " + mask.getHostAddress();
    }
}
