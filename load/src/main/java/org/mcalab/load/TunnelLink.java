package org.mcalab.load;

import java.net.Inet4Address;

/**
 * A logged-in tunnel the generator drives. {@link CstpTunnel} is the Netty CSTP implementation; a DTLS data channel
 * (the client's {@code dtls} package) or the tunnel client of {@code org.mcalab.client.tunnel} can stand in
 * behind the same calls.
 */
interface TunnelLink extends AutoCloseable {
    /** The tunnel address the gateway assigned (X-CSTP-Address). */
    Inet4Address address();

    boolean isUp();

    void startSending();

    void stopSending();

    /** Echo packets in flight. */
    int outstanding();

    /** Counts echo packets unanswered for {@code timeoutNanos} as lost, so the window does not stay shut. */
    void expireEchoes(long timeoutNanos);

    @Override
    void close();
}
