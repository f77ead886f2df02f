package org.mcalab.gateway.dtls;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.Arrays;
import org.bouncycastle.tls.DTLSServerProtocol;
import org.bouncycastle.tls.DTLSTransport;
import org.bouncycastle.tls.ProtocolVersion;
import org.mcalab.gateway.session.Counters;
import org.mcalab.gateway.session.TunnelRow;
import org.mcalab.gateway.trace.DebugCategory;
import org.mcalab.gateway.trace.Trace;
import org.mcalab.protocol.cstp.CstpPacketType;

/**
 * One client's DTLS channel: created by a ClientHello, usable once {@link DtlsChannelListener#opened} fired, closed
 * when replaced, failed or the session ends. Every record is a 1-byte packet type plus payload (docs/protocol.md §10.6).
 */
public final class DtlsChannel {
    private final InetSocketAddress peer;
    private final int localPort;
    private final DtlsRegistry.Registration registration;
    private final PeerTransport transport;
    private final byte[] helloRandom;
    private final ReplayWindow replay = new ReplayWindow();
    private final Trace trace;
    private final Object sendLock = new Object();
    private volatile DTLSTransport dtls;
    private volatile TunnelRow row;
    private volatile boolean closed;

    DtlsChannel(InetSocketAddress peer, int localPort, DtlsRegistry.Registration registration, PeerTransport transport,
                byte[] helloRandom, Trace trace) {
        this.peer = peer;
        this.localPort = localPort;
        this.registration = registration;
        this.transport = transport;
        this.helloRandom = helloRandom.clone();
        this.trace = trace;
    }

    public InetSocketAddress peer() {
        return peer;
    }

    public DtlsParameters parameters() {
        return registration.parameters();
    }

    /**
     * The session's DTLS counters (shared by all handshakes of the session): IP packets and their bytes, like the
     * SSL-Tunnel row; DPD, MTU probes and keepalives are not traffic. Drops include replays and records that failed
     * authentication.
     */
    public Counters counters() {
        return registration.counters();
    }

    /** Handshake done and not closed. */
    public boolean isOpen() {
        return dtls != null && !closed;
    }

    /**
     * The {@code DTLS-Tunnel} row for {@code show vpn-sessiondb detail}, e.g. "AES-GCM-256 / SHA384 /
     * AES256-GCM-SHA384 / DTLSv1.2"; null before the handshake completed.
     */
    public TunnelRow tunnelRow() {
        return row;
    }

    /** Sends one IP packet as a DATA record. False when the channel is not usable (the caller then uses CSTP). */
    public boolean send(byte[] ipPacket) {
        return send(CstpPacketType.DATA, ipPacket, 0, ipPacket.length);
    }

    public boolean send(CstpPacketType type, byte[] payload, int offset, int length) {
        byte[] record = new byte[1 + length];
        record[0] = (byte) type.code();
        System.arraycopy(payload, offset, record, 1, length);
        boolean sent = sendRecord(record, record.length);
        if (sent && type == CstpPacketType.DATA) {
            counters().sent(length);
        }
        return sent;
    }

    private boolean sendRecord(byte[] record, int length) {
        DTLSTransport t = dtls;
        if (t == null || closed) {
            return false;
        }
        try {
            synchronized (sendLock) {
                if (length > t.getSendLimit()) {
                    counters().droppedTx();
                    return false;
                }
                t.send(record, 0, length);
            }
            return true;
        } catch (IOException e) {
            counters().droppedTx();
            close("send failed: " + e.getMessage());
            return false;
        }
    }

    public void close() {
        close("closed by the gateway");
    }

    void close(String reason) {
        if (closed) {
            return;
        }
        closed = true;
        transport.close();
        registration.forget(this);
        trace(reason == null ? "DTLS channel closed" : "DTLS channel closed: " + reason);
        if (dtls != null) {
            registration.listener().closed(this);
        }
    }

    boolean closed() {
        return closed;
    }

