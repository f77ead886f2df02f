package org.mcalab.gateway.tunnel;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.PooledByteBufAllocator;
import java.net.Inet4Address;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.LongAdder;
import org.mcalab.gateway.config.AsaConfig;
import org.mcalab.gateway.config.Interface;
import org.mcalab.gateway.config.IpPool;
import org.mcalab.gateway.tunnel.tun.TunDevice;
import org.mcalab.gateway.tunnel.tun.TunException;
import org.mcalab.gateway.tunnel.tun.TunSetup;

/**
 * An inside network that is the host's kernel: client packets are written to a Linux TUN device, and what the
 * kernel routes back to the device (replies, or anything for a client's pool address) is read by one thread and
 * handed to that client's tunnel. Real TCP (iperf3) and real hosts then sit behind the gateway, typically in a
 * network namespace of their own ({@link TunSetup#namespace()}), which is how it is measured against ocserv.
 *
 * <p>As in the virtual network ({@link InsideClients}), a client may only send from its own address and packets
 * between two connected clients are routed tunnel to tunnel without the kernel.
 */
public final class TunInsideNetwork implements InsideNetwork, AutoCloseable {
    private static final int MAX_PACKET = 65_535;

    private final TunDevice device;
    private final InsideClients clients = new InsideClients(this::toKernel);
    private final ByteBufAllocator allocator = PooledByteBufAllocator.DEFAULT;
    private final ThreadLocal<ByteBuffer> staging = ThreadLocal.withInitial(() -> ByteBuffer.allocateDirect(MAX_PACKET));
    private final Thread reader;
    private final LongAdder toKernel = new LongAdder();
    private final LongAdder toKernelBytes = new LongAdder();
    private final LongAdder fromKernel = new LongAdder();
    private final LongAdder fromKernelBytes = new LongAdder();
    private final LongAdder unclaimed = new LongAdder();
    private volatile String failure;

    private TunInsideNetwork(TunDevice device) {
        this.device = device;
        this.reader = new Thread(this::readLoop, "tun-reader-" + device.name());
        reader.setDaemon(true);
    }

    /**
     * Creates TUN device {@code deviceName}, wires it as {@code setup} says and starts reading from it.
     *
     * @throws TunException with the operator's remedy (not Linux, not root, a failing ip command)
     */
    public static TunInsideNetwork open(String deviceName, TunSetup setup) throws TunException {
        TunDevice device = TunDevice.create(deviceName);
        try {
            setup.apply(device.name());
        } catch (TunException e) {
            device.close();
            throw e;
        }
        TunInsideNetwork network = new TunInsideNetwork(device);
        network.reader.start();
        return network;
    }

    /**
     * The usual wiring for {@code config}: the device carries the {@code nameif inside} interface's address (seed:
     * 192.168.1.1/24) and routes every {@code ip local pool} subnet back to itself.
     */
    public static TunSetup setupFor(AsaConfig config, Optional<String> namespace, int mtu) {
        Optional<Interface> inside = config.interfaces().values().stream()
                .filter(i -> i.nameif().filter("inside"::equalsIgnoreCase).isPresent() && i.address().isPresent())
                .findFirst();
        List<TunSetup.Route> routes = new ArrayList<>();
        for (IpPool pool : config.pools().values()) {
            TunSetup.Route r = new TunSetup.Route(pool.subnet().network(), prefixLength(pool.mask()));
            if (!routes.contains(r)) {
                routes.add(r);
            }
        }
        return new TunSetup(namespace, mtu, inside.flatMap(Interface::address),
                inside.flatMap(Interface::mask).map(TunInsideNetwork::prefixLength).orElse(32), routes);
    }

    /** The device's name as the kernel knows it. */
    public String deviceName() {
        return device.name();
    }

    @Override
    public Port attach(Inet4Address clientAddress, PacketSink toClient) {
        return clients.attach(clientAddress, toClient);
    }

    /** A checked client packet for the kernel. */
    private String toKernel(int clientAddress, ByteBuf packet) {
        int length = packet.readableBytes();
        String refused;
        try {
            if (packet.hasMemoryAddress()) {
                refused = device.write(packet.memoryAddress() + packet.readerIndex(), length);
            } else {
                ByteBuffer stage = staging.get();
                stage.clear();
                packet.getBytes(packet.readerIndex(), stage.limit(length));
                refused = device.write(stage, length);
            }
        } finally {
            packet.release();
        }
        if (refused == null) {
            toKernel.increment();
            toKernelBytes.add(length);
        }
        return refused;
    }

    private void readLoop() {
        ByteBuffer buffer = ByteBuffer.allocateDirect(MAX_PACKET);
        try {
            while (true) {
                buffer.clear();
                int n = device.read(buffer);
                if (n < 0) {
                    return;
                }
                if (n > 0) {
                    toClient(buffer, n);
                }
            }
        } catch (TunException e) {
            failure = e.getMessage();
        }
    }

    private void toClient(ByteBuffer packet, int length) {
        // IPv6 (router solicitations when the namespace has IPv6 on) and runts have no client to go to
        PacketSink sink = length >= 20 && (packet.get(0) & 0xf0) == 0x40 ? clients.client(packet.getInt(16)) : null;
        if (sink == null) {
            unclaimed.increment();
            return;
        }
        ByteBuf copy = allocator.directBuffer(length);
        copy.writeBytes(packet.limit(length));
        fromKernel.increment();
        fromKernelBytes.add(length);
        sink.deliver(copy);
    }

    /** What crossed the device so far. */
    public Stats stats() {
        return new Stats(toKernel.sum(), toKernelBytes.sum(), fromKernel.sum(), fromKernelBytes.sum(), clients.routed(),
                clients.dropped(), unclaimed.sum(), Optional.ofNullable(failure));
    }

    /**
     * @param toKernel   client packets written to the device
     * @param fromKernel packets read from the device and handed to a client
     * @param routed     client-to-client packets that never touched the kernel
     * @param dropped    client packets refused (malformed, spoofed source, device queue full)
     * @param unclaimed  packets the kernel sent that no client owns (IPv6 neighbour traffic, a logged-off address)
     * @param failure    why the reader stopped, if it did other than by {@link #close}
     */
    public record Stats(long toKernel, long toKernelBytes, long fromKernel, long fromKernelBytes, long routed,
                        long dropped, long unclaimed, Optional<String> failure) {
    }

    /** Stops the reader and removes the device. */
    @Override
    public void close() {
        device.close();
        try {
            reader.join(2_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static int prefixLength(Inet4Address mask) {
        return Integer.bitCount(InsideClients.toInt(mask));
    }
}
