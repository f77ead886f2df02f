package org.mcalab.gateway.http;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import io.netty.util.AttributeKey;
import java.net.InetSocketAddress;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;
import org.mcalab.gateway.auth.ClientConnection;

/**
 * Records, once per connection, what the TLS handshake established: the client's certificate chain (the
 * "first cert came in SSL protocol"), protocol and cipher suite. Removes itself afterwards.
 */
public final class HandshakeRecorder extends ChannelInboundHandlerAdapter {
    private static final AttributeKey<ClientConnection> CONNECTION = AttributeKey.valueOf("mcalab.connection");

    private final LongSupplier ids;

    public HandshakeRecorder(LongSupplier ids) {
        this.ids = ids;
    }

    /** The connection facts of a channel whose handshake completed, or null. */
    public static ClientConnection connection(Channel channel) {
        return channel.attr(CONNECTION).get();
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        if (evt instanceof SslHandshakeCompletionEvent done && done.isSuccess()) {
            SSLSession tls = ctx.pipeline().get(SslHandler.class).engine().getSession();
            List<X509Certificate> chain = new ArrayList<>();
            try {
                for (Certificate c : tls.getPeerCertificates()) {
                    if (c instanceof X509Certificate x) {
                        chain.add(x);
                    }
                }
            } catch (SSLPeerUnverifiedException none) {
                // INIT-no-cert: the client sent no certificate; the application layer decides.
            }
            InetSocketAddress remote = (InetSocketAddress) ctx.channel().remoteAddress();
            InetSocketAddress local = (InetSocketAddress) ctx.channel().localAddress();
            ctx.channel().attr(CONNECTION).set(new ClientConnection(ids.getAsLong(), remote.getAddress().getHostAddress(),
                    remote.getPort(), local.getPort(), chain, tls.getProtocol(), tls.getCipherSuite()));
            ctx.pipeline().remove(this);
        }
        ctx.fireUserEventTriggered(evt);
    }
}
