package org.mcalab.conformance.probe;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLSocket;
import org.mcalab.protocol.cstp.CstpFrame;
import org.mcalab.protocol.cstp.CstpPacketType;
import org.mcalab.client.tunnel.TunnelClient;
import org.mcalab.client.tunnel.TunnelException;

/**
 * A CSTP tunnel written by hand on a blocking TLS socket, for what {@link TunnelClient} deliberately never sends:
 * a DTLS offer in the CONNECT, DPD requests with a payload, keepalives on demand, and malformed frames. A reader
 * thread queues the gateway's frames (answering its DPD requests) and notices when the gateway closes the connection.
 */
final class RawTunnel implements AutoCloseable {
    /** One frame from the gateway; {@code type} is the raw code. */
    record Frame(int type, byte[] payload) {
        boolean is(CstpPacketType t) {
            return type == t.code();
        }
    }

    private static final Frame END = new Frame(-1, new byte[0]);

    private final SSLSocket socket;
    private final InputStream in;
    private final OutputStream out;
    private final Duration timeout;
    private final String statusLine;
    private final Map<String, List<String>> headers;
    private final Inet4Address address;
    private final int mtu;
    private final BlockingQueue<Frame> frames = new LinkedBlockingQueue<>();
    private volatile String ended;
    private int seq;

    private RawTunnel(SSLSocket socket, InputStream in, Duration timeout, String statusLine, Map<String, List<String>> headers,
                      Inet4Address address, int mtu) throws IOException {
        this.socket = socket;
        this.in = in;
        this.out = socket.getOutputStream();
        this.timeout = timeout;
        this.statusLine = statusLine;
        this.headers = headers;
        this.address = address;
        this.mtu = mtu;
    }

