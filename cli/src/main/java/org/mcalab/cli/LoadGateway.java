package org.mcalab.cli;

import org.mcalab.lab.ConfigEdit;
import org.mcalab.lab.MintedLab;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.mcalab.fixtures.Manifest;
import org.mcalab.gateway.Gateway;
import org.mcalab.gateway.GatewayException;
import org.mcalab.gateway.GatewayOptions;
import org.mcalab.gateway.RunningGateway;
import org.mcalab.gateway.TlsEngine;
import org.mcalab.gateway.config.AsaConfig;
import org.mcalab.gateway.session.Session;
import org.mcalab.gateway.session.TunnelRow;
import org.mcalab.gateway.tunnel.CstpTunnelService;
import org.mcalab.gateway.tunnel.VirtualInsideNetwork;
import org.mcalab.lab.CpuMeter;
import org.mcalab.lab.HeapGauge;

/**
 * The load commands' default target: a freshly minted PKI, its CRLs on 127.0.0.1, and the reference gateway
 * in-process on 127.0.0.1:0 with the CSTP tunnel service and the virtual inside network (discard and echo hosts on
 * 192.168.1.0/24, which exist only in the gateway's memory). The seed's pool has 254 addresses; load needs one per
 * tunnel, so the pool line is widened to 192.168.128.0/18 (16,382 addresses) in this gateway's copy of asa.cfg.
 * For idle runs the group-policy's gateway DPD interval is shortened to {@value #IDLE_DPD_SECONDS} s (ASA default 30 s,
 * which the client's 20 s keepalive always pre-empts), so a hold of a minute sees several DPD exchanges per tunnel.
 */
final class LoadGateway implements LoadTarget {
    static final ConfigEdit LOAD_POOL = ConfigEdit.pool("ANYCONNECT-POOL", "192.168.128.1", "192.168.191.254", "255.255.192.0");
    static final int IDLE_DPD_SECONDS = 10;
    static final ConfigEdit IDLE_DPD = ConfigEdit.gatewayDpd("Grouppolicy-MCA", java.time.Duration.ofSeconds(IDLE_DPD_SECONDS));

    private final MintedLab lab;
    private final RunningGateway gateway;
    private final CstpTunnelService tunnels;

    private LoadGateway(MintedLab lab, RunningGateway gateway, CstpTunnelService tunnels) {
        this.lab = lab;
        this.gateway = gateway;
        this.tunnels = tunnels;
    }

    /** With the ASA's DPD and keepalive defaults (traffic and login runs). @throws UsageException (exit 2) */
    static LoadGateway start(TlsEngine tls) {
        return start(tls, false);
    }

    /**
     * @param idle shorten the gateway DPD interval to {@value #IDLE_DPD_SECONDS} s (idle holds)
     * @throws UsageException when anything cannot be set up (exit 2)
     */
    static LoadGateway start(TlsEngine tls, boolean idle) {
        MintedLab lab = MintedLab.start("load");
        CstpTunnelService tunnels = null;
        try {
            AsaConfig config = lab.config(idle ? LOAD_POOL.then(IDLE_DPD) : LOAD_POOL);
            tunnels = CstpTunnelService.forConfig(config, Clock.systemUTC());
            GatewayOptions options = GatewayOptions.builder(config, lab.identity())
                    .listen(new InetSocketAddress("127.0.0.1", 0))
                    .traceOut(null)
                    .traceCapacity(1000)
                    .tunnelService(tunnels)
                    .tlsEngine(tls)
                    .build();
            RunningGateway gateway = Gateway.start(options); // attaches the tunnel service to its sessions
            return new LoadGateway(lab, gateway, tunnels);
        } catch (IOException | GatewayException | RuntimeException e) {
            if (tunnels != null) {
                tunnels.close();
            }
            lab.close();
            throw MintedLab.failure(e);
        }
    }

    @Override
    public URI url() {
        return URI.create(gateway.url());
    }

    @Override
    public Manifest pki() {
        return lab.pki();
    }

    @Override
    public String where() {
        return "gateway in this JVM (beside the generator)";
    }

    /**
     * The gateway's own threads, not the generator's beside it in this JVM: Netty's and the admin's are named
     * mcalab-*, the DTLS server's dtls-udp and dtls-peer-N (one per DTLS tunnel), the idle sweeper tunnel-sweeper.
     */
    @Override
    public CpuMeter cpu() {
        return CpuMeter.threadsNamed("mcalab-", "dtls-udp", "dtls-peer-", "tunnel-sweeper");
    }

    /** Active sessions and those with an SSL tunnel attached (a tunnel DPD gave up on is detached: its row goes). */
    @Override
    public Optional<Held> held() {
        List<Session> active = gateway.sessions().active();
        int withTunnel = (int) active.stream()
                .filter(s -> s.tunnels().stream().anyMatch(t -> t.kind() == TunnelRow.Kind.SSL)).count();
        return Optional.of(new Held(active.size(), withTunnel));
    }

    @Override
    public Optional<InsideCount> inside() {
        if (tunnels.inside() instanceof VirtualInsideNetwork v) {
            VirtualInsideNetwork.Stats s = v.stats();
            return Optional.of(new InsideCount(s.discarded(), s.discardedBytes(), s.echoed(), s.dropped()));
        }
        return Optional.empty();
    }

    @Override
    public OptionalLong heapAfterGc() {
        return OptionalLong.of(HeapGauge.usedAfterGc());
    }

    @Override
    public boolean sharesHeapWithGenerator() {
        return true;
    }

    @Override
    public void close() {
        gateway.close();
        tunnels.close();
        lab.close();
    }
}
