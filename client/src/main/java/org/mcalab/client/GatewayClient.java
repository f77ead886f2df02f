package org.mcalab.client;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.NoRouteToHostException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import javax.net.ssl.SSLSocket;

/**
 * Opens TLS connections to one gateway. Every connection gets its own context ({@link ClientTls#sslContext()}), so no TLS
 * session is resumed across connections: each handshake shows the gateway the certificate of that
 * connection, and scenarios stay independent.
 */
public final class GatewayClient {
    private final URI base;
    private final GatewayTrust trust;
    private final Duration timeout;

    public GatewayClient(URI base, GatewayTrust trust, Duration timeout) {
        if (!"https".equalsIgnoreCase(base.getScheme()) || base.getHost() == null) {
            throw new IllegalArgumentException("gateway URL must be https://host[:port]: " + base);
        }
        this.base = base;
        this.trust = trust;
        this.timeout = timeout;
    }

    public URI base() {
        return base;
    }

    public int port() {
        return base.getPort() < 0 ? 443 : base.getPort();
    }

    /** What openconnect puts in the Host header and group-access: the port only when it is not 443. */
    public String hostHeader() {
        return base.getHost() + (port() == 443 ? "" : ":" + port());
    }

    /** The group-access URL openconnect sends for a path, e.g. {@code https://127.0.0.1:8443/MCA}. */
    public String groupAccess(String path) {
        return "https://" + hostHeader() + path;
    }

    /**
     * Connects and completes the TLS handshake, presenting {@code identity} when the gateway asks.
     *
     * @throws GatewayUnreachableException when no TCP connection could be opened
     * @throws IOException                 when the handshake fails (the gateway refused the certificate, ...)
     */
    public Connection open(ClientIdentity identity) throws IOException {
        Socket tcp = new Socket();
        try {
            tcp.connect(new InetSocketAddress(base.getHost(), port()), (int) timeout.toMillis());
        } catch (ConnectException | NoRouteToHostException | UnknownHostException | SocketTimeoutException e) {
            tcp.close();
            throw new GatewayUnreachableException("cannot connect to " + base.getHost() + ":" + port() + ": " + e.getMessage(), e);
        }
        try {
            ClientTls tls = ClientTls.of(trust, identity);
            SSLSocket socket = (SSLSocket) tls.sslContext().getSocketFactory().createSocket(tcp, base.getHost(), port(), true);
            socket.setSoTimeout((int) timeout.toMillis());
            socket.setEnabledProtocols(tls.protocols());
            socket.startHandshake();
            var session = socket.getSession();
            boolean sent = session.getLocalCertificates() != null && session.getLocalCertificates().length > 0;
            return new Connection(socket, hostHeader(), new TlsDetails(session.getProtocol(), session.getCipherSuite(), sent));
        } catch (IOException e) {
            tcp.close();
            throw e;
        }
    }
}
