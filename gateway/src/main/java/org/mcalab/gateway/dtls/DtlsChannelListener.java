package org.mcalab.gateway.dtls;

/**
 * The tunnel's side of one session's DTLS channel. Called from DTLS worker threads, never from the CSTP event loop.
 */
public interface DtlsChannelListener {

    /** A handshake completed: send downstream data on {@code channel} from now on (and add its session DB row). */
    void opened(DtlsChannel channel);

    /** A DATA record arrived: one IP packet for the inside network (the same path as CSTP data). */
    void data(DtlsChannel channel, byte[] ipPacket);

    /**
     * The channel is gone (a new ClientHello replaced it, the handshake failed, the session ended, or a send failed):
     * send on CSTP again. Only act if {@code channel} is still the one last opened.
     */
    void closed(DtlsChannel channel);
}
