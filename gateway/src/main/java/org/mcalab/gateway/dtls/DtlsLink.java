package org.mcalab.gateway.dtls;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.util.List;
import java.util.Optional;
import org.mcalab.gateway.session.Counters;
import org.mcalab.gateway.session.Session;
import org.mcalab.gateway.session.TunnelRow;

/**
 * The DTLS side of one CSTP tunnel: the {@code X-DTLS-*} headers for its CONNECT response, the downstream choice
 * (DTLS when a channel is up, else the caller uses CSTP: the fallback), upstream DATA into the inside network, and the
 * {@code DTLS-Tunnel} row of the session while a channel is up. Close it when the CSTP tunnel ends.
 */
public final class DtlsLink implements DtlsChannelListener, AutoCloseable {
    /** Where upstream packets go; same contract as the tunnel's inside-network port. */
    @FunctionalInterface
    public interface InsidePort {
        /** @return null when taken, else why the packet was dropped */
        String send(ByteBuf packet);
    }

    private final DtlsNegotiation negotiation;
    private final DtlsRegistry.Registration registration;
    private final Session session;
    private volatile InsidePort inside;
    private volatile DtlsChannel current;
    private volatile TunnelRow row;
    private volatile boolean clientOnCstp;

    DtlsLink(DtlsNegotiation negotiation, DtlsRegistry registry, Session session) {
        this.negotiation = negotiation;
        this.session = session;
        this.registration = negotiation.parameters().map(p -> registry.register(p, this)).orElse(null);
    }

    /** A tunnel without DTLS (DTLS off, or its socket unavailable): no headers, everything on CSTP. */
    public static DtlsLink none() {
        return new DtlsLink(DtlsNegotiation.NONE, null, null);
    }

    /** Response headers to append to the CONNECT answer; empty means CSTP only. */
    public List<DtlsNegotiation.Header> responseHeaders() {
        return negotiation.headers();
    }

    public Optional<DtlsParameters> parameters() {
        return negotiation.parameters();
    }

    /** Connects upstream DATA to the inside network (the tunnel calls this once its port exists). */
    public void attach(InsidePort port) {
        this.inside = port;
    }

    /**
     * The client sent DATA on CSTP: its DTLS is down on its side (DPD loss, re-handshake), so answer on CSTP until
     * DATA arrives on DTLS again (ocserv does the same, docs/protocol.md §9.4).
     */
    public void clientSentOnCstp() {
        if (up()) {
            clientOnCstp = true;
        }
    }

    /** True while a DTLS channel is up. */
    public boolean up() {
        DtlsChannel c = current;
        return c != null && c.isOpen();
    }

    /** DTLS traffic of this tunnel (zero when DTLS was not negotiated). */
    public Counters.Snapshot counters() {
        return registration == null ? Counters.Snapshot.ZERO : registration.counters().snapshot();
    }

    /**
     * Sends one downstream IP packet on DTLS if it is up. Returns true when sent (the buffer is released); false
     * leaves the buffer to the caller, who sends it on CSTP.
     */
    public boolean sendToClient(ByteBuf packet) {
        DtlsChannel c = current;
        if (c == null || !c.isOpen() || clientOnCstp) {
            return false;
        }
        byte[] bytes = ByteBufUtil.getBytes(packet);
        if (!c.send(bytes)) {
            return false;
        }
        packet.release();
        return true;
    }

    @Override
    public void opened(DtlsChannel channel) {
        clientOnCstp = false;
        current = channel;
        TunnelRow fresh = channel.tunnelRow();
        TunnelRow old = row;
        row = fresh;
        if (session != null) {
            if (old != null) {
                session.removeTunnel(old);
            }
            session.addTunnel(fresh);
        }
    }

    @Override
    public void data(DtlsChannel channel, byte[] ipPacket) {
        clientOnCstp = false;
        InsidePort port = inside;
        if (port == null || port.send(Unpooled.wrappedBuffer(ipPacket)) != null) {
            registration.counters().droppedRx();
        }
    }

    @Override
    public void closed(DtlsChannel channel) {
        if (current != channel) {
            return;
        }
        current = null;
        TunnelRow old = row;
        row = null;
        if (session != null && old != null) {
            session.removeTunnel(old);
        }
    }

    @Override
    public void close() {
        if (registration != null) {
            registration.close();
        }
    }
}
