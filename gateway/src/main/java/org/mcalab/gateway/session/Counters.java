package org.mcalab.gateway.session;

import java.util.concurrent.atomic.AtomicLong;

/** Traffic counters of a session or one of its tunnels; updated from I/O threads, read by the views. */
public final class Counters {
    private final AtomicLong bytesTx = new AtomicLong();
    private final AtomicLong bytesRx = new AtomicLong();
    private final AtomicLong pktsTx = new AtomicLong();
    private final AtomicLong pktsRx = new AtomicLong();
    private final AtomicLong dropsTx = new AtomicLong();
    private final AtomicLong dropsRx = new AtomicLong();

    /** One packet of {@code bytes} sent to the client. */
    public void sent(int bytes) {
        bytesTx.addAndGet(bytes);
        pktsTx.incrementAndGet();
    }

    /** One packet of {@code bytes} received from the client. */
    public void received(int bytes) {
        bytesRx.addAndGet(bytes);
        pktsRx.incrementAndGet();
    }

    public void droppedTx() {
        dropsTx.incrementAndGet();
    }

    public void droppedRx() {
        dropsRx.incrementAndGet();
    }

    public Snapshot snapshot() {
        return new Snapshot(bytesTx.get(), bytesRx.get(), pktsTx.get(), pktsRx.get(), dropsTx.get(), dropsRx.get());
    }

    public record Snapshot(long bytesTx, long bytesRx, long pktsTx, long pktsRx, long pktsTxDrop, long pktsRxDrop) {
        public static final Snapshot ZERO = new Snapshot(0, 0, 0, 0, 0, 0);

        public Snapshot plus(Snapshot o) {
            return new Snapshot(bytesTx + o.bytesTx, bytesRx + o.bytesRx, pktsTx + o.pktsTx, pktsRx + o.pktsRx,
                    pktsTxDrop + o.pktsTxDrop, pktsRxDrop + o.pktsRxDrop);
        }
    }
}
