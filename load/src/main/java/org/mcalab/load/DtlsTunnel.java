package org.mcalab.load;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.mcalab.protocol.cstp.CstpPacketType;
import org.mcalab.client.dtls.DtlsClientParameters;
import org.mcalab.client.dtls.DtlsTunnelChannel;

/**
 * A load tunnel whose data goes over DTLS: the CSTP tunnel that logged in stays open for control (the gateway ends
 * the session when it goes, and it answers DPD and keepalives), while the resumed legacy DTLS 1.2 session carries the
 * UDP packets. BouncyCastle's DTLS transport blocks, so each tunnel has one sender thread (only while sending) and
 * one receiver thread (echo replies, DTLS DPD) instead of an event loop.
 */
final class DtlsTunnel implements TunnelLink {
    /** Packets taken from the run's budget at once: small, so a packet bound is shared fairly between tunnels. */
    private static final int BATCH = 16;
    /** How often the blocked receiver looks at the closed flag. */
    private static final Duration RECEIVE_POLL = Duration.ofMillis(100);

    private final CstpTunnel control;
    private final DtlsTunnelChannel channel;
    private final TunnelPlan plan;
    private final int sourcePort;
    private final TunnelCounters counters;
    private final AtomicInteger outstanding = new AtomicInteger();
    private final Thread receiver;
    private volatile Thread sender;
    private volatile boolean sending;
    private volatile boolean closed;
    private volatile long lastEchoNanos = System.nanoTime();

    private DtlsTunnel(CstpTunnel control, DtlsTunnelChannel channel, TunnelPlan plan, int sourcePort, TunnelCounters counters) {
        this.control = control;
        this.channel = channel;
        this.plan = plan;
        this.sourcePort = sourcePort;
        this.counters = counters;
        this.receiver = new Thread(this::receive, "load-dtls-rx-" + sourcePort);
        receiver.setDaemon(true);
    }

    /**
     * Resumes the DTLS session {@code control}'s CONNECT answer announced; blocks for the handshake (at most 5 s).
     * On failure the CSTP tunnel is closed too: a tunnel that cannot carry DTLS does not count as up in a DTLS run.
     */
    static DtlsTunnel open(CstpTunnel control, TunnelPlan plan, int sourcePort, TunnelCounters counters)
            throws CstpTunnel.TunnelSetupException {
        Optional<DtlsClientParameters> params = control.dtls();
        if (params.isEmpty()) {
            control.close();
            throw new CstpTunnel.TunnelSetupException("CONNECT answer announces no DTLS session this client can resume");
        }
        try {
            DtlsTunnelChannel channel = DtlsTunnelChannel.open(new InetSocketAddress(plan.host(), params.get().port()), params.get());
            DtlsTunnel tunnel = new DtlsTunnel(control, channel, plan, sourcePort, counters);
            tunnel.receiver.start();
            return tunnel;
        } catch (IOException | RuntimeException e) {
            control.close();
            throw new CstpTunnel.TunnelSetupException("DTLS handshake: " + e.getMessage());
        }
    }

    @Override
    public Inet4Address address() {
        return control.address();
    }

    @Override
    public boolean isUp() {
        return !closed && control.isUp();
    }

    @Override
    public synchronized void startSending() {
        if (closed || sender != null) {
            return;
        }
        sending = true;
        lastEchoNanos = System.nanoTime();
        Thread t = new Thread(this::send, "load-dtls-tx-" + sourcePort);
        t.setDaemon(true);
        sender = t;
        t.start();
    }

    @Override
    public void stopSending() {
        sending = false;
    }

    private void send() {
        byte[] ip = UdpPackets.packet(control.address(), plan.insideHost(), sourcePort, plan.service().port, plan.size());
        ByteBuf stamp = Unpooled.wrappedBuffer(ip);
        boolean echo = plan.service() == TunnelPlan.Service.ECHO;
        long sequence = 0;
        try {
            while (sending && !closed) {
                int room = echo ? Math.min(BATCH, plan.window() - outstanding.get()) : BATCH;
                if (room <= 0) {
                    Thread.sleep(1); // the receiver or expireEchoes reopens the window
                    continue;
                }
                int n = counters.take(room);
                if (n == 0) {
                    return; // packet budget spent
                }
                for (int i = 0; i < n; i++) {
                    if (echo) {
                        UdpPackets.stamp(stamp, 0, ++sequence, System.nanoTime());
                        outstanding.incrementAndGet();
                    }
                    channel.send(CstpPacketType.DATA, ip); // copies the packet into its own record
                }
                counters.sent(n, plan.size());
            }
        } catch (IOException e) {
            if (!closed) {
                counters.closedByGateway.increment();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            sending = false;
        }
    }

    private void receive() {
        try {
            while (!closed) {
                Optional<DtlsTunnelChannel.Frame> f = channel.receive(RECEIVE_POLL);
                if (f.isEmpty() || f.get().type() == null) {
                    continue;
                }
                DtlsTunnelChannel.Frame frame = f.get();
                switch (frame.type()) {
                    case DATA -> {
                        counters.received(frame.payload().length, UdpPackets.sentNanos(Unpooled.wrappedBuffer(frame.payload())));
                        lastEchoNanos = System.nanoTime();
                        outstanding.updateAndGet(o -> Math.max(0, o - 1));
                    }
                    case DPD_REQUEST -> {
                        counters.dpdAnswered.increment();
                        channel.send(CstpPacketType.DPD_RESPONSE, frame.payload());
                    }
                    case DISCONNECT, TERMINATE -> {
                        counters.closedByGateway.increment();
                        closed = true;
                    }
                    default -> { } // DPD response, keepalive
                }
            }
        } catch (IOException e) {
            if (!closed) {
                counters.closedByGateway.increment();
                closed = true;
            }
        } finally {
            shutDown();
        }
    }

    /** On the receiver thread, once it stops: the sender has ended, so the channel can be closed under no one. */
    private void shutDown() {
        sending = false;
        Thread t = sender;
        if (t != null) {
            try {
                t.join(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        channel.close(); // close_notify: the gateway drops the DTLS row, the session stays on CSTP
        control.close();
    }

    @Override
    public int outstanding() {
        return outstanding.get();
    }

    @Override
    public void expireEchoes(long timeoutNanos) {
        if (outstanding.get() > 0 && System.nanoTime() - lastEchoNanos > timeoutNanos) {
            counters.lost.add(outstanding.getAndSet(0));
            lastEchoNanos = System.nanoTime();
        }
    }

    /** Does not block: the receiver notices within {@link #RECEIVE_POLL}, waits for the sender and closes both channels. */
    @Override
    public void close() {
        sending = false;
        closed = true;
    }
}
