package org.mcalab.gateway.abuse;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.time.Duration;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;

/** Plain-TCP helpers for clients that misbehave below HTTP: half handshakes, silence, early resets. */
final class RawPeer {
    private RawPeer() {}

    static Socket connect(int port) throws IOException {
        Socket s = new Socket();
        s.connect(new InetSocketAddress("127.0.0.1", port), 5000);
        return s;
    }

    /** The first flight of a real TLS client: a ClientHello, as bytes to send by hand. */
    static byte[] clientHello(SSLContext tls) throws IOException {
        SSLEngine engine = tls.createSSLEngine("127.0.0.1", 443);
        engine.setUseClientMode(true);
        ByteBuffer out = ByteBuffer.allocate(engine.getSession().getPacketBufferSize());
        engine.beginHandshake();
        engine.wrap(ByteBuffer.allocate(0), out);
        out.flip();
        byte[] hello = new byte[out.remaining()];
        out.get(hello);
        return hello;
    }

    /**
     * Reads and discards until the gateway closes the connection; returns how long that took, or throws when it has
     * not closed within {@code bound}.
     */
    static Duration awaitClosedByGateway(Socket s, Duration bound) throws IOException {
        long t0 = System.nanoTime();
        s.setSoTimeout(250);
        InputStream in = s.getInputStream();
        byte[] buf = new byte[4096];
        while (System.nanoTime() - t0 < bound.toNanos()) {
            try {
                if (in.read(buf) < 0) {
                    return Duration.ofNanos(System.nanoTime() - t0);
                }
            } catch (SocketTimeoutException still) {
                // still open; keep waiting
            } catch (SocketException reset) {
                return Duration.ofNanos(System.nanoTime() - t0); // closed with a reset: closed all the same
            }
        }
        throw new AssertionError("the gateway kept the connection open longer than " + bound.toSeconds() + " s");
    }
}
