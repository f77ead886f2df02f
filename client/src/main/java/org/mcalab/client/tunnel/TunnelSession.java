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
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import io.netty.util.concurrent.ScheduledFuture;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.mcalab.protocol.cstp.CstpFrame;
import org.mcalab.protocol.cstp.CstpFrameDecoder;
import org.mcalab.protocol.cstp.CstpFrameEncoder;
import org.mcalab.protocol.cstp.CstpPacketType;

/**
 * One open CSTP tunnel of the client. Request/answer operations ({@link #ping}, {@link #udpEcho},
 * {@link #dpd}) are meant to be called from one thread at a time; the tunnel answers the gateway's DPD
 * requests and sends keepalives on its own.
 */
public final class TunnelSession implements AutoCloseable {
    /** openconnect's BYE on SIGINT/SIGTERM: DISCONNECT with 0xB0 then the reason (docs/protocol.md §9.2, §12.1). */
    static final String BYE_REASON = "Aborted by caller";
    private static final int ECHO_ID = 0x6d63;

    private final TunnelClient.Config config;
    private final EventLoopGroup group;
    private final CompletableFuture<Void> up = new CompletableFuture<>();
    private final BlockingQueue<byte[]> received = new LinkedBlockingQueue<>();
    private final Map<String, List<String>> cstpHeaders = new LinkedHashMap<>();
    private final AtomicLong pktsTx = new AtomicLong();
    private final AtomicLong bytesTx = new AtomicLong();
    private final AtomicLong pktsRx = new AtomicLong();
    private final AtomicLong bytesRx = new AtomicLong();
    private final AtomicLong dpdAnswered = new AtomicLong();
    private final AtomicLong keepalivesSent = new AtomicLong();
    private volatile CompletableFuture<Void> dpdPending;
    private volatile Channel channel;
    private volatile String statusLine;
    private volatile String disconnectReason;
    private volatile long lastSentNanos = System.nanoTime();
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

    public Inet4Address address() {
        return address;
    }

    public int mtu() {
        return mtu;
    }

    /** The response's {@code HTTP/1.1 200 ...} line. */
    public String statusLine() {
        return statusLine;
    }

    /** The {@code X-CSTP-*} / {@code X-DTLS-*} response headers, names exactly as sent, values in order. */
    public Map<String, List<String>> cstpHeaders() {
        return Collections.unmodifiableMap(cstpHeaders);
    }

    public List<String> header(String exactName) {
        return cstpHeaders.getOrDefault(exactName, List.of());
    }

    public boolean isOpen() {
        Channel ch = channel;
        return ch != null && ch.isActive();
    }

    /** Why the gateway ended the tunnel (DISCONNECT or TERMINATE received), if it did. */
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

