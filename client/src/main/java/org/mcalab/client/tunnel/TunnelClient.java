package org.mcalab.client.tunnel;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslProvider;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.io.File;
import java.net.URI;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.mcalab.client.ClientIdentity;
import org.mcalab.client.ClientTls;
import org.mcalab.client.GatewayTrust;
import org.mcalab.protocol.cstp.ConnectRequest;
import org.mcalab.protocol.dtls.DtlsOffer;

/**
 * Opens a CSTP tunnel the way openconnect 9.01 does (docs/protocol.md §8.2): TLS to the gateway, then
 * {@link CstpHandshaker} sends protocol's {@link ConnectRequest} (the DTLS offer only when {@link Config#withDtls} asked
 * for it), checks the answer by openconnect's rule and switches the pipeline to CSTP frames.
 *
 * <pre>{@code
 * try (TunnelSession t = TunnelClient.connect(TunnelClient.Config.of(gatewayUrl, token, caBundle))) {
 *     t.ping(host, 56);
 *     t.udpEcho(host, 7, "hello".getBytes());
 * }
 * }</pre>
 */
public final class TunnelClient {
    private TunnelClient() {
    }

    /**
     * @param gateway      {@code https://host:port} (any path is ignored: CONNECT always goes to /CSCOSSLC/tunnel)
     * @param sessionToken the {@code webvpn} cookie value from the login's {@code <session-token>}
     * @param caBundle     PEM file of CAs trusted for the gateway certificate (openconnect {@code --cafile})
     * @param clientKey    optional TLS client key (openconnect {@code -c/-k}); null for none
     * @param requestedMtu sent as {@code X-CSTP-MTU} (openconnect: base MTU 1500 - 110 = 1390)
     * @param dtlsOffer    the DTLS offer to send, or null for none (openconnect {@code --no-dtls})
     */
    public record Config(URI gateway, String sessionToken, File caBundle, PrivateKey clientKey,
                         List<X509Certificate> clientChain, Duration timeout, int requestedMtu, DtlsOffer dtlsOffer) {
        public Config {
            Objects.requireNonNull(gateway, "gateway");
            Objects.requireNonNull(sessionToken, "sessionToken");
            clientChain = clientChain == null ? List.of() : List.copyOf(clientChain);
        }

        public static Config of(URI gateway, String sessionToken, java.nio.file.Path caBundle) {
            return new Config(gateway, sessionToken, caBundle.toFile(), null, List.of(), Duration.ofSeconds(10),
                    ConnectRequest.DEFAULT_MTU, null);
        }

        public Config withClientCertificate(PrivateKey key, List<X509Certificate> chain) {
            return new Config(gateway, sessionToken, caBundle, key, chain, timeout, requestedMtu, dtlsOffer);
        }

        public Config withMtu(int mtu) {
            return new Config(gateway, sessionToken, caBundle, clientKey, clientChain, timeout, mtu, dtlsOffer);
        }

        public Config withTimeout(Duration t) {
            return new Config(gateway, sessionToken, caBundle, clientKey, clientChain, t, requestedMtu, dtlsOffer);
        }

        /** Offers DTLS in the CONNECT; {@link TunnelSession#dtls} then holds the session the gateway announced. */
        public Config withDtls(DtlsOffer offer) {
            return new Config(gateway, sessionToken, caBundle, clientKey, clientChain, timeout, requestedMtu, offer);
        }

        /** The CONNECT this configuration sends. */
        public ConnectRequest request() {
            ConnectRequest r = ConnectRequest.openconnect(hostHeader(), sessionToken).withMtu(requestedMtu);
            return dtlsOffer == null ? r : r.withDtls(dtlsOffer);
        }

        int port() {
            return gateway.getPort() < 0 ? 443 : gateway.getPort();
        }

        String hostHeader() {
            return gateway.getPort() < 0 ? gateway.getHost() : gateway.getHost() + ":" + gateway.getPort();
        }
    }

    /**
     * Connects and returns the open tunnel.
     *
     * @throws TunnelException when the gateway refuses the CONNECT (the status and {@code X-Reason} are in the
     *                         message: 401 for a dead cookie, 503 for an exhausted pool) or the answer is not a
     *                         usable CSTP response (no address, no MTU)
     */
    public static TunnelSession connect(Config config) throws TunnelException {
        SslContext tls;
        try {
            GatewayTrust trust = GatewayTrust.caBundle(Objects.requireNonNull(config.caBundle(), "no CA bundle").toPath());
            ClientIdentity identity = config.clientKey() == null ? ClientIdentity.none()
                    : ClientIdentity.of(config.clientKey(), config.clientChain());
            tls = ClientTls.of(trust, identity).nettyContext(SslProvider.JDK);
        } catch (Exception e) {
            throw new TunnelException("cannot set up TLS: " + e.getMessage(), e);
        }
        EventLoopGroup group = new NioEventLoopGroup(1, new DefaultThreadFactory("tunnel-client", true));
        TunnelSession session = new TunnelSession(config, group);
        try {
            Channel channel = new Bootstrap().group(group).channel(NioSocketChannel.class)
                    .option(ChannelOption.TCP_NODELAY, true)
                    .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) config.timeout().toMillis())
                    .option(ChannelOption.WRITE_BUFFER_WATER_MARK, new WriteBufferWaterMark(256 * 1024, 1024 * 1024))
                    .handler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel ch) {
                            SslHandler ssl = tls.newHandler(ch.alloc(), config.gateway().getHost(), config.port());
                            ch.pipeline().addLast("tls", ssl).addLast("tunnel", session.frameHandler());
                        }
                    })
                    .connect(config.gateway().getHost(), config.port()).sync().channel();
            session.awaitUp(channel, CstpHandshaker.handshake(channel, config.request()));
            return session;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            session.abort();
            throw new TunnelException("interrupted while connecting");
        } catch (TunnelException e) {
            session.abort();
            throw e;
        } catch (Exception e) {
            session.abort();
            throw new TunnelException("cannot reach " + config.gateway() + ": " + e.getMessage(), e);
        }
    }

    static <T> T await(java.util.concurrent.Future<T> f, Duration timeout, String what) throws TunnelException {
        try {
            return f.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new TunnelException(what + ": no answer within " + timeout.toMillis() + " ms");
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof TunnelException t) {
                throw t;
            }
            throw new TunnelException(what + ": " + c, c);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TunnelException(what + ": interrupted");
        }
    }
}
