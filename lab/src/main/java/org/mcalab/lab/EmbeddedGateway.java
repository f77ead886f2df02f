package org.mcalab.lab;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import org.mcalab.gateway.Gateway;
import org.mcalab.gateway.GatewayChecks;
import org.mcalab.gateway.GatewayException;
import org.mcalab.gateway.GatewayOptions;
import org.mcalab.gateway.RunningGateway;
import org.mcalab.gateway.config.AsaConfig;
import org.mcalab.client.GatewayTrust;
import org.mcalab.fixtures.LabClock;
import org.mcalab.lab.GroupUrls;
import org.mcalab.lab.Target;
import org.mcalab.lab.TunnelProbe;

/**
 * The suite's default target: a freshly minted PKI in a temporary directory, its CRLs served on 127.0.0.1,
 * and the reference gateway started in-process on 127.0.0.1:0 with a clock the suite controls.
 * Closing it stops everything and deletes the directory.
 */
public final class EmbeddedGateway implements AutoCloseable {
    /** Handshake and request timeout of the embedded gateway (the robustness probes wait this long for slow clients). */
    public static final java.time.Duration CLIENT_TIMEOUT = java.time.Duration.ofSeconds(5);
    /** The groups of the adapted asa.cfg (MintedLab): group-url /MCA, /CERT, /AAA; the MCA group is ANYCONNECT-MCA. */
    public static final GroupUrls GROUPS = new GroupUrls("/MCA", "ANYCONNECT-MCA", "/CERT", "/AAA");

    private final MintedLab lab;
    private final RunningGateway gateway;
    private final LabClock clock;

    private EmbeddedGateway(MintedLab lab, RunningGateway gateway, LabClock clock) {
        this.lab = lab;
        this.gateway = gateway;
        this.clock = clock;
    }

    /**
     * @param checks the checks the gateway runs: {@link GatewayChecks#all()}, fewer only for a lax gateway that proves
     *               the suite can fail ({@link LaxChecks})
     * @throws LabException when anything cannot be set up (exit 2)
     */
    public static EmbeddedGateway start(GatewayChecks checks) {
        MintedLab lab = MintedLab.start("suite");
        try {
            AsaConfig config = lab.config(ConfigEdit.none());
            LabClock clock = LabClock.running();
            GatewayOptions options = GatewayOptions.builder(config, lab.identity())
                    .listen(new InetSocketAddress("127.0.0.1", 0))
                    .clock(clock)
                    .traceOut(null)
                    // Short client timeouts so the robustness probes (slowloris, half handshakes) finish in seconds.
                    .handshakeTimeout(CLIENT_TIMEOUT)
                    .requestTimeout(CLIENT_TIMEOUT)
                    .checks(checks)
                    .build();
            return new EmbeddedGateway(lab, Gateway.start(options), clock);
        } catch (IOException | GatewayException | RuntimeException e) {
            lab.close();
            throw MintedLab.failure(e);
        }
    }

    public Target target(List<TunnelProbe> probes) {
        try {
            return new Target(URI.create(gateway.url()), GatewayTrust.caBundle(lab.pki().caBundle()), lab.pki(), true,
                    new EmbeddedControl(gateway, clock), probes);
        } catch (IOException e) {
            throw new LabException(e.getMessage(), e);
        }
    }

    public String url() {
        return gateway.url();
    }

    /** Sessions the gateway holds now (tests check that the suite logged its own out). */
    public int activeSessions() {
        return gateway.sessions().size();
    }

    /** The minted PKI, as {@code --pki} takes it. */
    public java.nio.file.Path pkiDir() {
        return lab.pki().dir();
    }

    public String mintSummary() {
        return lab.minted().summary();
    }

    @Override
    public void close() {
        gateway.close();
        lab.close();
    }
}
