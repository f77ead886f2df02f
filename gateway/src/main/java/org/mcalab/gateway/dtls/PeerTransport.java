package org.mcalab.gateway.dtls;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.socket.DatagramPacket;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.InetSocketAddress;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.tls.DatagramTransport;

/**
 * One client's view of the shared UDP socket, as BouncyCastle's blocking {@link DatagramTransport}: the Netty reader
 * demultiplexes datagrams into {@link #offer}, BC pulls them with a timeout; sends go straight to the Netty channel.
 */
final class PeerTransport implements DatagramTransport {
    /**
     * Largest datagram taken: any tunnel MTU (the ASA allows 576-1462, base MTU 1500) plus DTLS overhead, with room to
     * spare. Kept small because BouncyCastle allocates a fresh array of this size for every record it receives: at
     * 16 KiB that was 16 KiB of garbage per 1400-byte packet, the gateway's largest DTLS cost in a profile.
     */
    static final int RECEIVE_LIMIT = 4 * 1024;
    /** Largest datagram sent; BC sizes each record from the actual data, so this only bounds. */
    static final int SEND_LIMIT = 16 * 1024;
    private static final int QUEUE = 1024;
    private static final long POLL_MILLIS = 250;

    private final BlockingQueue<byte[]> inbound = new ArrayBlockingQueue<>(QUEUE);
    private final Channel channel;
    private final InetSocketAddress peer;
    private volatile boolean closed;

    // Reader-thread state: the protected application record BC pulled last and has not yet turned into plaintext.
    private int pendingEpoch;
    private long pendingSeq = -1;
    private int unauthenticated;

    PeerTransport(Channel channel, InetSocketAddress peer) {
        this.channel = channel;
        this.peer = peer;
    }

    /** @return false when the queue is full or the transport closed (the caller counts the drop) */
    boolean offer(byte[] datagram) {
        return !closed && inbound.offer(datagram);
    }

    @Override
    public int getReceiveLimit() {
        return RECEIVE_LIMIT;
    }

    @Override
    public int getSendLimit() {
        return SEND_LIMIT;
    }

    @Override
    public int receive(byte[] buf, int off, int len, int waitMillis) throws IOException {
        // BC passes 0 for "no timeout"; poll in slices so close() is noticed.
        long deadline = waitMillis > 0 ? System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(waitMillis) : Long.MAX_VALUE;
        byte[] d;
        try {
            while (true) {
                if (closed) {
                    throw new IOException("DTLS peer transport closed");
                }
                long left = deadline == Long.MAX_VALUE ? POLL_MILLIS
                        : Math.min(POLL_MILLIS, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()));
                if (left <= 0) {
                    return -1;
                }
                d = inbound.poll(left, TimeUnit.MILLISECONDS);
                if (d != null) {
                    break;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("DTLS receive interrupted");
        }
        if (pendingSeq >= 0) {
            // BC pulled the next datagram without delivering the previous record: it failed authentication.
            unauthenticated++;
            pendingSeq = -1;
        }
        if (DtlsRecords.protectedApplicationData(d)) {
            pendingEpoch = DtlsRecords.epoch(d);
            pendingSeq = DtlsRecords.sequence(d);
        }
        int n = Math.min(len, d.length);
        System.arraycopy(d, 0, buf, off, n);
        return n;
    }

    /** BC just delivered plaintext: the record pulled last was genuine; remember it in the replay window. */
    void confirm(ReplayWindow window) {
        if (pendingSeq >= 0) {
            window.mark(pendingEpoch, pendingSeq);
            pendingSeq = -1;
        }
    }

    /** Records BC discarded since the last call (reader thread only). */
    int takeUnauthenticated() {
        int n = unauthenticated;
        unauthenticated = 0;
        return n;
    }

    @Override
    public void send(byte[] buf, int off, int len) {
        if (!closed) {
            channel.writeAndFlush(new DatagramPacket(Unpooled.copiedBuffer(buf, off, len), peer));
        }
    }

    @Override
    public void close() {
        closed = true;
        inbound.clear();
    }

    boolean closed() {
        return closed;
    }
}
