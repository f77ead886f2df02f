package org.mcalab.gateway.dtls;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.FixedRecvByteBufAllocator;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.DatagramPacket;
import io.netty.channel.socket.nio.NioDatagramChannel;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import org.bouncycastle.tls.DTLSServerProtocol;
import org.bouncycastle.tls.crypto.TlsCrypto;
import org.bouncycastle.tls.crypto.impl.jcajce.JcaTlsCryptoProvider;
import org.mcalab.gateway.trace.DebugCategory;
import org.mcalab.gateway.trace.Trace;

/**
 * The gateway's UDP side: one socket (ASA style, the HTTPS port number on UDP), demultiplexed per client.
 *
 * <p>A ClientHello is routed by its session id (docs/protocol.md §10.5) to the {@link DtlsRegistry} entry and starts a new
 * {@link DtlsChannel}, which replaces the session's previous one only once its handshake completed (a ClientHello
 * copying a victim's session id from another address cannot close the victim's channel); any other datagram goes to the channel of its source
 * address. Unknown ids, strangers, garbage and replays are dropped and counted in {@link #stats()}; nothing a
 * datagram contains can close the socket. BouncyCastle's DTLS is blocking, so each channel runs its handshake and read
 * loop on a worker thread; at most {@value #HANDSHAKE_SLOTS} handshakes run at once.
 */
public final class DtlsServer implements AutoCloseable {
    static final int HANDSHAKE_SLOTS = 4;

    private final DtlsRegistry registry;
    private final Trace trace;
    private final EventLoopGroup group;
    private final Channel channel;
    private final ExecutorService workers;
    private final Semaphore handshakeSlots = new Semaphore(HANDSHAKE_SLOTS);
    /** JCA-backed so AES-GCM runs on the JDK's intrinsics; BC's pure-Java AES is several times slower. */
    private final TlsCrypto crypto = new JcaTlsCryptoProvider().create(new SecureRandom());
    private final Map<InetSocketAddress, DtlsChannel> peers = new ConcurrentHashMap<>();
    private final Stats stats = new Stats();
    private volatile boolean dropAll;

