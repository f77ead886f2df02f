package org.mcalab.client;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.net.ssl.SSLSocket;
import org.mcalab.protocol.ClientProfile;
import org.mcalab.protocol.cstp.ConnectAnswer;
import org.mcalab.protocol.cstp.ConnectRequest;
import org.mcalab.protocol.cstp.CstpFrame;

/**
 * One TLS connection speaking HTTP/1.1 the way openconnect 9.01 does (docs/protocol.md §4.1, §8.2).
 * Responses keep their exact body bytes.
 */
public final class Connection implements AutoCloseable {
    /** A response body bigger than this is cut off; gateways answer with small XML documents. */
    private static final int MAX_RESPONSE_BODY = 1 << 20;

    private final SSLSocket socket;
    private final String host;
    private final TlsDetails tls;
    private final InputStream in;
    private final OutputStream out;

    Connection(SSLSocket socket, String host, TlsDetails tls) throws IOException {
        this.socket = socket;
        this.host = host;
        this.tls = tls;
        this.in = new BufferedInputStream(socket.getInputStream());
        this.out = socket.getOutputStream();
    }

    public TlsDetails tls() {
        return tls;
    }

    /**
     * POSTs a config-auth document with openconnect's aggregate-auth headers.
     *
     * @param userAgent e.g. {@code Open AnyConnect VPN Agent v9.01-3}
     * @param cookies   {@code name=value; ...} or null
     */
    public HttpResponse post(String path, byte[] body, String userAgent, String cookies) throws IOException {
        byte[] head = ClientProfile.withUserAgent(userAgent).postHead(path, host, cookies, body.length);
        IOException writeFailure = null;
        try {
            out.write(head);
            out.write(body);
            out.flush();
        } catch (IOException e) {
            // A gateway may answer (413, 400) and close before an oversized body is fully written: read its answer.
            writeFailure = e;
        }
        try {
            return readResponse(true);
        } catch (IOException e) {
            if (writeFailure != null) {
                e.addSuppressed(writeFailure);
            }
            throw e;
        }
    }

    /** {@code CONNECT /CSCOSSLC/tunnel} with the session token as openconnect sends it; reads the status and headers only. */
    public HttpResponse connectTunnel(String sessionToken, String userAgent) throws IOException {
        ConnectAnswer answer = connect(ConnectRequest.openconnect(host, sessionToken).withProfile(ClientProfile.withUserAgent(userAgent)));
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (ConnectAnswer.Header h : answer.headers()) {
            headers.computeIfAbsent(h.name().toLowerCase(Locale.ROOT), k -> new ArrayList<>()).add(h.value());
        }
        String[] status = answer.statusLine().split(" ", 3);
        return new HttpResponse(answer.status(), status.length > 2 ? status[2] : "", headers, new byte[0]);
    }

    /**
     * Sends {@code request} and reads the answer's head by openconnect's rule (docs/protocol.md §8.3); what follows it
     * (CSTP frames after a 200) stays unread. {@link ConnectAnswer#problem()} says whether openconnect would go on.
     */
    public ConnectAnswer connect(ConnectRequest request) throws IOException {
        out.write(request.encode());
        out.flush();
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        for (String line = readLine(); ; line = readLine()) {
            if (line == null) {
                if (head.size() == 0) {
                    throw new IOException("the gateway closed the connection without answering");
                }
                break;
            }
            if (line.isEmpty() && head.size() > 0) {
                break;
            }
            if (head.size() > ConnectAnswer.MAX_HEAD) {
                throw new IOException("CONNECT answer head larger than " + ConnectAnswer.MAX_HEAD + " bytes");
            }
            head.writeBytes((line + "\n").getBytes(StandardCharsets.ISO_8859_1));
        }
        return ConnectAnswer.parse(head.toByteArray());
    }

    /**
     * After a CONNECT answered 200: openconnect's logout on exit, a CSTP DISCONNECT carrying 0xB0 and the reason
     * "Aborted by caller" (docs/protocol.md §12.1; openconnect sends no HTTP logout). The session's cookie is dead afterwards.
     */
    public void sendBye() throws IOException {
        CstpFrame bye = CstpFrame.logout();
        try {
            out.write(bye.wireBytes());
        } finally {
            bye.release();
        }
        out.flush();
    }

    private HttpResponse readResponse(boolean withBody) throws IOException {
        String statusLine = readLine();
        if (statusLine == null) {
            throw new IOException("the gateway closed the connection without answering");
        }
        String[] parts = statusLine.split(" ", 3);
        if (parts.length < 2 || !parts[0].startsWith("HTTP/1.")) {
            throw new IOException("not an HTTP status line: '" + statusLine + "'");
        }
        int status;
        try {
            status = Integer.parseInt(parts[1]);
        } catch (NumberFormatException e) {
            throw new IOException("not an HTTP status line: '" + statusLine + "'");
        }
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (String line = readLine(); line != null && !line.isEmpty(); line = readLine()) {
            int colon = line.indexOf(':');
            if (colon > 0) {
                headers.computeIfAbsent(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), k -> new ArrayList<>())
                        .add(line.substring(colon + 1).trim());
            }
        }
        byte[] body = withBody ? readBody(parts[0], headers) : new byte[0];
        return new HttpResponse(status, parts.length > 2 ? parts[2] : "", headers, body);
    }

    private byte[] readBody(String version, Map<String, List<String>> headers) throws IOException {
        List<String> length = headers.get("content-length");
        List<String> encoding = headers.get("transfer-encoding");
        if (encoding != null && encoding.get(0).equalsIgnoreCase("chunked")) {
            return readChunked();
        }
        if (length != null) {
            int n = Integer.parseInt(length.get(0).trim());
            if (n > MAX_RESPONSE_BODY) {
                throw new IOException("response body of " + n + " bytes is larger than " + MAX_RESPONSE_BODY);
            }
            return in.readNBytes(n);
        }
        List<String> connection = headers.get("connection");
        if (version.equals("HTTP/1.0") || (connection != null && connection.get(0).equalsIgnoreCase("close"))) {
            return in.readNBytes(MAX_RESPONSE_BODY);
        }
        return new byte[0];
    }

    private byte[] readChunked() throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        while (true) {
            String sizeLine = readLine();
            if (sizeLine == null) {
                throw new IOException("connection closed inside a chunked body");
            }
            int size = Integer.parseInt(sizeLine.split(";", 2)[0].trim(), 16);
            if (size == 0) {
                for (String trailer = readLine(); trailer != null && !trailer.isEmpty(); trailer = readLine()) {
                    // trailers carry nothing we use
                }
                return body.toByteArray();
            }
            if (body.size() + size > MAX_RESPONSE_BODY) {
                throw new IOException("chunked response body larger than " + MAX_RESPONSE_BODY);
            }
            body.write(in.readNBytes(size));
            readLine();
        }
    }

    /** One CRLF- (or LF-) terminated line in ISO-8859-1, or null at end of stream. */
    private String readLine() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != -1) {
            if (b == '\n') {
                byte[] bytes = line.toByteArray();
                int n = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
                return new String(bytes, 0, n, StandardCharsets.ISO_8859_1);
            }
            if (line.size() > 16 * 1024) {
                throw new IOException("HTTP header line longer than 16 KiB");
            }
            line.write(b);
        }
        return line.size() == 0 ? null : line.toString(StandardCharsets.ISO_8859_1);
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing a connection we are done with; nothing to report
        }
    }
}
