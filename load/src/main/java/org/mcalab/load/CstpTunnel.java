package org.mcalab.load;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;
import java.net.Inet4Address;
import java.security.SecureRandom;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.mcalab.protocol.ClientProfile;
import org.mcalab.protocol.cstp.ConnectAnswer;
import org.mcalab.protocol.cstp.ConnectRequest;
import org.mcalab.protocol.cstp.CstpFrame;
import org.mcalab.protocol.cstp.CstpFrameEncoder;
import org.mcalab.protocol.cstp.CstpPacketType;
import org.mcalab.protocol.xml.ConfigAuth;
import org.mcalab.protocol.xml.ConfigAuthException;
import org.mcalab.protocol.xml.ConfigAuthParser;
import org.mcalab.protocol.dtls.DtlsOffer;
import org.mcalab.client.dtls.DtlsClientParameters;
import org.mcalab.client.mca.McaLogin;
import org.mcalab.client.tunnel.CstpHandshaker;

/**
 * One load tunnel on one TLS connection: MCA login (init, signed auth-reply), {@code CONNECT /CSCOSSLC/tunnel} with
 * the session cookie, then CSTP. openconnect uses three TLS connections for these steps; one kept-alive connection
 * presents the same machine certificate and is what a gateway under load sees most cheaply. Answers the gateway's
 * DPD requests, so idle tunnels stay up. Runs entirely on its channel's event loop.
 */
final class CstpTunnel extends ChannelInboundHandlerAdapter implements TunnelLink {
    private enum State { HANDSHAKE, INIT, REPLY, CONNECT, UP, CLOSED }

    private static final ClientProfile PROFILE = ClientProfile.OPENCONNECT;
    /** What the generator asks for in {@code X-CSTP-MTU}: the reference gateway's default grant (docs/protocol.md §8.5). */
    static final int REQUESTED_MTU = 1406;
    /**
     * Plaintext of one TLS record: the generator packs as many whole frames into one buffer as fit, and the TLS
     * handler (wrap size 0 once the tunnel is up) turns each buffer into one record. Client-to-gateway records may hold
     * several frames (the gateway's decoder takes any split); only the gateway's direction must be one frame per record.
     */
    static final int RECORD_PLAINTEXT = 16 * 1024;
    /** Records written before one flush. */
    private static final int RECORDS_PER_FLUSH = 4;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final TunnelPlan plan;
    private final LoadIdentity identity;
    private final McaLogin login;
    private final TunnelCounters counters;
    private final HttpAnswerDecoder answers;
    private final CompletableFuture<TunnelLink> up = new CompletableFuture<>();
    private final Map<String, String> cookies = new LinkedHashMap<>();
    private final long createdNanos = System.nanoTime();
    private Channel channel;
    private State state = State.HANDSHAKE;
    private Inet4Address address;
    private int mtu;
    private ByteBuf template;
    /** Discard: one record's worth of identical frames, sent as retained duplicates (no copy per packet). */
    private ByteBuf fullRecord;
    private int framesPerRecord;
    private boolean sending;
    private int outstanding;
    private long sequence;
    private long lastEchoNanos;
    private ScheduledFuture<?> keepalive;
    private long lastSentNanos;
    /** Set when the plan asks for DTLS: offered in the CONNECT, its master secret resumes the gateway's session. */
    private final DtlsOffer dtlsOffer;
    private volatile Optional<DtlsClientParameters> dtls = Optional.empty();

    CstpTunnel(TunnelPlan plan, LoadIdentity identity, TunnelCounters counters, HttpAnswerDecoder answers) {
        this.plan = plan;
        this.identity = identity;
        this.login = McaLogin.openconnect(plan.groupAccess());
        this.counters = counters;
        this.answers = answers;
        this.dtlsOffer = plan.dtls() ? DtlsOffer.resumable(RANDOM) : null;
    }

    CompletableFuture<TunnelLink> up() {
        return up;
    }

    /** The DTLS session the gateway's CONNECT answer announced, when DTLS was offered and the gateway took it. */
    Optional<DtlsClientParameters> dtls() {
        return dtls;
    }

    @Override
    public Inet4Address address() {
        return address;
    }