    private DtlsServer(InetSocketAddress bind, DtlsRegistry registry, Trace trace) throws InterruptedException {
        this.registry = registry;
        this.trace = trace;
        AtomicInteger n = new AtomicInteger();
        ThreadFactory tf = r -> {
            Thread t = new Thread(r, "dtls-peer-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
        this.workers = Executors.newCachedThreadPool(tf);
        this.group = new NioEventLoopGroup(1, r -> {
            Thread t = new Thread(r, "dtls-udp");
            t.setDaemon(true);
            return t;
        });
        try {
            this.channel = new Bootstrap().group(group).channel(NioDatagramChannel.class)
                    .option(ChannelOption.RCVBUF_ALLOCATOR, new FixedRecvByteBufAllocator(PeerTransport.RECEIVE_LIMIT))
                    .option(ChannelOption.SO_RCVBUF, 4 * 1024 * 1024)
                    .handler(new Demultiplexer())
                    .bind(bind).sync().channel();
        } catch (RuntimeException | InterruptedException e) {
            group.shutdownGracefully();
            workers.shutdownNow();
            throw e;
        }
    }

    /** Binds the UDP socket (port 0 picks a free one; see {@link #port()}). */
    public static DtlsServer start(InetSocketAddress bind, DtlsRegistry registry, Trace trace) throws InterruptedException {
        return new DtlsServer(bind, registry, trace);
    }

    public int port() {
        return ((InetSocketAddress) channel.localAddress()).getPort();
    }

    public InetSocketAddress localAddress() {
        return (InetSocketAddress) channel.localAddress();
    }

    public DtlsRegistry registry() {
        return registry;
    }

    public Stats.Snapshot stats() {
        return stats.snapshot();
    }

    /**
     * Test switch: discard every datagram as if UDP were blocked (the client then falls back to CSTP, docs/protocol.md §10.7).
     * Discarded datagrams count as {@code filtered}.
     */
    public void dropAllDatagrams(boolean drop) {
        this.dropAll = drop;
    }

    /** The channel currently bound to this client address, if any. */
    Optional<DtlsChannel> channelFor(InetSocketAddress peer) {
        return Optional.ofNullable(peers.get(peer)).filter(c -> !c.closed());
    }

    @Override
    public void close() {
        channel.close().syncUninterruptibly();
        for (DtlsChannel c : peers.values()) {
            c.close("gateway stopping");
        }
        peers.clear();
        workers.shutdownNow();
        group.shutdownGracefully(0, 1, java.util.concurrent.TimeUnit.SECONDS);
    }

    private void onDatagram(InetSocketAddress sender, byte[] d) {
        stats.datagrams.increment();
        if (dropAll) {
            stats.filtered.increment();
            return;
        }
        if (!DtlsRecords.looksLikeDtls(d)) {
            stats.garbage.increment();
            return;
        }
        DtlsChannel existing = peers.get(sender);
        if (existing != null && existing.closed()) {
            peers.remove(sender, existing);
            existing = null;
        }
        Optional<DtlsRecords.ClientHello> hello = DtlsRecords.clientHello(d);
        if (hello.isPresent()) {
            if (existing != null && existing.sameHello(hello.get().random())) {
                existing.deliver(d, stats); // a retransmitted ClientHello belongs to the running handshake
                return;
            }
            Optional<DtlsRegistry.Registration> reg = registry.find(hello.get().sessionId());
            if (reg.isEmpty()) {
                stats.unknownSession.increment();
                return;
            }
            startHandshake(sender, reg.get(), hello.get(), d, existing);
            return;
        }
        if (existing == null) {
            stats.unknownPeer.increment();
            return;
        }
        existing.deliver(d, stats);
    }

    private void startHandshake(InetSocketAddress sender, DtlsRegistry.Registration reg, DtlsRecords.ClientHello hello,
                                byte[] d, DtlsChannel existing) {
        if (!reg.beginHandshake()) {
            stats.handshakesRefused.increment();
            return;
        }
        if (existing != null) {
            existing.close("new ClientHello from the same address");
        }
        // Not installed in the registration yet: only a completed handshake replaces the session's working channel.
        DtlsChannel fresh = new DtlsChannel(sender, port(), reg, new PeerTransport(channel, sender), hello.random(), trace);
        peers.put(sender, fresh);
        fresh.deliver(d, stats);
        if (trace.enabled(DebugCategory.DTLS)) {
            trace.emit(DebugCategory.DTLS, reg.parameters().idHex().substring(0, 8),
                    "ClientHello from " + sender + " for " + reg.parameters().suite().offerName());
        }
        NegotiatedServer server = reg.parameters().suite().psk()
                ? new PskServer(crypto, reg.parameters().secret())
                : new LegacyResumeServer(crypto, reg.parameters());
        DTLSServerProtocol protocol = new DTLSServerProtocol();
        protocol.setVerifyRequests(false); // like ocserv: no HelloVerifyRequest round trip
        try {
            workers.execute(() -> {
                fresh.run(protocol, server, handshakeSlots, stats);
                peers.remove(sender, fresh);
            });
        } catch (java.util.concurrent.RejectedExecutionException stopping) {
            reg.endHandshake();
            fresh.close("gateway stopping");
        }
    }

    private final class Demultiplexer extends SimpleChannelInboundHandler<DatagramPacket> {
        @Override
        protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket packet) {
            ByteBuf content = packet.content();
            byte[] d = new byte[content.readableBytes()];
            content.getBytes(content.readerIndex(), d);
            try {
                onDatagram(packet.sender(), d);
            } catch (RuntimeException e) {
                stats.errors.increment(); // a datagram must never take the socket down
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            stats.errors.increment(); // e.g. ICMP port unreachable surfacing as PortUnreachableException
        }
    }

    /** Server-wide datagram accounting (per-session traffic is in {@link DtlsRegistry.Registration#counters()}). */
    public static final class Stats {
        final LongAdder datagrams = new LongAdder();
        final LongAdder filtered = new LongAdder();
        final LongAdder garbage = new LongAdder();
        final LongAdder unknownSession = new LongAdder();
        final LongAdder unknownPeer = new LongAdder();
        final LongAdder replayed = new LongAdder();
        final LongAdder queueFull = new LongAdder();
        final LongAdder handshakes = new LongAdder();
        final LongAdder handshakeFailures = new LongAdder();
        final LongAdder handshakesRefused = new LongAdder();
        final LongAdder errors = new LongAdder();

        Snapshot snapshot() {
            return new Snapshot(datagrams.sum(), filtered.sum(), garbage.sum(), unknownSession.sum(), unknownPeer.sum(),
                    replayed.sum(), queueFull.sum(), handshakes.sum(), handshakeFailures.sum(), handshakesRefused.sum(),
                    errors.sum());
        }

        /**
         * @param unknownSession ClientHellos whose session id no active session owns (also logged-out sessions)
         * @param unknownPeer    non-ClientHello datagrams from an address without a channel
         * @param replayed       protected records whose sequence number was already accepted
         * @param handshakesRefused ClientHellos dropped because their session already had
         *                       {@link DtlsRegistry#MAX_PENDING_HANDSHAKES} handshakes in progress
         */
        public record Snapshot(long datagrams, long filtered, long garbage, long unknownSession, long unknownPeer,
                               long replayed, long queueFull, long handshakes, long handshakeFailures,
                               long handshakesRefused, long errors) {
            public long dropped() {
                return filtered + garbage + unknownSession + unknownPeer + replayed + queueFull + handshakesRefused;
            }
        }
    }
}
