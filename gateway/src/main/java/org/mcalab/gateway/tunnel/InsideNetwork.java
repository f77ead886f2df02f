package org.mcalab.gateway.tunnel;

import io.netty.buffer.ByteBuf;
import java.net.Inet4Address;

/**
 * The network behind the gateway, where tunnel packets go. Pluggable: {@link VirtualInsideNetwork}
 * keeps everything in memory; a TUN-backed one could hand packets to the kernel.
 */
public interface InsideNetwork {

    /**
     * Connects a client address to the network: packets for it are handed to {@code toClient}. An
     * address attached again (reconnect) replaces the earlier sink.
     */
    Port attach(Inet4Address clientAddress, PacketSink toClient);

    /** Where the network delivers packets for one client; the sink owns (and must release) each buffer. */
    @FunctionalInterface
    interface PacketSink {
        void deliver(ByteBuf packet);
    }

    /** One client's connection to the network. */
    interface Port {
        /**
         * A packet the client sent; ownership passes to the network.
         *
         * @return null when the network took it (delivered, answered or discarded by a discard service),
         *         else why it was dropped (malformed, spoofed source, no route)
         */
        String send(ByteBuf packet);

        /** Disconnects the address; later packets for it are dropped. Idempotent. */
        void detach();
    }
}
