package org.mcalab.gateway.tunnel;

import io.netty.buffer.ByteBuf;
import java.net.Inet4Address;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.mcalab.gateway.tunnel.InsideNetwork.PacketSink;
import org.mcalab.gateway.tunnel.InsideNetwork.Port;

/**
 * What every inside network does first, so the virtual and the TUN network cannot drift apart: keep the attached
 * clients by address; accept from a tunnel only a well-formed IPv4 packet (trimmed to its total length) whose
 * source is the tunnel's own address; route a packet for another attached client straight to it; and never let a
 * packet take the tunnel down. What remains goes {@link Onward} to the network itself.
 */
final class InsideClients {

    /** The network's own handling of a checked packet that is not for an attached client; owns the buffer. */
    @FunctionalInterface
    interface Onward {
        /** @return null when taken, else why it was dropped */
        String forward(int clientAddress, ByteBuf packet);
    }

    private final Map<Integer, PacketSink> byAddress = new ConcurrentHashMap<>();
    private final LongAdder routed = new LongAdder();
    private final LongAdder dropped = new LongAdder();
    private final Onward onward;

    InsideClients(Onward onward) {
        this.onward = onward;
    }

    Port attach(Inet4Address clientAddress, PacketSink toClient) {
        int address = toInt(clientAddress);
        byAddress.put(address, toClient);
        return new Port() {
            @Override
            public String send(ByteBuf packet) {
                return fromClient(address, packet);
            }

            @Override
            public void detach() {
                byAddress.remove(address, toClient);
            }
        };
    }

    /** The client holding {@code address}, or null. */
    PacketSink client(int address) {
        return byAddress.get(address);
    }

    long routed() {
        return routed.sum();
    }

    /** Client packets refused, by the checks here or by the network. */
    long dropped() {
        return dropped.sum();
    }

    private String fromClient(int clientAddress, ByteBuf packet) {
        String verdict;
        try {
            verdict = check(clientAddress, packet);
        } catch (RuntimeException e) {
            // whatever slipped past validation is a drop, not a dead tunnel
            verdict = "unhandled packet: " + e;
            if (packet.refCnt() > 0) {
                packet.release();
            }
        }
        if (verdict != null) {
            dropped.increment();
        }
        return verdict;
    }

    private String check(int clientAddress, ByteBuf packet) {
        String malformed = Ipv4Packet.malformation(packet);
        if (malformed != null) {
            packet.release();
            return "malformed: " + malformed;
        }
        int total = Ipv4Packet.totalLength(packet);
        if (packet.readableBytes() > total) {
            packet.writerIndex(packet.readerIndex() + total);
        }
        int source = Ipv4Packet.source(packet);
        if (source != clientAddress) {
            packet.release();
            return "source " + dotted(source) + " is not the tunnel's address";
        }
        PacketSink peer = byAddress.get(Ipv4Packet.destination(packet));
        if (peer != null) {
            routed.increment();
            peer.deliver(packet);
            return null;
        }
        return onward.forward(clientAddress, packet);
    }

    static int toInt(Inet4Address address) {
        byte[] b = address.getAddress();
        return (b[0] & 0xff) << 24 | (b[1] & 0xff) << 16 | (b[2] & 0xff) << 8 | (b[3] & 0xff);
    }

    static String dotted(int address) {
        return (address >>> 24) + "." + (address >>> 16 & 0xff) + "." + (address >>> 8 & 0xff) + "." + (address & 0xff);
    }
}