    @Override
    public boolean isUp() {
        return state == State.UP && channel.isActive();
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        channel = ctx.channel();
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof SslHandshakeCompletionEvent done) {
            if (!done.isSuccess()) {
                fail("TLS handshake: " + rootMessage(done.cause()));
                return;
            }
            state = State.INIT;
            post(login.init());
            return;
        }
        ctx.fireUserEventTriggered(evt);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        try {
            if (msg instanceof HttpAnswerDecoder.Answer answer) {
                onAnswer(answer);
            } else if (msg instanceof CstpFrame frame) {
                onFrame(frame);
            }
        } finally {
            ReferenceCountUtil.release(msg);
        }
    }

    private void onAnswer(HttpAnswerDecoder.Answer a) {
        for (String c : a.all("set-cookie")) {
            String pair = c.split(";", 2)[0];
            int eq = pair.indexOf('=');
            if (eq > 0) {
                cookies.put(pair.substring(0, eq).trim(), pair.substring(eq + 1).trim());
            }
        }
        switch (state) {
            case INIT -> onChallenge(a);
            case REPLY -> onComplete(a);
            default -> fail("unexpected HTTP answer in state " + state);
        }
    }

    private void onChallenge(HttpAnswerDecoder.Answer a) {
        if (a.status() != 200) {
            fail("init: HTTP " + a.status());
            return;
        }
        McaLogin.Answer answer = login.answer(a.body(), identity.user());
        if (answer instanceof McaLogin.Answer.Reply r) {
            state = State.REPLY;
            post(r.body());
        } else if (answer instanceof McaLogin.Answer.Complete) {
            onComplete(a); // a certificate-only group answers the init with complete
        } else {
            fail(((McaLogin.Answer.Refused) answer).why());
        }
    }

    private void onComplete(HttpAnswerDecoder.Answer a) {
        ConfigAuth doc = parse(a, "auth-reply");
        if (doc == null) {
            return;
        }
        if (!"success".equals(doc.authId())) {
            fail("auth-reply: not complete (" + (doc.errors().isEmpty() ? "auth id " + doc.authId() : doc.errors().get(0)) + ")");
            return;
        }
        String token = doc.sessionToken() != null && !doc.sessionToken().isEmpty() ? doc.sessionToken() : cookies.get("webvpn");
        if (token == null) {
            fail("complete without a session token");
            return;
        }
        state = State.CONNECT;
        channel.pipeline().remove(answers); // the CONNECT answer is read by the handshaker, by openconnect's rule
        ConnectRequest request = ConnectRequest.openconnect(plan.hostHeader(), token).withProfile(PROFILE)
                .withHostname("mcalab-load-" + identity.index()).withMtu(REQUESTED_MTU);
        CstpHandshaker.handshake(channel, dtlsOffer == null ? request : request.withDtls(dtlsOffer)).whenComplete((answer, e) -> {
            if (e != null) {
                fail("CONNECT: " + rootMessage(e));
            } else {
                onConnected(answer);
            }
        });
    }

    private void onConnected(ConnectAnswer a) {
        address = a.address().orElseThrow();
        mtu = a.mtu().getAsInt();
        if (dtlsOffer != null) {
            dtls = DtlsClientParameters.fromAnswer(a, dtlsOffer);
        }
        state = State.UP;
        SslHandler tls = channel.pipeline().get(SslHandler.class);
        if (tls != null) {
            tls.setWrapDataSize(0); // one write, one record: pump() sizes its writes to whole records
        }
        counters.setupNanos.recordValue(System.nanoTime() - createdNanos);
        long period = a.keepaliveSeconds();
        if (period > 0) {
            keepalive = channel.eventLoop().scheduleAtFixedRate(this::keepalive, period, period, TimeUnit.SECONDS);
        }
        up.complete(this);
    }

    private ConfigAuth parse(HttpAnswerDecoder.Answer a, String step) {
        if (a.status() != 200) {
            fail(step + ": HTTP " + a.status());
            return null;
        }
        try {
            return ConfigAuthParser.parse(a.body());
        } catch (ConfigAuthException e) {
            fail(step + ": answer is not config-auth XML");
            return null;
        }
    }

    private void post(byte[] body) {
        StringBuilder c = new StringBuilder();
        cookies.forEach((k, v) -> c.append(c.length() == 0 ? "" : "; ").append(k).append('=').append(v));
        byte[] head = PROFILE.postHead(plan.path(), plan.hostHeader(), c.toString(), body.length);
        ByteBuf buf = channel.alloc().buffer(head.length + body.length);
        buf.writeBytes(head);
        buf.writeBytes(body);
        channel.writeAndFlush(buf);
    }

    private void onFrame(CstpFrame frame) {
        CstpPacketType type = frame.type();
        if (type == null) {
            return;
        }
        switch (type) {
            case DATA -> {
                ByteBuf ip = frame.payload();
                counters.received(ip.readableBytes(), UdpPackets.sentNanos(ip));
                lastEchoNanos = System.nanoTime();
                if (outstanding > 0) {
                    outstanding--;
                    if (sending) {
                        pump();
                    }
                }
            }
            case DPD_REQUEST -> {
                counters.dpdAnswered.increment();
                channel.writeAndFlush(CstpFrame.empty(CstpPacketType.DPD_RESPONSE), channel.voidPromise());
            }
            case DISCONNECT, TERMINATE -> {
                counters.closedByGateway.increment();
                channel.close();
            }
            default -> { } // DPD response, keepalive: nothing to do
        }
    }

    private void keepalive() {
        if (state == State.UP && System.nanoTime() - lastSentNanos > TimeUnit.SECONDS.toNanos(1)) {
            channel.writeAndFlush(CstpFrame.empty(CstpPacketType.KEEPALIVE), channel.voidPromise());
        }
    }

    /** Starts sending to the inside host until {@link #stopSending} or the packet budget runs out. */
    @Override
    public void startSending() {
        channel.eventLoop().execute(() -> {
            if (state != State.UP) {
                return;
            }
            byte[] ip = UdpPackets.packet(address, plan.insideHost(), 40000 + identity.index() % 20000, plan.service().port,
                    plan.size());
            template = channel.alloc().directBuffer(CstpFrame.HEADER_LENGTH + ip.length);
            CstpFrameEncoder.writeFrame(CstpPacketType.DATA.code(), Unpooled.wrappedBuffer(ip), template);
            framesPerRecord = framesPerRecord(template.readableBytes());
            if (plan.service() == TunnelPlan.Service.DISCARD) {
                fullRecord = channel.alloc().directBuffer(framesPerRecord * template.readableBytes());
                for (int i = 0; i < framesPerRecord; i++) {
                    fullRecord.writeBytes(template, template.readerIndex(), template.readableBytes());
                }
            }
            sending = true;
            lastEchoNanos = System.nanoTime();
            pump();
        });
    }

    @Override
    public void stopSending() {
        channel.eventLoop().execute(() -> sending = false);
    }

    /** Whole frames of {@code frameLength} bytes that fit in one record's plaintext (at least one). */
    static int framesPerRecord(int frameLength) {
        return Math.max(1, RECORD_PLAINTEXT / frameLength);
    }

    /**
     * Writes up to {@link #RECORDS_PER_FLUSH} records of frames while the channel takes more (and, for echo, while the
     * window has room), flushes once, and comes back through the event loop's queue; resumes on writability.
     */
    private void pump() {
        if (!sending || !channel.isActive()) {
            return;
        }
        boolean echo = plan.service() == TunnelPlan.Service.ECHO;
        int most = RECORDS_PER_FLUSH * framesPerRecord;
        int room = echo ? Math.min(most, plan.window() - outstanding) : most;
        if (room <= 0 || !channel.isWritable()) {
            return;
        }
        int n = counters.take(room);
        if (n == 0) {
            sending = false;
            return;
        }
        int frameLength = template.readableBytes();
        for (int left = n; left > 0; ) {
            int k = Math.min(left, framesPerRecord);
            ByteBuf record;
            if (!echo && k == framesPerRecord) {
                record = fullRecord.retainedDuplicate();
            } else {
                record = channel.alloc().directBuffer(k * frameLength);
                for (int i = 0; i < k; i++) {
                    int at = record.writerIndex();
                    record.writeBytes(template, template.readerIndex(), frameLength);
                    if (echo) {
                        UdpPackets.stamp(record, at + CstpFrame.HEADER_LENGTH, ++sequence, System.nanoTime());
                    }
                }
            }
            channel.write(record, channel.voidPromise());
            left -= k;
        }
        channel.flush();
        lastSentNanos = System.nanoTime();
        counters.sent(n, plan.size());
        if (echo) {
            outstanding += n;
        }
        channel.eventLoop().execute(this::pump); // let reads and other tunnels on this loop run in between
    }

    /** Echo packets not answered within {@code timeoutNanos} of the last answer are lost; the window reopens. */
    @Override
    public void expireEchoes(long timeoutNanos) {
        channel.eventLoop().execute(() -> {
            if (outstanding > 0 && System.nanoTime() - lastEchoNanos > timeoutNanos) {
                counters.lost.add(outstanding);
                outstanding = 0;
                lastEchoNanos = System.nanoTime();
                pump();
            }
        });
    }

    @Override
    public int outstanding() {
        return outstanding;
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (ctx.channel().isWritable()) {
            pump();
        }
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (state != State.UP && state != State.CLOSED) {
            fail("connection closed during " + state.name().toLowerCase());
        }
        state = State.CLOSED;
        cleanUp();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (state != State.UP) {
            fail(state.name().toLowerCase() + ": " + rootMessage(cause));
        }
        ctx.close();
    }

    /** Logs out (BYE with reason 0xB0, as openconnect on exit) and closes. */
    @Override
    public void close() {
        channel.eventLoop().execute(() -> {
            sending = false;
            if (state == State.UP && channel.isActive()) {
                channel.writeAndFlush(CstpFrame.logout()).addListener(f -> channel.close());
            } else {
                channel.close();
            }
            state = State.CLOSED;
        });
    }

    private void cleanUp() {
        if (keepalive != null) {
            keepalive.cancel(false);
        }
        if (template != null && template.refCnt() > 0) {
            template.release();
            template = null;
        }
        if (fullRecord != null && fullRecord.refCnt() > 0) {
            fullRecord.release();
            fullRecord = null;
        }
    }

    private void fail(String why) {
        if (!up.isDone()) {
            up.completeExceptionally(new TunnelSetupException(why));
        }
        state = State.CLOSED;
        channel.close();
    }

    private static String rootMessage(Throwable t) {
        Throwable c = t;
        while (c.getCause() != null && c.getCause() != c) {
            c = c.getCause();
        }
        return c.getMessage() == null ? c.getClass().getSimpleName() : c.getMessage();
    }

    /** Why a tunnel did not come up; the message is what the report counts. */
    static final class TunnelSetupException extends Exception {
        TunnelSetupException(String message) {
            super(message, null, false, false);
        }
    }
}
