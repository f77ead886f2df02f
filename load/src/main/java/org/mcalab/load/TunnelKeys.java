package org.mcalab.load;

import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslProvider;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import org.mcalab.client.ClientTls;
import org.mcalab.client.GatewayTrust;

/**
 * One client TLS context for thousands of tunnels, each presenting its own machine certificate: the key manager
 * picks the identity by the {@link SSLEngine} asking (registered when the handler is made), so no per-tunnel
 * SslContext is built (with OpenSSL that would cost native memory per tunnel).
 */
final class TunnelKeys {
    private final Map<SSLEngine, LoadIdentity> byEngine = new ConcurrentHashMap<>();
    private final SslContext context;
    private final String engineName;

    /** @param caBundle null: the gateway's certificate is not checked (a remote target whose CA is not at hand) */
    TunnelKeys(boolean openSsl, Path caBundle) throws IOException {
        // OpenSSL when asked for and netty-tcnative loads on this platform; the JDK engine otherwise
        SslProvider provider = openSsl && OpenSsl.isAvailable() ? SslProvider.OPENSSL : SslProvider.JDK;
        this.engineName = provider == SslProvider.OPENSSL ? "openssl" : "jdk";
        GatewayTrust trust = caBundle == null ? GatewayTrust.insecure() : GatewayTrust.caBundle(caBundle);
        try {
            context = ClientTls.perEngine(trust, engine -> {
                LoadIdentity id = byEngine.get(engine);
                return id == null ? null : id.machine();
            }).nettyContext(provider);
        } catch (SSLException e) {
            throw new IOException("cannot set up client TLS: " + e.getMessage(), e);
        }
    }

    String engineName() {
        return engineName;
    }

    /**
     * A client handler for one tunnel. No peer host is given on purpose: the TLS session cache is keyed by host and
     * port, and a resumed session would show the gateway the certificate of the tunnel that opened it, not this
     * tunnel's own (every tunnel must do a full handshake with its own machine certificate, as openconnect does).
     */
    SslHandler newHandler(ByteBufAllocator alloc, LoadIdentity identity) {
        SslHandler handler = context.newHandler(alloc);
        byEngine.put(handler.engine(), identity);
        handler.handshakeFuture().addListener(f -> byEngine.remove(handler.engine()));
        return handler;
    }
}
