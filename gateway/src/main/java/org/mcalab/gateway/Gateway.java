package org.mcalab.gateway;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SupportedCipherSuiteFilter;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.SSLException;
import org.mcalab.gateway.admin.AdminServer;
import org.mcalab.gateway.auth.AggregateAuth;
import org.mcalab.gateway.auth.AuthInfoTable;
import org.mcalab.gateway.auth.McaCheck;
import org.mcalab.gateway.auth.McaPolicy;
import org.mcalab.gateway.auth.McaVerifier;
import org.mcalab.gateway.auth.ReplyCheck;
import org.mcalab.gateway.auth.TlsCertificateCheck;
import org.mcalab.gateway.config.AsaConfig;
import org.mcalab.gateway.config.AuthenticationMethod;
import org.mcalab.gateway.config.CertificateAttribute;
import org.mcalab.gateway.config.RevocationMethod;
import org.mcalab.gateway.config.Trustpoint;
import org.mcalab.gateway.config.TunnelGroup;
import org.mcalab.gateway.config.UsernameFromCertificate;
import org.mcalab.gateway.dtls.DtlsEndpoint;
import org.mcalab.gateway.http.AcceptAnyClientCertificate;
import org.mcalab.gateway.http.BodyLimit;
import org.mcalab.gateway.http.GatewayHttpHandler;
import org.mcalab.gateway.http.HandshakeRecorder;
import org.mcalab.gateway.http.HttpPipeline;
import org.mcalab.gateway.http.RequestTimeouts;
import org.mcalab.gateway.http.TunnelService;
import org.mcalab.gateway.pki.CertificateValidator;
import org.mcalab.gateway.pki.CrlSource;
import org.mcalab.gateway.pki.HttpCrlCache;
import org.mcalab.gateway.pki.RevocationCheck;
import org.mcalab.gateway.pki.TrustpointCa;
import org.mcalab.gateway.session.SessionDb;
import org.mcalab.gateway.trace.TraceLog;
import org.mcalab.gateway.tunnel.CstpTunnelService;

/**
 * Starts the reference gateway: the only place that assembles Netty bootstraps and pipelines, and that
 * wires the configuration onto certificate validation, MCA verification, aggregate auth and sessions.
 */
public final class Gateway {
    /** Pipeline entry names of an HTTPS connection; the tunnel code replaces the HTTP ones after CONNECT. */

    /** Request line and header block limits: 4 KiB and 8 KiB (a larger header block is answered 431). */
    private static final int MAX_INITIAL_LINE = 4096;
    private static final int MAX_HEADER_BLOCK = 8192;

    private Gateway() {}

