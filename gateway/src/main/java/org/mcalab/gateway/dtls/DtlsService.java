package org.mcalab.gateway.dtls;

import java.net.InetSocketAddress;
import java.util.Optional;
import java.util.function.Function;
import javax.net.ssl.SSLEngine;
import org.mcalab.gateway.config.AnyConnectClient;
import org.mcalab.gateway.session.Session;
import org.mcalab.gateway.trace.Trace;
import org.mcalab.protocol.dtls.DtlsOffer;

/**
 * What the CSTP tunnel needs from DTLS: the UDP server and the per-CONNECT negotiation, joined into one
 * {@link DtlsLink} per tunnel. A gateway started with {@code --no-dtls} simply has no DtlsService.
 */
public final class DtlsService implements AutoCloseable {
    private final DtlsServer server;
    private final DtlsNegotiator negotiator = new DtlsNegotiator();
    private volatile int advertisedPort;

    private DtlsService(DtlsServer server) {
        this.server = server;
        this.advertisedPort = server.port();
    }

    /** Binds the UDP socket, e.g. on the HTTPS listen address and port (ASA: 443/udp beside 443/tcp). */
    public static DtlsService start(InetSocketAddress bind, Trace trace) throws InterruptedException {
        return new DtlsService(DtlsServer.start(bind, new DtlsRegistry(), trace));
    }

    public DtlsServer server() {
        return server;
    }

    /**
     * Test switch: announce another {@code X-DTLS-Port} (one nobody listens on) so the client's DTLS handshake goes
     * unanswered and it falls back to CSTP.
     */
    public void advertisePort(int port) {
        this.advertisedPort = port;
    }

    /**
     * Negotiates DTLS for one CONNECT and, when a mode was chosen, registers the session's id with the UDP side.
     *
     * @param requestHeaders the CONNECT request headers (case-insensitive lookup)
     * @param cstpEngine     the CSTP TLS engine, for the PSK-NEGOTIATE exporter
     */
    public DtlsLink connect(Function<String, String> requestHeaders, AnyConnectClient groupPolicy,
                            Optional<SSLEngine> cstpEngine, Session session) {
        DtlsPolicy policy = DtlsPolicy.of(groupPolicy, false, advertisedPort);
        DtlsOffer offer = DtlsOffer.fromHeaders(requestHeaders);
        DtlsNegotiation negotiation = negotiator.negotiate(offer, policy,
                offer.offersPsk() ? cstpEngine.flatMap(PskExporter::export) : Optional.empty());
        return new DtlsLink(negotiation, server.registry(), session);
    }

    @Override
    public void close() {
        server.close();
    }
}
