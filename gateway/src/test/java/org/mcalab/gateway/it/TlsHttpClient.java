package org.mcalab.gateway.it;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * A raw HTTP/1.1-over-TLS client for tests: exact request bytes out, exact response body bytes in (the MCA
 * signature is made over them), one socket per instance (keep-alive).
 */
public final class TlsHttpClient implements Closeable {
    private final SSLSocket socket;
    private final InputStream in;
    private final OutputStream out;

    private TlsHttpClient(SSLSocket socket) throws IOException {
        this.socket = socket;
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
    }

    public static TlsHttpClient connect(SSLContext tls, int port) throws IOException {
        SSLSocket s = (SSLSocket) tls.getSocketFactory().createSocket("127.0.0.1", port);
        s.setSoTimeout(20_000);
        s.startHandshake();
        return new TlsHttpClient(s);
    }

    /**
     * From a chosen loopback address: Linux routes all of 127.0.0.0/8 to lo, so "127.0.0.2" is another client
     * source to the gateway.
     */
    public static TlsHttpClient connect(SSLContext tls, int port, String localAddress) throws IOException {
        SSLSocket s = (SSLSocket) tls.getSocketFactory().createSocket(java.net.InetAddress.getByName("127.0.0.1"), port,
                java.net.InetAddress.getByName(localAddress), 0);
        s.setSoTimeout(20_000);
        s.startHandshake();
        return new TlsHttpClient(s);
    }

    public SSLSocket socket() {
        return socket;
    }

    public record Response(int status, String reason, Map<String, String> headers, byte[] body) {
        public String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        public String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    /** POST with openconnect's headers. */
    public Response post(String path, byte[] body) throws IOException {
        String head = "POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nUser-Agent: Open AnyConnect VPN Agent v9.01-3\r\n"
                + "Accept: */*\r\nX-Transcend-Version: 1\r\nX-Aggregate-Auth: 1\r\nX-Pad: 0000000000\r\n"
                + "Content-Type: application/xml; charset=utf-8\r\nContent-Length: " + body.length + "\r\n\r\n";
        return send(head.getBytes(StandardCharsets.US_ASCII), body);
    }

    public Response send(byte[] head, byte[] body) throws IOException {
        out.write(head);
        out.write(body);
        out.flush();
        return read();
    }

    public Response read() throws IOException {
        String status = line();
        String[] parts = status.split(" ", 3);
        int code = Integer.parseInt(parts[1]);
        Map<String, String> headers = new LinkedHashMap<>();
        for (String l = line(); !l.isEmpty(); l = line()) {
            int colon = l.indexOf(':');
            headers.put(l.substring(0, colon).trim().toLowerCase(Locale.ROOT), l.substring(colon + 1).trim());
        }
        int length = Integer.parseInt(headers.getOrDefault("content-length", "0"));
        byte[] body = in.readNBytes(length);
        if (body.length != length) {
            throw new EOFException("body cut short");
        }
        return new Response(code, parts.length > 2 ? parts[2] : "", headers, body);
    }

    private String line() throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        int c;
        while ((c = in.read()) != '\n') {
            if (c < 0) {
                throw new EOFException("connection closed");
            }
            if (c != '\r') {
                b.write(c);
            }
        }
        return b.toString(StandardCharsets.ISO_8859_1);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
