package org.mcalab.client.tunnel;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.EventLoopGroup;
import io.netty.util.concurrent.ScheduledFuture;
import java.net.Inet4Address;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.mcalab.client.dtls.DtlsClientParameters;
import org.mcalab.protocol.cstp.ConnectAnswer;
import org.mcalab.protocol.cstp.CstpFrame;
import org.mcalab.protocol.cstp.CstpFrameEncoder;
import org.mcalab.protocol.cstp.CstpPacketType;

/**
 * One open CSTP tunnel of the client, the one CSTP client every flow, probe and test uses. Scripted operations
 * ({@link #ping}, {@link #udpEcho}, {@link #dpd}, {@link #close} = BYE) are meant to be called from one thread at a
 * time; the tunnel answers the gateway's DPD requests and sends keepalives on its own. {@link #send} and
 * {@link #writeRaw} put any frame, or any bytes, on the wire for probes that test what a gateway does with them.
 */
public final class TunnelSession implements AutoCloseable {
    private static final int ECHO_ID = 0x6d63;

    private final TunnelClient.Config config;
    private final EventLoopGroup group;
    private final BlockingQueue<byte[]> received = new LinkedBlockingQueue<>();
    private final CompletableFuture<Void> closed = new CompletableFuture<>();
    private final AtomicLong pktsTx = new AtomicLong();
    private final AtomicLong bytesTx = new AtomicLong();
    private final AtomicLong pktsRx = new AtomicLong();
    private final AtomicLong bytesRx = new AtomicLong();
    private final AtomicLong dpdAnswered = new AtomicLong();
    private final AtomicLong keepalivesSent = new AtomicLong();
    private volatile CompletableFuture<byte[]> dpdPending;
    private volatile Channel channel;
    private volatile String disconnectReason;
    private volatile long lastSentNanos = System.nanoTime();
    private volatile Runnable writable;
    private ConnectAnswer answer;
    private Inet4Address address;
    private int mtu;
    private int sequence;
    private ScheduledFuture<?> keepalive;

    TunnelSession(TunnelClient.Config config, EventLoopGroup group) {
        this.config = config;
        this.group = group;
    }

    /** What was sent and received inside the tunnel: IP packets in DATA frames (the gateway counts the same way). */
    public record Counters(long pktsTx, long bytesTx, long pktsRx, long bytesRx, long dpdAnswered, long keepalivesSent) {
    }

    /** A throughput run: {@code packets} of {@code packetSize} bytes delivered in {@code elapsed}. */
    public record Throughput(long packets, int packetSize, Duration elapsed) {
        public double megabitsPerSecond() {
            double seconds = Math.max(1e-9, elapsed.toNanos() / 1e9);
            return packets * (double) packetSize * 8 / seconds / 1e6;
        }

        public double packetsPerSecond() {
            return packets / Math.max(1e-9, elapsed.toNanos() / 1e9);
        }
    }

    /** The gateway's CONNECT answer, read by openconnect's rule (docs/protocol.md §8.3). */
    public ConnectAnswer answer() {
        return answer;
    }

    public Inet4Address address() {
        return address;
    }

    public int mtu() {
        return mtu;
    }

    /** The response's {@code HTTP/1.1 200 ...} line. */
    public String statusLine() {
        return answer.statusLine();
    }

    /** The {@code X-CSTP-*} / {@code X-DTLS-*} response headers, names exactly as sent, values in order. */
    public Map<String, List<String>> cstpHeaders() {
        Map<String, List<String>> h = new LinkedHashMap<>();
        for (ConnectAnswer.Header x : answer.tunnelHeaders()) {
            h.computeIfAbsent(x.name(), n -> new ArrayList<>()).add(x.value());
        }
        return h;
    }

    public List<String> header(String exactName) {
        return answer.values(exactName);
    }

    /** The DTLS session the answer announced, when the CONNECT offered DTLS and the gateway chose a resumable suite. */
    public Optional<DtlsClientParameters> dtls() {
        return config.dtlsOffer() == null ? Optional.empty() : DtlsClientParameters.fromAnswer(answer, config.dtlsOffer());
    }

    public boolean isOpen() {
        Channel ch = channel;
        return ch != null && ch.isActive();
    }

