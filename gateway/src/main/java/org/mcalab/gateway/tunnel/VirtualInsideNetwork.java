package org.mcalab.gateway.tunnel;

import io.netty.buffer.ByteBuf;
import java.net.Inet4Address;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.mcalab.gateway.config.Subnet;

/**
 * An inside network that exists only in the gateway's memory: a host on every address of the hosted
 * networks (the split-include networks, seed: 192.168.1.0/24) answers ICMP echo, UDP echo (port 7) and
 * UDP discard (port 9), and packets between connected clients are routed from tunnel to tunnel. No
 * socket is ever opened to these addresses: they are not on any real network.
 *
 * <p>Replies are written into the request's own buffer (addresses swapped, checksums fixed) so a packet
 * costs no allocation here; the discard service only counts.
 */
public final class VirtualInsideNetwork implements InsideNetwork {
    static final int ECHO_PORT = 7;
    static final int DISCARD_PORT = 9;

    private final int[] networks;
    private final int[] masks;
    private final Map<Integer, PacketSink> clients = new ConcurrentHashMap<>();
    private final LongAdder echoed = new LongAdder();
    private final LongAdder discarded = new LongAdder();
    private final LongAdder discardedBytes = new LongAdder();
    private final LongAdder routed = new LongAdder();
    private final LongAdder dropped = new LongAdder();

    public VirtualInsideNetwork(List<Subnet> hostedNetworks) {
        networks = new int[hostedNetworks.size()];
        masks = new int[hostedNetworks.size()];
        for (int i = 0; i < networks.length; i++) {
            masks[i] = toInt(hostedNetworks.get(i).mask());
            networks[i] = toInt(hostedNetworks.get(i).network()) & masks[i];
        }
    }

    @Override
    public Port attach(Inet4Address clientAddress, PacketSink toClient) {
        int address = toInt(clientAddress);
        clients.put(address, toClient);
        return new Port() {
            @Override
            public String send(ByteBuf packet) {
                return fromClient(address, packet);
            }

            @Override
            public void detach() {
                clients.remove(address, toClient);
            }
        };
    }

    /** What the network did so far, for tests and the load report. */
    public Stats stats() {
        return new Stats(echoed.sum(), discarded.sum(), discardedBytes.sum(), routed.sum(), dropped.sum());
    }

    /** @param discardedBytes IP bytes of the packets taken by the discard service */
    public record Stats(long echoed, long discarded, long discardedBytes, long routed, long dropped) {
    }

    private String fromClient(int clientAddress, ByteBuf packet) {
        String verdict;
        try {
            verdict = handle(clientAddress, packet);
        } catch (RuntimeException e) {
            // a packet must never take the tunnel down; whatever slipped past validation is a drop
            verdict = "unhandled packet: " + e;
            release(packet);
        }
        if (verdict != null) {
            dropped.increment();
        }
        return verdict;
    }

    private String handle(int clientAddress, ByteBuf packet) {
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
        int destination = Ipv4Packet.destination(packet);
        PacketSink peer = clients.get(destination);
        if (peer != null) {
            routed.increment();
            peer.deliver(packet);
            return null;
        }
        if (!hosted(destination)) {
            packet.release();
            return "no route to " + dotted(destination);
        }
        return serve(clientAddress, packet);
    }

    private String serve(int clientAddress, ByteBuf packet) {
        if (Ipv4Packet.isFragment(packet)) {
            packet.release();
            return "fragment (hosts do not reassemble)";
        }
        int protocol = Ipv4Packet.protocol(packet);
        if (protocol == Ipv4Packet.PROTOCOL_ICMP && Ipv4Packet.icmpType(packet) == Ipv4Packet.ICMP_ECHO_REQUEST) {
            Ipv4Packet.toEchoReply(packet);
            return reply(clientAddress, packet);
        }
        if (protocol == Ipv4Packet.PROTOCOL_UDP) {
            int port = Ipv4Packet.udpDestinationPort(packet);
            if (port == DISCARD_PORT) {
                discarded.increment();
                discardedBytes.add(packet.readableBytes());
                packet.release();
                return null;
            }
            if (port == ECHO_PORT) {
                Ipv4Packet.toUdpEcho(packet);
                return reply(clientAddress, packet);
            }
            packet.release();
            return "no UDP service on port " + port;
        }
        packet.release();
        return "no service for IP protocol " + protocol;
    }

    private String reply(int clientAddress, ByteBuf packet) {
        PacketSink client = clients.get(clientAddress);
        if (client == null) {
            packet.release();
            return "client detached before the reply";
        }
        echoed.increment();
        client.deliver(packet);
        return null;
    }

    private boolean hosted(int address) {
        for (int i = 0; i < networks.length; i++) {
            if ((address & masks[i]) == networks[i]) {
                return true;
            }
        }
        return false;
    }

    private static void release(ByteBuf packet) {
        if (packet.refCnt() > 0) {
            packet.release();
        }
    }

    private static int toInt(Inet4Address address) {
        byte[] b = address.getAddress();
        return (b[0] & 0xff) << 24 | (b[1] & 0xff) << 16 | (b[2] & 0xff) << 8 | (b[3] & 0xff);
    }

    static String dotted(int address) {
        return (address >>> 24) + "." + (address >>> 16 & 0xff) + "." + (address >>> 8 & 0xff) + "." + (address & 0xff);
    }
}