    public static RunningGateway start(GatewayOptions o) throws GatewayException {
        if (o.admin().isPresent() && !o.admin().get().getAddress().isLoopbackAddress()) {
            throw new GatewayException("the admin endpoint must listen on a loopback address, not "
                    + o.admin().get().getAddress().getHostAddress());
        }
        AsaConfig config = o.config();
        SecureRandom random = new SecureRandom();
        TraceLog trace = new TraceLog(o.traceCapacity(), o.debug(), o.traceOut(), o.clock());
        SessionDb sessions = new SessionDb(o.clock(), random,
                HexFormat.of().formatHex(o.listen().getAddress().getAddress()).substring(0, 8));
        AuthInfoTable table = new AuthInfoTable(o.clock(), o.authInfoLifetime(), o.authInfoCap(), random);

        CrlSource crls = o.crlSource().orElseGet(() -> new HttpCrlCache(o.clock()));
        McaPolicy policy = o.mcaPolicy();
        CertificateValidator validator = new CertificateValidator(trustpoints(config), crls, o.clock(), trace)
                .withPolicy(policy.maxPkcs7Certificates(), policy::kindOf)
                .withChecks(o.checks().chain());
        TlsCertificateCheck tlsCheck = (chain, corr) -> validator.validate(chain, "TLS client certificate", corr);
        McaCheck mca = verifiers(config, validator, policy, o.checks().reply(), trace);
        AggregateAuth auth = new AggregateAuth(config, table, sessions, tlsCheck, mca, trace, o.clock(), random);

        SslContext ssl = sslContext(o.identity(), o.tlsEngine());
        ThreadPoolExecutor authExecutor = new ThreadPoolExecutor(2, Math.max(4, Runtime.getRuntime().availableProcessors() * 2),
                30, TimeUnit.SECONDS, new ArrayBlockingQueue<>(1024), new DefaultThreadFactory("mcalab-auth", true));
        String name = config.hostname().orElse("mcalab-gateway");
        EventLoopGroup boss = new NioEventLoopGroup(1, new DefaultThreadFactory("mcalab-accept", true));
        EventLoopGroup workers = new NioEventLoopGroup(0, new DefaultThreadFactory("mcalab-io", true));
        AtomicLong connectionIds = new AtomicLong();
        boolean ownTunnels = o.tunnelService() == TunnelService.UNAVAILABLE;
        TunnelService tunnels = ownTunnels ? CstpTunnelService.forConfig(config, o.clock()) : o.tunnelService();
        if (tunnels instanceof CstpTunnelService cstp) {
            if (!o.dtls()) {
                cstp.dtls(DtlsEndpoint.disabled());
            } else if (ownTunnels) {
                cstp.dtls(DtlsEndpoint.sameAsHttps(trace)); // DTLS events reach the gateway's trace (`debug dtls`)
            }
            cstp.attach(sessions, workers.next());
        }
        Channel server;
        try {
            server = new ServerBootstrap()
                    .group(boss, workers)
                    .channel(NioServerSocketChannel.class)
                    .option(ChannelOption.SO_BACKLOG, 1024)
                    .childOption(ChannelOption.TCP_NODELAY, true)
                    .childHandler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel ch) {
                            SslHandler tls = ssl.newHandler(ch.alloc());
                            tls.setHandshakeTimeout(o.handshakeTimeout().toMillis(), TimeUnit.MILLISECONDS);
                            ChannelPipeline p = ch.pipeline();
                            p.addLast(HttpPipeline.TLS, tls);
                            p.addLast(HttpPipeline.HANDSHAKE, new HandshakeRecorder(connectionIds::incrementAndGet));
                            p.addLast(HttpPipeline.HTTP_CODEC, new HttpServerCodec(MAX_INITIAL_LINE, MAX_HEADER_BLOCK, 8192));
                            p.addLast(HttpPipeline.TIMEOUTS, new RequestTimeouts(o.requestTimeout(), o.idleTimeout()));
                            p.addLast(HttpPipeline.AGGREGATOR, new BodyLimit());
                            p.addLast(HttpPipeline.HTTP, new GatewayHttpHandler(auth, sessions, tunnels,
                                    o.checks().connect(), authExecutor, trace, name));
                        }
                    })
                    .bind(o.listen()).syncUninterruptibly().channel();
        } catch (Exception e) { // bind() rethrows the checked BindException undeclared
            shutdown(boss, workers, authExecutor);
            Throwable cause = e.getCause() == null ? e : e.getCause();
            if (((Throwable) e) instanceof BindException bind) {
                throw GatewayException.cannotBind(o.listen(), "", bind);
            }
            if (cause instanceof BindException bind) {
                throw GatewayException.cannotBind(o.listen(), "", bind);
            }
            throw new GatewayException("cannot listen on " + hostPort(o.listen()) + ": " + e.getMessage(), e);
        }
        workers.next().scheduleAtFixedRate(table::sweep, 30, 30, TimeUnit.SECONDS);

        AdminServer admin = null;
        if (o.admin().isPresent()) {
            try {
                admin = AdminServer.start(o.admin().get(), sessions, trace, config, auth.lockout(), o.clock(), tunnels,
                        AdminServer.REQUEST_TIMEOUT);
            } catch (GatewayException e) {
                server.close().syncUninterruptibly();
                shutdown(boss, workers, authExecutor);
                throw e;
            }
        }
        return new RunningGateway(config, server, boss, workers, authExecutor, admin, trace, sessions, table);
    }

    static void shutdown(EventLoopGroup boss, EventLoopGroup workers, ThreadPoolExecutor authExecutor) {
        authExecutor.shutdownNow();
        boss.shutdownGracefully(0, 2, TimeUnit.SECONDS);
        workers.shutdownGracefully(0, 2, TimeUnit.SECONDS);
    }

    static String hostPort(InetSocketAddress a) {
        return a.getAddress().getHostAddress() + ":" + a.getPort();
    }

    /**
     * TLS 1.3 preferred, TLS 1.2 allowed with ECDHE and AEAD suites only ({@link TlsEngine#CIPHER_SUITES}), no client
     * renegotiation; the client certificate requested in the main handshake but optional. Both
     * engines hand the same things to the application: the peer chain as X509Certificates, JSSE-style protocol and
     * cipher suite names.
     */
    private static SslContext sslContext(ServerIdentity identity, TlsEngine engine) throws GatewayException {
        if (!engine.available()) {
            throw new GatewayException("TLS engine openssl is not available here (" + OpenSsl.unavailabilityCause()
                    + "); use --tls jdk");
        }
        try {
            return SslContextBuilder.forServer(identity.key(), identity.chain().toArray(new X509Certificate[0]))
                    .sslProvider(engine.provider())
                    .protocols("TLSv1.3", "TLSv1.2")
                    .ciphers(TlsEngine.CIPHER_SUITES, SupportedCipherSuiteFilter.INSTANCE)
                    .clientAuth(ClientAuth.OPTIONAL)
                    .trustManager(new AcceptAnyClientCertificate())
                    .build();
        } catch (SSLException | IllegalArgumentException e) {
            throw new GatewayException("cannot use the server certificate and key: " + e.getMessage(), e);
        }
    }

    /** Every trustpoint holding CA certificates, with its revocation policy. */
    private static List<TrustpointCa> trustpoints(AsaConfig config) {
        List<TrustpointCa> list = new ArrayList<>();
        for (Trustpoint tp : config.trustpoints().values()) {
            if (!tp.hasCaCertificate()) {
                continue;
            }
            List<RevocationMethod> methods = tp.revocationCheck();
            int crl = methods.indexOf(RevocationMethod.CRL);
            boolean noneAfterCrl = crl >= 0 && methods.subList(crl, methods.size()).contains(RevocationMethod.NONE);
            list.add(new TrustpointCa(tp.name(), tp.caCertificates(), RevocationCheck.of(crl >= 0, noneAfterCrl)));
        }
        return list;
    }

    /** One verifier per MCA tunnel group, so each group's username-from-certificate applies. */
    private static McaCheck verifiers(AsaConfig config, CertificateValidator validator, McaPolicy policy,
                                      List<ReplyCheck> checks, org.mcalab.gateway.trace.Trace trace) {
        McaVerifier fallback = new McaVerifier(validator, policy, trace, checks);
        Map<String, McaVerifier> byGroup = new HashMap<>();
        for (TunnelGroup g : config.tunnelGroups().values()) {
            if (g.authentication() == AuthenticationMethod.MULTIPLE_CERTIFICATE
                    && !g.usernameFromCertificate().equals(UsernameFromCertificate.DEFAULT)) {
                byGroup.put(g.name(), new McaVerifier(validator, policy.withUsernameSource(usernameSource(g.usernameFromCertificate())), trace,
                        checks));
            }
        }
        return (info, reply, chain) -> byGroup.getOrDefault(info.tunnelGroup(), fallback).verify(info, reply, chain);
    }

    private static McaPolicy.UsernameSource usernameSource(UsernameFromCertificate u) {
        return new McaPolicy.UsernameSource(
                u.certificate() == UsernameFromCertificate.Choice.SECOND_CERTIFICATE
                        ? McaPolicy.UsernameSource.Certificate.SECOND : McaPolicy.UsernameSource.Certificate.FIRST,
                keyword(u.primary()), u.secondary().map(Gateway::keyword).orElse(null));
    }

    private static String keyword(CertificateAttribute a) {
        return a == CertificateAttribute.ENTIRE_NAME ? "use-entire-name" : a.name();
    }
}
