package org.mcalab.cli;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.mcalab.fixtures.Manifest;
import org.mcalab.fixtures.MintResult;
import org.mcalab.fixtures.PkiOptions;
import org.mcalab.fixtures.TestPki;
import org.mcalab.gateway.Gateway;
import org.mcalab.gateway.GatewayException;
import org.mcalab.gateway.GatewayOptions;
import org.mcalab.gateway.RunningGateway;
import org.mcalab.gateway.ServerIdentity;
import org.mcalab.gateway.auth.McaPolicy;
import org.mcalab.gateway.config.AsaConfig;
import org.mcalab.gateway.config.AsaConfigParser;
import org.mcalab.protocol.Requirement;
import org.mcalab.simulator.client.GatewayTrust;
import org.mcalab.simulator.sut.Target;
import org.mcalab.simulator.sut.TunnelProbe;

/**
 * The suite's default target: a freshly minted PKI in a temporary directory, its CRLs served on 127.0.0.1,
 * and the reference gateway started in-process on 127.0.0.1:0 with a clock the suite controls.
 * Closing it stops everything and deletes the directory.
 */
final class EmbeddedGateway implements AutoCloseable {
    /** Handshake and request timeout of the embedded gateway (the robustness probes wait this long for slow clients). */
    static final java.time.Duration CLIENT_TIMEOUT = java.time.Duration.ofSeconds(5);

    private final Path workDir;
    private final EmbeddedCrlServer crls;
    private final RunningGateway gateway;
    private final EmbeddedClock clock;
    private final Manifest pki;
    private final MintResult minted;

    private EmbeddedGateway(Path workDir, EmbeddedCrlServer crls, RunningGateway gateway, EmbeddedClock clock,
                            MintResult minted) {
        this.workDir = workDir;
        this.crls = crls;
        this.gateway = gateway;
        this.clock = clock;
        this.minted = minted;
        this.pki = minted.manifest();
    }

    /**
     * @param lax TEST ONLY: requirements the gateway does not enforce (proves the suite can fail)
     * @throws UsageException when anything cannot be set up (exit 2)
     */
    static EmbeddedGateway start(Set<Requirement> lax) {
        Path work;
        try {
            work = Files.createTempDirectory("mcalab-suite-");
        } catch (IOException e) {
            throw new UsageException("cannot create a temporary directory: " + e.getMessage(), e);
        }
        Path pkiDir = work.resolve("pki");
        EmbeddedCrlServer crls = null;
        try {
            crls = EmbeddedCrlServer.start(pkiDir.resolve("crl"));
            MintResult minted = TestPki.mint(pkiDir, PkiOptions.defaults().withCrlBaseUrl(crls.baseUrl()));
            Manifest pki = minted.manifest();
            AsaConfig config = AsaConfigParser.parse(pki.asaConfig());
            ServerIdentity identity = ServerIdentity.load(pki.path(pki.identity(TestPki.GATEWAY).chain()),
                    pki.path(pki.identity(TestPki.GATEWAY).key()));
            EmbeddedClock clock = new EmbeddedClock();
            GatewayOptions options = GatewayOptions.builder(config, identity)
                    .listen(new InetSocketAddress("127.0.0.1", 0))
                    .clock(clock)
                    .traceOut(null)
                    // Short client timeouts so the robustness probes (slowloris, half handshakes) finish in seconds.
                    .handshakeTimeout(CLIENT_TIMEOUT)
                    .requestTimeout(CLIENT_TIMEOUT)
                    .mcaPolicy(McaPolicy.defaults().withSkippedChecks(lax))
                    .build();
            RunningGateway gateway = Gateway.start(options);
            return new EmbeddedGateway(work, crls, gateway, clock, minted);
        } catch (IOException | GatewayException | RuntimeException e) {
            if (crls != null) {
                crls.close();
            }
            delete(work);
            throw new UsageException("cannot start the embedded gateway: " + e.getMessage(), e);
        }
    }

    Target target(List<TunnelProbe> probes) {
        try {
            return new Target(URI.create(gateway.url()), GatewayTrust.caBundle(pki.caBundle()), pki, true,
                    new EmbeddedControl(gateway, clock), probes);
        } catch (IOException e) {
            throw new UsageException(e.getMessage(), e);
        }
    }

    String url() {
        return gateway.url();
    }

    String mintSummary() {
        return minted.summary();
    }

    @Override
    public void close() {
        gateway.close();
        crls.close();
        delete(workDir);
    }

    private static void delete(Path dir) {
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a leftover temporary directory is harmless
        }
    }
}
