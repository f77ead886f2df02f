package org.mcalab.gateway.tunnel;

import io.netty.buffer.ByteBuf;
import java.net.Inet4Address;
import java.util.List;
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
    private final InsideClients clients = new InsideClients(this::toHosts);
    private final LongAdder echoed = new LongAdder();
    private final LongAdder discarded = new LongAdder();
    private final LongAdder discardedBytes = new LongAdder();

    public VirtualInsideNetwork(List<Subnet> hostedNetworks) {
        networks = new int[hostedNetworks.size()];
        masks = new int[hostedNetworks.size()];
        for (int i = 0; i < networks.length; i++) {
            masks[i] = InsideClients.toInt(hostedNetworks.get(i).mask());
            networks[i] = InsideClients.toInt(hostedNetworks.get(i).network()) & masks[i];
        }
    }

    @Override
    public Port attach(Inet4Address clientAddress, PacketSink toClient) {
        return clients.attach(clientAddress, toClient);
    }

    /** What the network did so far, for tests and the load report. */
    public Stats stats() {
        return new Stats(echoed.sum(), discarded.sum(), discardedBytes.sum(), clients.routed(), clients.dropped());
    }

    /** @param discardedBytes IP bytes of the packets taken by the discard service */
    public record Stats(long echoed, long discarded, long discardedBytes, long routed, long dropped) {
    }

    /** A checked packet from {@code clientAddress} for a hosted address, or a drop. */
    private String toHosts(int clientAddress, ByteBuf packet) {
        int destination = Ipv4Packet.destination(packet);
        if (!hosted(destination)) {
            packet.release();
            return "no route to " + InsideClients.dotted(destination);
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
        PacketSink client = clients.client(clientAddress);
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

}