    boolean sameHello(byte[] random) {
        return Arrays.equals(helloRandom, random);
    }

    /** Called on the Netty thread: queue a datagram for BC unless it is a replay of an authenticated record. */
    void deliver(byte[] datagram, DtlsServer.Stats stats) {
        if (DtlsRecords.protectedApplicationData(datagram)
                && replay.seen(DtlsRecords.epoch(datagram), DtlsRecords.sequence(datagram))) {
            stats.replayed.increment();
            counters().droppedRx();
            return;
        }
        if (!transport.offer(datagram)) {
            stats.queueFull.increment();
            counters().droppedRx();
        }
    }

    /** The worker: blocking handshake, then the read loop until closed. */
    void run(DTLSServerProtocol protocol, NegotiatedServer server, java.util.concurrent.Semaphore handshakeSlots,
             DtlsServer.Stats stats) {
        DTLSTransport established;
        try {
            try {
                handshakeSlots.acquire();
                try {
                    established = protocol.accept(server, transport);
                } finally {
                    handshakeSlots.release();
                }
            } finally {
                registration.endHandshake();
            }
        } catch (IOException | RuntimeException e) {
            stats.handshakeFailures.increment();
            close("handshake failed: " + e);
            return;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            close("interrupted");
            return;
        }
        if (closed) {
            return;
        }
        row = rowFor(server);
        if (!registration.install(this)) {
            return;
        }
        dtls = established;
        stats.handshakes.increment();
        trace("DTLS established with " + peer + ": " + row.ciphersuite() + " " + row.encapsulation());
        registration.listener().opened(this);
        readLoop(established);
    }

    private void readLoop(DTLSTransport t) {
        byte[] buf = new byte[PeerTransport.RECEIVE_LIMIT];
        while (!closed) {
            int n;
            try {
                n = t.receive(buf, 0, buf.length, 1000);
            } catch (IOException | RuntimeException e) {
                close(closed ? null : "receive failed: " + e.getMessage());
                return;
            }
            for (int i = transport.takeUnauthenticated(); i > 0; i--) {
                counters().droppedRx();
            }
            if (n < 0) {
                continue;
            }
            transport.confirm(replay);
            onRecord(buf, n);
        }
    }

    private void onRecord(byte[] buf, int n) {
        CstpPacketType type = n > 0 ? CstpPacketType.of(buf[0] & 0xff) : null;
        if (type == null) {
            counters().droppedRx();
            return;
        }
        switch (type) {
            case DATA -> {
                counters().received(n - 1);
                registration.listener().data(this, Arrays.copyOfRange(buf, 1, n));
            }
            case DPD_REQUEST -> {
                // Echo every byte: openconnect's MTU probes count only with the same length and bytes (docs/protocol.md §10.6).
                byte[] reply = Arrays.copyOf(buf, n);
                reply[0] = (byte) CstpPacketType.DPD_RESPONSE.code();
                sendRecord(reply, n);
            }
            case DPD_RESPONSE, KEEPALIVE, DISCONNECT -> {
                // liveness only; openconnect sends its BYE on CSTP
            }
            default -> counters().droppedRx();
        }
    }

    private TunnelRow rowFor(NegotiatedServer server) {
        int code = server.negotiatedSuite();
        SuiteNames names = SuiteNames.of(code);
        ProtocolVersion v = server.negotiatedVersion();
        String encapsulation = ProtocolVersion.DTLSv10.equals(v) ? "DTLSv1.0" : "DTLSv1.2";
        return new TunnelRow(TunnelRow.Kind.DTLS, peer.getAddress().getHostAddress(), peer.getPort(), localPort,
                names.encryption(), names.hashing(), names.ciphersuite(), encapsulation, Instant.now(), counters());
    }

    private void trace(String message) {
        if (trace.enabled(DebugCategory.DTLS)) {
            trace.emit(DebugCategory.DTLS, registration.parameters().idHex().substring(0, 8), message);
        }
    }
}
