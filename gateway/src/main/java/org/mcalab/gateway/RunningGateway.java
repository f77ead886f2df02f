package org.mcalab.gateway;

import io.netty.channel.Channel;
import io.netty.channel.EventLoopGroup;
import java.net.InetSocketAddress;
import java.util.Optional;
import java.util.concurrent.ThreadPoolExecutor;
import org.mcalab.gateway.admin.AdminServer;
import org.mcalab.gateway.auth.AuthInfoTable;
import org.mcalab.gateway.config.AsaConfig;
import org.mcalab.gateway.session.SessionDb;
import org.mcalab.gateway.trace.TraceLog;

/** A started gateway. Close it to stop listening and release its threads. */
public final class RunningGateway implements AutoCloseable {
    private final AsaConfig config;
    private final Channel server;
    private final EventLoopGroup boss;
    private final EventLoopGroup workers;
    private final ThreadPoolExecutor authExecutor;
    private final AdminServer admin;
    private final TraceLog trace;
    private final SessionDb sessions;
    private final AuthInfoTable authInfos;
    private volatile boolean closed;

    RunningGateway(AsaConfig config, Channel server, EventLoopGroup boss, EventLoopGroup workers,
                   ThreadPoolExecutor authExecutor, AdminServer admin, TraceLog trace, SessionDb sessions,
                   AuthInfoTable authInfos) {
        this.config = config;
        this.server = server;
        this.boss = boss;
        this.workers = workers;
        this.authExecutor = authExecutor;
        this.admin = admin;
        this.trace = trace;
        this.sessions = sessions;
        this.authInfos = authInfos;
    }

    public InetSocketAddress address() {
        return (InetSocketAddress) server.localAddress();
    }

    public int port() {
        return address().getPort();
    }

    /** "https://127.0.0.1:8443" (IPv6 literals in brackets). */
    public String url() {
        String host = address().getAddress().getHostAddress();
        return "https://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port();
    }

    public Optional<InetSocketAddress> adminAddress() {
        return Optional.ofNullable(admin).map(AdminServer::address);
    }

    /** The secret the admin endpoint wants in {@link AdminServer#TOKEN_HEADER}, when there is an admin endpoint. */
    public Optional<String> adminToken() {
        return Optional.ofNullable(admin).map(AdminServer::token);
    }

    /** The in-memory debug log ({@link TraceLog#eventsSince}, {@link TraceLog#lastSeq}). */
    public TraceLog trace() {
        return trace;
    }

    public SessionDb sessions() {
        return sessions;
    }

    public AsaConfig config() {
        return config;
    }

    /** Authentications waiting for their reply (MCA-ROB-3: must not grow without bound). */
    public int pendingAuthentications() {
        return authInfos.pending();
    }

    /** Blocks until the gateway is closed (the CLI's foreground mode). */
    public void awaitClose() throws InterruptedException {
        server.closeFuture().await();
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (admin != null) {
            admin.stop();
        }
        server.close().syncUninterruptibly();
        Gateway.shutdown(boss, workers, authExecutor);
    }
}
