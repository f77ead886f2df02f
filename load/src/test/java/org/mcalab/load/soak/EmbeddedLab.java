package org.mcalab.load.soak;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.OptionalInt;
import java.util.function.UnaryOperator;
import org.mcalab.fixtures.CrlServer;
import org.mcalab.fixtures.Manifest;
import org.mcalab.fixtures.PkiOptions;
import org.mcalab.fixtures.TestPki;
import org.mcalab.gateway.Gateway;
import org.mcalab.gateway.GatewayOptions;
import org.mcalab.gateway.RunningGateway;
import org.mcalab.gateway.ServerIdentity;
import org.mcalab.gateway.config.AsaConfig;
import org.mcalab.gateway.config.AsaConfigParser;
import org.mcalab.gateway.tunnel.CstpTunnelService;
import org.mcalab.client.GatewayTrust;
import org.mcalab.lab.ConfigEdit;
import org.mcalab.lab.Target;

/** A minted PKI, its CRLs on 127.0.0.1, and the reference gateway in-process: what the soak tests run against. */
final class EmbeddedLab implements AutoCloseable, SoakGateway {
    /** Every soak login is the same user: lift the default 3 simultaneous logins so the whole pool can be held. */
    static final ConfigEdit MANY_LOGINS = ConfigEdit.simultaneousLogins("Grouppolicy-MCA", 100);
    static final ConfigEdit SMALL_POOL = ConfigEdit.pool("ANYCONNECT-POOL", "192.168.100.1", "192.168.100.8", "255.255.255.0");
    static final int POOL_SIZE = 8;

    final Manifest pki;
    final RunningGateway gateway;
    private final CrlServer crls;
    private final CstpTunnelService tunnels;

    private EmbeddedLab(Manifest pki, RunningGateway gateway, CrlServer crls, CstpTunnelService tunnels) {
        this.pki = pki;
        this.gateway = gateway;
        this.crls = crls;
        this.tunnels = tunnels;
    }

    static EmbeddedLab start(Path dir, UnaryOperator<GatewayOptions.Builder> tweak) throws Exception {
        Path pkiDir = dir.resolve("pki");
        CrlServer crls = CrlServer.ephemeral(pkiDir.resolve("crl"));
        Manifest pki = TestPki.mint(pkiDir, PkiOptions.defaults()
                .withCrlBaseUrl(crls.baseUrl())).manifest();
        ServerIdentity identity = ServerIdentity.load(pki.path(pki.identity(TestPki.GATEWAY).chain()),
                pki.path(pki.identity(TestPki.GATEWAY).key()));
        // A small pool, so an address that is never given back shows at once (the soak leases all of it at the end).
        AsaConfig config = SMALL_POOL.then(MANY_LOGINS).apply(AsaConfigParser.parse(pki.asaConfig()));
        CstpTunnelService tunnels = CstpTunnelService.forConfig(config, Clock.systemUTC());
        GatewayOptions.Builder options = GatewayOptions.builder(config, identity)
                .listen(new InetSocketAddress("127.0.0.1", 0)).traceOut(null).traceCapacity(500).tunnelService(tunnels);
        return new EmbeddedLab(pki, Gateway.start(tweak.apply(options).build()), crls, tunnels);
    }

    Target target() throws IOException {
        return new Target(URI.create(gateway.url()), GatewayTrust.caBundle(pki.caBundle()), pki, true, null, List.of());
    }

    @Override
    public int activeSessions() {
        return gateway.sessions().size();
    }

    @Override
    public int pendingAuthentications() {
        return gateway.pendingAuthentications();
    }

    @Override
    public OptionalInt poolSize() {
        return OptionalInt.of(POOL_SIZE);
    }

    @Override
    public boolean logout(String sessionToken) {
        return gateway.sessions().findActive(sessionToken)
                .map(s -> gateway.sessions().end(s.index(), "User Requested")).orElse(false);
    }

    @Override
    public void close() {
        gateway.close();
        tunnels.close();
        crls.close();
    }
}
