package org.mcalab.gateway.dtls;

import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** Stands in for the tunnel: records what the DTLS side reports. */
final class RecordingListener implements DtlsChannelListener {
    final BlockingQueue<DtlsChannel> opened = new LinkedBlockingQueue<>();
    final BlockingQueue<DtlsChannel> closed = new LinkedBlockingQueue<>();
    final BlockingQueue<byte[]> data = new LinkedBlockingQueue<>();
    final List<DtlsChannel> all = new CopyOnWriteArrayList<>();

    @Override
    public void opened(DtlsChannel channel) {
        all.add(channel);
        opened.add(channel);
    }

    @Override
    public void data(DtlsChannel channel, byte[] ipPacket) {
        data.add(ipPacket);
    }

    @Override
    public void closed(DtlsChannel channel) {
        closed.add(channel);
    }

    DtlsChannel awaitOpened() throws InterruptedException {
        DtlsChannel c = opened.poll(5, TimeUnit.SECONDS);
        if (c == null) {
            throw new AssertionError("no DTLS channel opened");
        }
        return c;
    }

    DtlsChannel awaitClosed() throws InterruptedException {
        DtlsChannel c = closed.poll(5, TimeUnit.SECONDS);
        if (c == null) {
            throw new AssertionError("no DTLS channel closed");
        }
        return c;
    }

    byte[] awaitData() throws InterruptedException {
        byte[] d = data.poll(5, TimeUnit.SECONDS);
        if (d == null) {
            throw new AssertionError("no DATA record arrived");
        }
        return d;
    }
}