    /** Why the gateway ended the tunnel (DISCONNECT or TERMINATE received, or a frame the client refused), if it did. */
    public Optional<String> disconnectReason() {
        return Optional.ofNullable(disconnectReason);
    }

    public Counters counters() {
        return new Counters(pktsTx.get(), bytesTx.get(), pktsRx.get(), bytesRx.get(), dpdAnswered.get(), keepalivesSent.get());
    }

    /** ICMP echo of {@code size} data bytes to {@code host}; the reply must be the request turned around. Returns the RTT. */
    public Duration ping(Inet4Address host, int size) throws TunnelException {
        int seq = ++sequence & 0xffff;
        byte[] data = new byte[size];
        for (int i = 0; i < size; i++) {
            data[i] = (byte) (seq + i);
        }
        byte[] request = Packets.icmpEcho(address, host, ECHO_ID, seq, data);
        long start = System.nanoTime();
        send(request);
        byte[] reply = awaitReply(host, Packets.ICMP, "ping " + host.getHostAddress() + " seq " + seq);
        String wrong = Packets.checkEchoReply(request, reply);
        if (wrong != null) {
            throw new TunnelException("ping " + host.getHostAddress() + ": " + wrong);
        }
        return Duration.ofNanos(System.nanoTime() - start);
    }

    /** UDP datagram to {@code host:port}; the echo must come back from that port with the same payload. */
    public void udpEcho(Inet4Address host, int port, byte[] payload) throws TunnelException {
        int ident = ++sequence & 0xffff;
        byte[] request = Packets.udp(address, host, 40000 + (ident % 20000), port, payload, ident);
        send(request);
        byte[] reply = awaitReply(host, Packets.UDP, "UDP echo " + host.getHostAddress() + ":" + port);
        String wrong = Packets.checkUdpEcho(request, reply);
        if (wrong != null) {
            throw new TunnelException("UDP echo " + host.getHostAddress() + ":" + port + ": " + wrong);
        }
    }

    /** {@code count} UDP packets of {@code size} IP bytes to the discard port of {@code host}; nothing comes back. */
    public void sendDiscard(Inet4Address host, int size, int count) throws TunnelException {
        byte[] packet = Packets.udp(address, host, 40009, 9, new byte[Math.max(0, size - 28)], 9);
        for (int i = 0; i < count; i++) {
            send(packet);
        }
    }

    /** A DPD request as openconnect sends it (empty); returns when the gateway's DPD response arrived. */
    public Duration dpd() throws TunnelException {
        long start = System.nanoTime();
        dpd(new byte[0]);
        return Duration.ofNanos(System.nanoTime() - start);
    }

    /** A DPD request carrying {@code payload}; returns the payload of the gateway's response (it must echo it, §10.6). */
    public byte[] dpd(byte[] payload) throws TunnelException {
        CompletableFuture<byte[]> pending = new CompletableFuture<>();
        dpdPending = pending;
        frame(new CstpFrame(CstpPacketType.DPD_REQUEST, Unpooled.wrappedBuffer(payload)));
        return TunnelClient.await(pending, config.timeout(), "DPD with " + payload.length + " payload bytes");
    }

    /** One frame of any type (keepalives on demand, DISCONNECT with another reason…), flushed on its own. */
    public void send(CstpPacketType type, byte[] payload) throws TunnelException {
        frame(new CstpFrame(type, Unpooled.wrappedBuffer(payload)));
    }

    /** Any bytes as one write, past the CSTP encoder: the malformed frames of MCA-ROB-2. */
    public void writeRaw(byte[] bytes) throws TunnelException {
        Channel ch = requireOpen();
        ChannelFuture f = ch.writeAndFlush(Unpooled.wrappedBuffer(bytes)).awaitUninterruptibly();
        if (!f.isSuccess()) {
            throw new TunnelException("write failed" + disconnectReason().map(r -> " (" + r + ")").orElse("") + ": " + f.cause(),
                    f.cause());
        }
    }

    /** IP packets received and not yet taken by an operation (none expected while traffic should be on DTLS). */
    public List<byte[]> drainReceived() {
        List<byte[]> packets = new ArrayList<>();
        received.drainTo(packets);
        return packets;
    }

    /** True when the connection closed (the gateway closed it or ended the tunnel) within the timeout. */
    public boolean awaitClosed() {
        try {
            TunnelClient.await(closed, config.timeout(), "close");
            return true;
        } catch (TunnelException e) {
            return false;
        }
    }