    /** A DPD request; returns when the gateway's DPD response arrived. */
    public Duration dpd() throws TunnelException {
        CompletableFuture<Void> pending = new CompletableFuture<>();
        dpdPending = pending;
        long start = System.nanoTime();
        frame(CstpFrame.empty(CstpPacketType.DPD_REQUEST));
        TunnelClient.await(pending, config.timeout(), "DPD");
        return Duration.ofNanos(System.nanoTime() - start);
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

    private volatile Runnable writable;

    /** Logs out as openconnect does on SIGTERM: BYE 0xB0 "Aborted by caller", then close. The cookie is dead afterwards. */
    @Override
    public void close() {
        Channel ch = channel;
        if (ch != null && ch.isActive()) {
            ByteBuf reason = Unpooled.buffer();
            reason.writeByte(CstpPacketType.BYE_LOGOUT_REASON).writeCharSequence(BYE_REASON, StandardCharsets.US_ASCII);
            ChannelFuture f = ch.writeAndFlush(new CstpFrame(CstpPacketType.DISCONNECT, reason));
            f.awaitUninterruptibly(config.timeout().toMillis());
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

    void awaitUp(Channel ch) throws TunnelException {
        channel = ch;
        TunnelClient.await(up, config.timeout(), "CONNECT");
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

    ChannelHandler connectHandler() {
        return new ConnectHandler();
    }

    /** Sends the CONNECT after the TLS handshake and reads the response head; then hands the channel to CSTP. */
    private final class ConnectHandler extends ChannelInboundHandlerAdapter {
        private ByteBuf head;

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
            if (evt instanceof SslHandshakeCompletionEvent done) {
                if (!done.isSuccess()) {
                    up.completeExceptionally(new TunnelException("TLS handshake failed: " + done.cause(), done.cause()));
                    ctx.close();
                    return;
                }
                String request = "CONNECT /CSCOSSLC/tunnel HTTP/1.1\r\n"
                        + "Host: " + config.hostHeader() + "\r\n"
                        + "User-Agent: " + TunnelClient.USER_AGENT + "\r\n"
                        + "Cookie: webvpn=" + config.sessionToken() + "\r\n"
                        + "X-CSTP-Version: 1\r\n"
                        + "X-CSTP-Hostname: mcalab-simulator\r\n"
                        + "X-CSTP-Accept-Encoding: oc-lz4,lzs\r\n"
                        + "X-CSTP-Base-MTU: 1500\r\n"
                        + "X-CSTP-MTU: " + config.requestedMtu() + "\r\n"
                        + "X-CSTP-Address-Type: IPv4\r\n\r\n";
                ctx.writeAndFlush(Unpooled.copiedBuffer(request, StandardCharsets.US_ASCII));
            }
            ctx.fireUserEventTriggered(evt);
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ByteBuf in = (ByteBuf) msg;
            if (head == null) {
                head = ctx.alloc().heapBuffer();
            }
            head.writeBytes(in);
            in.release();
            int end = ByteBufUtil.indexOf(Unpooled.wrappedBuffer(new byte[] {'\r', '\n', '\r', '\n'}), head);
            if (end < 0) {
                if (head.readableBytes() > 64 * 1024) {
                    fail(ctx, "CONNECT response head larger than 64 KiB");
                }
                return;
            }
            String text = head.readCharSequence(end - head.readerIndex() + 4, StandardCharsets.ISO_8859_1).toString();
            ByteBuf rest = head;
            head = null;
            String problem = parse(text);
            if (problem != null) {
                rest.release();
                fail(ctx, problem);
                return;
            }
            ctx.pipeline().addAfter(ctx.name(), "cstp-tunnel", new FrameHandler());
            ctx.pipeline().addAfter(ctx.name(), "cstp-encoder", CstpFrameEncoder.INSTANCE);
            ctx.pipeline().addAfter(ctx.name(), "cstp-decoder", new CstpFrameDecoder(Math.min(CstpFrame.MAX_PAYLOAD, mtu + 256)));
            if (rest.isReadable()) {
                ctx.fireChannelRead(rest); // a frame right behind the headers
            } else {
                rest.release();
            }
            ctx.pipeline().remove(this);
            startKeepalive(ctx.channel());
            up.complete(null);
        }

        private void fail(ChannelHandlerContext ctx, String problem) {
            up.completeExceptionally(new TunnelException(problem));
            ctx.close();
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            up.completeExceptionally(new TunnelException("the gateway closed the connection before answering the CONNECT"));
            if (head != null) {
                head.release();
                head = null;
            }
            ctx.fireChannelInactive();
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            up.completeExceptionally(new TunnelException("CONNECT failed: " + cause, cause));
            ctx.close();
        }
    }

    /**
     * Parses the response as openconnect does (docs/protocol.md §8.3): the status line must start with exactly {@code HTTP/1.1 200 };
     * only header names starting with {@code X-CSTP-}/{@code X-DTLS-} count, compared case-sensitively, with exactly
     * one space skipped after the colon. Returns what is wrong, or null.
     */
    private String parse(String text) {
        String[] lines = text.split("\r\n");
        statusLine = lines[0];
        Map<String, String> other = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon <= 0) {
                continue;
            }
            String name = lines[i].substring(0, colon);
            String value = lines[i].substring(colon + 1);
            if (value.startsWith(" ")) {
                value = value.substring(1);
            }
            if (name.startsWith("X-CSTP-") || name.startsWith("X-DTLS-") || name.startsWith("X-DTLS12-")) {
                cstpHeaders.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
            } else {
                other.put(name, value);
            }
        }
        if (!statusLine.startsWith("HTTP/1.1 200 ")) {
            String reason = other.get("X-Reason");
            return "CONNECT refused: " + statusLine + (reason == null ? "" : " (X-Reason: " + reason + ")");
        }
        List<String> addr = header("X-CSTP-Address");
        List<String> mtuHeader = header("X-CSTP-MTU");
        if (addr.isEmpty()) {
            return "No IP address received (no X-CSTP-Address)";
        }
        if (mtuHeader.isEmpty()) {
            return "No MTU received (no X-CSTP-MTU)";
        }
        try {
            address = (Inet4Address) InetAddress.getByAddress(parseDotted(addr.get(0)));
            mtu = Integer.parseInt(mtuHeader.get(0).trim());
        } catch (RuntimeException | UnknownHostException e) {
            return "unusable X-CSTP-Address/X-CSTP-MTU: " + addr.get(0) + " / " + mtuHeader.get(0);
        }
        return null;
    }

    private static byte[] parseDotted(String text) {
        String[] parts = text.trim().split("\\.");
        if (parts.length != 4) {
            throw new IllegalArgumentException(text);
        }
        byte[] b = new byte[4];
        for (int i = 0; i < 4; i++) {
            int v = Integer.parseInt(parts[i]);
            if (v < 0 || v > 255) {
                throw new IllegalArgumentException(text);
            }
            b[i] = (byte) v;
        }
        return b;
    }

    private void startKeepalive(Channel ch) {
        long seconds = header("X-CSTP-Keepalive").stream().findFirst().map(v -> {
            try {
                return Long.parseLong(v.trim());
            } catch (NumberFormatException e) {
                return 0L;
            }
        }).orElse(0L);
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
                        dpdAnswered.incrementAndGet();
                        ctx.writeAndFlush(CstpFrame.empty(CstpPacketType.DPD_RESPONSE), ctx.voidPromise());
                    }
                    case DPD_RESPONSE -> {
                        CompletableFuture<Void> pending = dpdPending;
                        if (pending != null) {
                            pending.complete(null);
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
            CompletableFuture<Void> pending = dpdPending;
            if (pending != null) {
                pending.completeExceptionally(new TunnelException("tunnel closed"
                        + disconnectReason().map(r -> " (gateway: " + r + ")").orElse("")));
            }
            ctx.fireChannelInactive();
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            disconnectReason = "client-side error: " + cause.getMessage();
            ctx.close();
        }
    }
}
