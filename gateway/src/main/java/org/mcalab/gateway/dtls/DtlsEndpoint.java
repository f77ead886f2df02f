package org.mcalab.gateway.dtls;

import io.netty.channel.Channel;
import java.net.InetSocketAddress;
import java.util.Optional;
import java.util.function.Function;
import javax.net.ssl.SSLEngine;
import org.mcalab.gateway.config.AnyConnectClient;
import org.mcalab.gateway.session.Session;
import org.mcalab.gateway.trace.Trace;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where the gateway's DTLS lives, decided when the first CONNECT arrives: by default on the HTTPS listen address and
 * the same port number over UDP (the ASA's 443/udp beside 443/tcp); the socket closes with the HTTPS server socket.
 * Started lazily so the tunnel service needs nothing from the gateway's bootstrap but the CONNECT's channel.
 */
public final class DtlsEndpoint {
    private static final Logger LOG = LoggerFactory.getLogger(DtlsEndpoint.class);

    private final boolean enabled;
    private final int port;
    private final Trace trace;
    private DtlsService service;
    private boolean failed;
    private volatile boolean dropAll;

    private DtlsEndpoint(boolean enabled, int port, Trace trace) {
        this.enabled = enabled;
        this.port = port;
        this.trace = trace;
    }

    /** UDP on the HTTPS port number (falls back to a free port if that one is taken). */
    public static DtlsEndpoint sameAsHttps(Trace trace) {
        return new DtlsEndpoint(true, 0, trace);
    }

    /** UDP on a fixed port of the HTTPS listen address. */
    public static DtlsEndpoint onPort(int udpPort, Trace trace) {
        if (udpPort < 1 || udpPort > 65535) {
            throw new IllegalArgumentException("UDP port out of range: " + udpPort);
        }
        return new DtlsEndpoint(true, udpPort, trace);
    }

    /** {@code --no-dtls}: no UDP socket, no X-DTLS-* header, every tunnel on CSTP. */
    public static DtlsEndpoint disabled() {
        return new DtlsEndpoint(false, 0, Trace.NONE);
    }

    /**
     * Test switch: the UDP socket discards every datagram, as if a firewall blocked UDP; openconnect then falls back
     * to CSTP after its DTLS handshake timeout (docs/protocol.md §10.7).
     */
    public DtlsEndpoint dropAllDatagrams(boolean drop) {
        synchronized (this) {
            dropAll = drop;
            if (service != null) {
                service.server().dropAllDatagrams(drop);
            }
        }
        return this;
    }

    /** The running service, once a CONNECT started it (tests use it for its counters and switches). */
    public synchronized Optional<DtlsService> service() {
        return Optional.ofNullable(service);
    }

    /**
     * The DTLS side of a CONNECT that arrived on {@code tcpChannel} (a child of the HTTPS server channel): negotiates
     * and registers, or returns a link without headers when DTLS is off or its socket could not be opened.
     */
    public DtlsLink link(Channel tcpChannel, Function<String, String> requestHeaders, AnyConnectClient groupPolicy,
                         Optional<SSLEngine> cstpEngine, Session session) {
        Optional<DtlsService> s = start(tcpChannel);
        return s.map(x -> x.connect(requestHeaders, groupPolicy, cstpEngine, session)).orElseGet(DtlsLink::none);
    }

    private synchronized Optional<DtlsService> start(Channel tcpChannel) {
        if (!enabled || failed) {
            return Optional.empty();
        }
        if (service != null) {
            return Optional.of(service);
        }
        if (!(tcpChannel.localAddress() instanceof InetSocketAddress local)) {
            return Optional.empty();
        }
        int udpPort = port != 0 ? port : local.getPort();
        try {
            service = bind(new InetSocketAddress(local.getAddress(), udpPort));
        } catch (RuntimeException | InterruptedException e) {
            if (port != 0) {
                failed = true;
                LOG.warn("DTLS disabled: cannot bind UDP {}:{}: {}", local.getAddress().getHostAddress(), udpPort, e.toString());
                return Optional.empty();
            }
            try {
                service = bind(new InetSocketAddress(local.getAddress(), 0));
            } catch (RuntimeException | InterruptedException again) {
                failed = true;
                LOG.warn("DTLS disabled: cannot bind UDP on {}: {}", local.getAddress().getHostAddress(), again.toString());
                return Optional.empty();
            }
        }
        service.server().dropAllDatagrams(dropAll);
        LOG.info("DTLS listening on UDP {}", service.server().localAddress());
        DtlsService started = service;
        Channel parent = tcpChannel.parent();
        if (parent != null) {
            parent.closeFuture().addListener(f -> started.close());
        }
        return Optional.of(service);
    }

    private DtlsService bind(InetSocketAddress address) throws InterruptedException {
        return DtlsService.start(address, trace);
    }
}