    /**
     * Throughput mode: {@code count} UDP packets of {@code packetSize} IP bytes to the discard port of {@code host},
     * written as fast as the channel takes them (respecting its write-buffer water marks), then one DPD round trip
     * so the time includes the gateway having read every frame.
     */
    public Throughput throughput(Inet4Address host, int packetSize, long count) throws TunnelException {
        byte[] packet = Packets.udp(address, host, 40009, 9, new byte[Math.max(0, packetSize - 28)], 9);
        ByteBuf frame = Unpooled.directBuffer(CstpFrame.HEADER_LENGTH + packet.length);
        CstpFrameEncoder.writeFrame(CstpPacketType.DATA.code(), Unpooled.wrappedBuffer(packet), frame);
        Channel ch = requireOpen();
        CompletableFuture<Void> written = new CompletableFuture<>();
        long start = System.nanoTime();
        ch.eventLoop().execute(new Runnable() {
            private long left = count;

            @Override
            public void run() {
                int batch = 0;
                while (left > 0 && ch.isWritable()) {
                    ch.write(frame.retainedDuplicate(), ch.voidPromise());
                    left--;
                    if (++batch == 32) {
                        ch.flush();
                        batch = 0;
                    }
                }
                ch.flush();
                if (!ch.isActive()) {
                    written.completeExceptionally(new TunnelException("tunnel closed during the throughput run"));
                } else if (left > 0) {
                    writable = this; // resumed by channelWritabilityChanged
                } else {
                    written.complete(null);
                }
            }
        });
        TunnelClient.await(written, Duration.ofMinutes(10), "throughput run");
        pktsTx.addAndGet(count);
        bytesTx.addAndGet(count * packet.length);
        lastSentNanos = System.nanoTime();
        dpd();
        frame.release();
        return new Throughput(count, packet.length, Duration.ofNanos(System.nanoTime() - start));
    }

    /** Logs out as openconnect does on SIGTERM: BYE 0xB0 "Aborted by caller", then close. The cookie is dead afterwards. */
    @Override
    public void close() {
        Channel ch = channel;
        if (ch != null && ch.isActive()) {
            ch.writeAndFlush(CstpFrame.logout()).awaitUninterruptibly(config.timeout().toMillis());
            ch.close().awaitUninterruptibly(config.timeout().toMillis());
        }
        shutdown();
    }

    /** Drops the connection without a BYE (openconnect SIGHUP): the session and its address stay for a reconnect. */
    public void detach() {
        Channel ch = channel;
        if (ch != null) {
            ch.close().awaitUninterruptibly(config.timeout().toMillis());
        }
        shutdown();
    }

    private void shutdown() {
        if (keepalive != null) {
            keepalive.cancel(false);
        }
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
    }

    void abort() {
        Channel ch = channel;
        if (ch != null) {
            ch.close();
        }
        shutdown();
    }

    /** Waits for the handshaker's answer; the frame handler is already in the pipeline. */
    void awaitUp(Channel ch, CompletableFuture<ConnectAnswer> handshake) throws TunnelException {
        channel = ch;
        ConnectAnswer a = TunnelClient.await(handshake, config.timeout(), "CONNECT");
        answer = a;
        address = a.address().orElseThrow();
        mtu = a.mtu().getAsInt();
        startKeepalive(ch, a.keepaliveSeconds());
    }

    private Channel requireOpen() throws TunnelException {
        Channel ch = channel;
        if (ch == null || !ch.isActive()) {
            throw new TunnelException("the tunnel is closed" + disconnectReason().map(r -> " (gateway: " + r + ")").orElse(""));
        }
        return ch;
    }

    private void send(byte[] packet) throws TunnelException {
        frame(CstpFrame.data(Unpooled.wrappedBuffer(packet)));
        pktsTx.incrementAndGet();
        bytesTx.addAndGet(packet.length);
    }

    private void frame(CstpFrame frame) throws TunnelException {
        Channel ch;
        try {
            ch = requireOpen();
        } catch (TunnelException e) {
            frame.release();
            throw e;
        }
        lastSentNanos = System.nanoTime();
        ch.writeAndFlush(frame);
    }