    /**
     * Sends openconnect's CONNECT (plus {@code extraHeaders}, e.g. the DTLS offer) and reads the answer.
     *
     * @throws TunnelException when the gateway refuses it or the answer lacks an address or MTU
     */
    static RawTunnel connect(TunnelEndpoint endpoint, String token, Map<String, String> extraHeaders) throws TunnelException {
        SSLSocket socket = endpoint.openTls();
        try {
            StringBuilder request = new StringBuilder("CONNECT /CSCOSSLC/tunnel HTTP/1.1\r\n")
                    .append("Host: ").append(endpoint.host()).append(endpoint.port() == 443 ? "" : ":" + endpoint.port()).append("\r\n")
                    .append("User-Agent: ").append(TunnelClient.USER_AGENT).append("\r\n")
                    .append("Cookie: webvpn=").append(token).append("\r\n")
                    .append("X-CSTP-Version: 1\r\n")
                    .append("X-CSTP-Hostname: mcalab-probe\r\n")
                    .append("X-CSTP-Base-MTU: 1500\r\n")
                    .append("X-CSTP-MTU: 1390\r\n")
                    .append("X-CSTP-Address-Type: IPv4\r\n");
            extraHeaders.forEach((k, v) -> request.append(k).append(": ").append(v).append("\r\n"));
            request.append("\r\n");
            socket.getOutputStream().write(request.toString().getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            InputStream in = new BufferedInputStream(socket.getInputStream());
            String[] lines = readHead(in).split("\r\n");
            Map<String, List<String>> headers = new LinkedHashMap<>();
            String reason = null;
            for (int i = 1; i < lines.length; i++) {
                int colon = lines[i].indexOf(':');
                if (colon <= 0) {
                    continue;
                }
                String name = lines[i].substring(0, colon);
                String value = lines[i].substring(colon + 1).strip();
                if (name.startsWith("X-CSTP-") || name.startsWith("X-DTLS")) {
                    headers.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
                } else if (name.equalsIgnoreCase("X-Reason")) {
                    reason = value;
                }
            }
            if (!lines[0].startsWith("HTTP/1.1 200 ")) {
                throw new TunnelException("CONNECT refused: " + lines[0] + (reason == null ? "" : " (X-Reason: " + reason + ")"));
            }
            List<String> addr = headers.getOrDefault("X-CSTP-Address", List.of());
            List<String> mtu = headers.getOrDefault("X-CSTP-MTU", List.of());
            if (addr.isEmpty() || mtu.isEmpty()) {
                throw new TunnelException("CONNECT answer without X-CSTP-Address or X-CSTP-MTU");
            }
            Inet4Address address;
            int mtuValue;
            try {
                address = (Inet4Address) InetAddress.getByName(addr.get(0));
                mtuValue = Integer.parseInt(mtu.get(0));
            } catch (IOException | RuntimeException e) {
                throw new TunnelException("unusable X-CSTP-Address/X-CSTP-MTU: " + addr.get(0) + " / " + mtu.get(0));
            }
            socket.setSoTimeout(0); // the reader blocks; waits are bounded by the queue polls
            RawTunnel t = new RawTunnel(socket, in, endpoint.timeout(), lines[0], headers, address, mtuValue);
            Thread reader = new Thread(t::read, "probe-cstp-reader");
            reader.setDaemon(true);
            reader.start();
            return t;
        } catch (IOException e) {
            close(socket);
            throw new TunnelException("CONNECT failed: " + e.getMessage(), e);
        } catch (TunnelException e) {
            close(socket);
            throw e;
        }
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("the gateway closed the connection before answering the CONNECT");
            }
            head.write(b);
            matched = (b == (matched % 2 == 0 ? '\r' : '\n')) ? matched + 1 : (b == '\r' ? 1 : 0);
            if (head.size() > 64 * 1024) {
                throw new IOException("CONNECT answer head larger than 64 KiB");
            }
        }
        return head.toString(StandardCharsets.ISO_8859_1);
    }

    String statusLine() {
        return statusLine;
    }

    /** The {@code X-CSTP-*} and {@code X-DTLS*} answer headers, names as sent. */
    Map<String, List<String>> headers() {
        return Collections.unmodifiableMap(headers);
    }

    String header(String exactName) {
        List<String> v = headers.get(exactName);
        return v == null || v.isEmpty() ? null : v.get(0);
    }

    Inet4Address address() {
        return address;
    }

    int mtu() {
        return mtu;
    }

    void send(CstpPacketType type, byte[] payload) throws TunnelException {
        ByteBuffer frame = ByteBuffer.allocate(CstpFrame.HEADER_LENGTH + payload.length);
        frame.put(new byte[] {'S', 'T', 'F', 1}).putShort((short) payload.length).put((byte) type.code()).put((byte) 0).put(payload);
        sendBytes(frame.array());
    }

    /** Anything, as one write: the malformed frames of MCA-ROB-2. */
    void sendBytes(byte[] bytes) throws TunnelException {
        try {
            synchronized (out) {
                out.write(bytes);
                out.flush();
            }
        } catch (IOException e) {
            throw new TunnelException("write failed" + endedText() + ": " + e.getMessage(), e);
        }
    }

    /** The next frame of {@code type}; frames of other types are skipped. */
    Frame await(CstpPacketType type, String what) throws TunnelException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Frame f = next(deadline, what);
            if (f.is(type)) {
                return f;
            }
        }
    }

    /** An ICMP echo to {@code host} on CSTP, checked byte for byte; returns the RTT. */
    Duration ping(Inet4Address host, int dataBytes) throws TunnelException {
        byte[] request = IcmpEcho.request(address, host, ++seq, dataBytes);
        long start = System.nanoTime();
        send(CstpPacketType.DATA, request);
        long deadline = start + timeout.toNanos();
        String what = "ping " + host.getHostAddress() + " on CSTP";
        while (true) {
            Frame f = next(deadline, what);
            if (f.is(CstpPacketType.DATA) && IcmpEcho.isIcmpFrom(f.payload(), host)) {
                String wrong = IcmpEcho.check(request, f.payload());
                if (wrong != null) {
                    throw new TunnelException(what + ": " + wrong);
                }
                return Duration.ofNanos(System.nanoTime() - start);
            }
        }
    }

    /** DATA frames that are already queued (none expected while traffic should be on DTLS). */
    List<Frame> queuedData() {
        List<Frame> data = new ArrayList<>();
        frames.removeIf(f -> {
            if (f.is(CstpPacketType.DATA)) {
                data.add(f);
                return true;
            }
            return false;
        });
        return data;
    }

    /** True when the gateway closed the connection (or ended the tunnel) within the timeout. */
    boolean awaitClosedByGateway() {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            try {
                Frame f = frames.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                if (f == null) {
                    return false;
                }
                if (f == END || f.is(CstpPacketType.DISCONNECT) || f.is(CstpPacketType.TERMINATE)) {
                    return true;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
    }

    boolean isOpen() {
        return ended == null;
    }

    /** Why the connection ended, when it did. */
    Optional<String> ended() {
        return Optional.ofNullable(ended);
    }

    /** openconnect's logout: DISCONNECT with reason 0xB0, then close. The session ends with it. */
    void bye() {
        byte[] reason = "Aborted by caller".getBytes(StandardCharsets.US_ASCII);
        byte[] payload = new byte[1 + reason.length];
        payload[0] = (byte) CstpPacketType.BYE_LOGOUT_REASON;
        System.arraycopy(reason, 0, payload, 1, reason.length);
        try {
            send(CstpPacketType.DISCONNECT, payload);
        } catch (TunnelException ignored) {
            // already closed: nothing to log out of on this connection
        }
        close();
    }

    @Override
    public void close() {
        close(socket);
    }

    private static void close(SSLSocket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // done with it either way
        }
    }

    private Frame next(long deadline, String what) throws TunnelException {
        Frame f;
        try {
            f = frames.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TunnelException(what + ": interrupted");
        }
        if (f == null) {
            throw new TunnelException(what + ": no answer within " + timeout.toMillis() + " ms");
        }
        if (f == END) {
            frames.add(END); // stays visible to later waits
            throw new TunnelException(what + ": the tunnel is closed" + endedText());
        }
        return f;
    }

    private String endedText() {
        String e = ended;
        return e == null ? "" : " (" + e + ")";
    }

    /** The reader thread: frames into the queue until the connection ends. */
    private void read() {
        try {
            while (true) {
                byte[] head = in.readNBytes(CstpFrame.HEADER_LENGTH);
                if (head.length < CstpFrame.HEADER_LENGTH) {
                    ended = "the gateway closed the connection";
                    break;
                }
                if (head[0] != 'S' || head[1] != 'T' || head[2] != 'F' || head[3] != 1) {
                    ended = "bad CSTP magic from the gateway";
                    break;
                }
                int length = ((head[4] & 0xff) << 8) | (head[5] & 0xff);
                byte[] payload = in.readNBytes(length);
                if (payload.length < length) {
                    ended = "the gateway closed the connection inside a frame";
                    break;
                }
                Frame f = new Frame(head[6] & 0xff, payload);
                if (f.is(CstpPacketType.DPD_REQUEST)) {
                    send(CstpPacketType.DPD_RESPONSE, payload);
                    continue;
                }
                if (f.is(CstpPacketType.DISCONNECT) || f.is(CstpPacketType.TERMINATE)) {
                    ended = "the gateway sent " + CstpPacketType.of(f.type());
                }
                frames.add(f);
            }
        } catch (IOException | TunnelException e) {
            if (ended == null) {
                ended = socket.isClosed() ? "closed by the probe" : "connection failed: " + e.getMessage();
            }
        }
        frames.add(END);
        close(socket);
    }
}
