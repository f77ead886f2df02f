package org.mcalab.cli;

import org.mcalab.lab.ConfigEdit;
import org.mcalab.lab.MintedLab;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.OptionalInt;
import org.mcalab.gateway.Gateway;
import org.mcalab.gateway.GatewayException;
import org.mcalab.gateway.GatewayOptions;
import org.mcalab.gateway.RunningGateway;
import org.mcalab.gateway.config.AsaConfig;
import org.mcalab.gateway.tunnel.CstpTunnelService;
import org.mcalab.client.GatewayTrust;
import org.mcalab.load.soak.SoakGateway;
import org.mcalab.lab.Target;

/**
 * The soak's target: a freshly minted PKI, its CRLs on 127.0.0.1, and the reference gateway in-process with the CSTP
 * tunnel service. The pool is narrowed to {@value #POOL_SIZE} addresses (room for the tunnels alive at once at the
 * default rate, which 16 was not: a 2-minute soak saw 503 'pool exhausted'; still small enough to lease whole) in this gateway's copy of asa.cfg, so an
 * address that is never given back shows when the soak leases the whole pool at the end. The trace ring is small so
 * it is full before the heap baseline is taken (a bounded buffer filling up is not a leak).
 */
final class SoakGatewayEmbedded implements SoakGateway, AutoCloseable {
    /** Every soak login is the same user: lift the default 3 simultaneous logins so the whole pool can be held. */
    static final ConfigEdit MANY_LOGINS = ConfigEdit.simultaneousLogins("Grouppolicy-MCA", 100);
    static final int POOL_SIZE = 64;
    static final ConfigEdit SOAK_POOL = ConfigEdit.pool("ANYCONNECT-POOL", "192.168.100.1", "192.168.100.64", "255.255.255.0");

    private final MintedLab lab;
    private final RunningGateway gateway;
    private final CstpTunnelService tunnels;

    private SoakGatewayEmbedded(MintedLab lab, RunningGateway gateway, CstpTunnelService tunnels) {
        this.lab = lab;
        this.gateway = gateway;
        this.tunnels = tunnels;
    }

    /** @throws UsageException when anything cannot be set up (exit 2) */
    static SoakGatewayEmbedded start() {
        MintedLab lab = MintedLab.start("soak");
        CstpTunnelService tunnels = null;
        try {
            AsaConfig config = lab.config(SOAK_POOL.then(MANY_LOGINS));
            tunnels = CstpTunnelService.forConfig(config, Clock.systemUTC());
            RunningGateway gateway = Gateway.start(GatewayOptions.builder(config, lab.identity())
                    .listen(new InetSocketAddress("127.0.0.1", 0))
                    .traceOut(null)
                    .traceCapacity(500)
                    .tunnelService(tunnels)
                    .build());
            return new SoakGatewayEmbedded(lab, gateway, tunnels);
        } catch (IOException | GatewayException | RuntimeException e) {
            if (tunnels != null) {
                tunnels.close();
            }
            lab.close();
            throw MintedLab.failure(e);
        }
    }

    Target target() {
        try {
            return new Target(URI.create(gateway.url()), GatewayTrust.caBundle(lab.pki().caBundle()), lab.pki(), true, null, List.of());
        } catch (IOException e) {
            throw new UsageException(e.getMessage(), e);
        }
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
        lab.close();
    }
}