    /** The next received packet of {@code protocol} from {@code host}; other packets are skipped. */
    private byte[] awaitReply(Inet4Address host, int protocol, String what) throws TunnelException {
        long deadline = System.nanoTime() + config.timeout().toNanos();
        int from = Packets.toInt(host);
        while (true) {
            long left = deadline - System.nanoTime();
            byte[] p;
            try {
                p = left <= 0 ? null : received.poll(left, TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new TunnelException(what + ": interrupted");
            }
            if (p == null) {
                throw new TunnelException(what + ": no reply within " + config.timeout().toMillis() + " ms"
                        + (isOpen() ? "" : " (tunnel closed" + disconnectReason().map(r -> ": " + r).orElse("") + ")"));
            }
            if (p.length >= 20 && Packets.protocol(p) == protocol && java.nio.ByteBuffer.wrap(p).getInt(12) == from) {
                return p;
            }
        }
    }

    private void startKeepalive(Channel ch, long seconds) {
        if (seconds <= 0) {
            return;
        }
        long interval = TimeUnit.SECONDS.toNanos(seconds);
        keepalive = ch.eventLoop().scheduleAtFixedRate(() -> {
            if (System.nanoTime() - lastSentNanos >= interval && ch.isActive()) {
                lastSentNanos = System.nanoTime();
                keepalivesSent.incrementAndGet();
                ch.writeAndFlush(CstpFrame.empty(CstpPacketType.KEEPALIVE), ch.voidPromise());
            }
        }, interval / 4, interval / 4, TimeUnit.NANOSECONDS);
    }

    ChannelHandler frameHandler() {
        return new FrameHandler();
    }

    /** CSTP after the CONNECT: DATA queued for the waiting operation, DPD answered, DISCONNECT/TERMINATE recorded. */
    private final class FrameHandler extends ChannelInboundHandlerAdapter {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            CstpFrame frame = (CstpFrame) msg;
            try {
                CstpPacketType type = frame.type();
                if (type == null) {
                    disconnectReason = "unknown packet type 0x" + Integer.toHexString(frame.typeCode());
                    ctx.close();
                    return;
                }
                switch (type) {
                    case DATA -> {
                        ByteBuf p = frame.payload();
                        pktsRx.incrementAndGet();
                        bytesRx.addAndGet(p.readableBytes());
                        received.add(ByteBufUtil.getBytes(p));
                    }
                    case DPD_REQUEST -> {
                        // openconnect answers with an empty DPD response (docs/protocol.md §9.2)
                        dpdAnswered.incrementAndGet();
                        ctx.writeAndFlush(CstpFrame.empty(CstpPacketType.DPD_RESPONSE), ctx.voidPromise());
                    }
                    case DPD_RESPONSE -> {
                        CompletableFuture<byte[]> pending = dpdPending;
                        if (pending != null) {
                            pending.complete(ByteBufUtil.getBytes(frame.payload()));
                        }
                    }
                    case KEEPALIVE -> { }
                    case DISCONNECT, TERMINATE -> {
                        ByteBuf p = frame.payload();
                        disconnectReason = type + (p.readableBytes() > 1
                                ? ": " + p.toString(p.readerIndex() + 1, p.readableBytes() - 1, StandardCharsets.US_ASCII) : "");
                        ctx.close();
                    }
                    case COMPRESSED_DATA -> {
                        disconnectReason = "compressed data although no compression was negotiated";
                        ctx.close();
                    }
                }
            } finally {
                frame.release();
            }
        }

        @Override
        public void channelWritabilityChanged(ChannelHandlerContext ctx) {
            Runnable resume = writable;
            if (resume != null && ctx.channel().isWritable()) {
                writable = null;
                resume.run();
            }
            ctx.fireChannelWritabilityChanged();
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            Runnable resume = writable;
            if (resume != null) {
                writable = null;
                resume.run(); // completes the throughput run exceptionally
            }
            CompletableFuture<byte[]> pending = dpdPending;
            if (pending != null) {
                pending.completeExceptionally(new TunnelException("tunnel closed"
                        + disconnectReason().map(r -> " (gateway: " + r + ")").orElse("")));
            }
            closed.complete(null);
            ctx.fireChannelInactive();
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            disconnectReason = "client-side error: " + cause.getMessage();
            ctx.close();
        }
    }
}
