package org.mcalab.conformance.probe;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.mcalab.fixtures.Credential;
import org.mcalab.fixtures.TestPki;
import org.mcalab.protocol.Requirement;
import org.mcalab.client.mca.CredentialStore;
import org.mcalab.lab.Target;
import org.mcalab.lab.TunnelProbe;
import org.mcalab.client.tunnel.TunnelException;

/**
 * The suite's tunnel probe (MCA-SES-3, MCA-SES-4, MCA-ROB-2): after the scenario's MCA login it opens CSTP tunnels
 * with the session token, as openconnect does, and runs one check. It needs only the target's URL, the PKI's CA
 * bundle and machine certificate, so it works against remote gateways too; the gateway-side counter comparisons run
 * when the target offers a session view (embedded gateway).
 *
 * <p>Checks: {@code cstp-traffic}, {@code dpd}, {@code bad-magic} (bad magic, then an oversize frame on a third
 * session), {@code oversize-frame}, {@code unknown-type}, {@code dtls-fallback}. Registered through
 * {@link java.util.ServiceLoader}; {@link Target#probe} binds it to the target.
 */
public final class CstpProbe implements TunnelProbe {
    /** Bound on every connect and every awaited answer of a check. */
    public static final Duration CHECK_TIMEOUT = Duration.ofSeconds(5);

    private final Target target;

    /** Unbound, as {@link java.util.ServiceLoader} creates it. */
    public CstpProbe() {
        this(null);
    }

    private CstpProbe(Target target) {
        this.target = target;
    }

    @Override
    public Set<String> provides() {
        return Set.of("tunnel", "dtls");
    }

    @Override
    public TunnelProbe bind(Target t) {
        return new CstpProbe(t);
    }

    @Override
    public Outcome run(Session session, String check) throws IOException {
        if (target == null) {
            throw new IllegalStateException("the probe is not bound to a target (use Target.probe)");
        }
        CredentialStore credentials = new CredentialStore(target.pki());
        ProbeRun r = new ProbeRun(target, credentials, endpoint(credentials), session);
        Requirement cited = switch (check) {
            case "dtls-fallback", "dtls-traffic" -> Requirement.MCA_SES_4;
            case "bad-magic", "oversize-frame", "unknown-type" -> Requirement.MCA_ROB_2;
            default -> Requirement.MCA_SES_3;
        };
        try {
            return switch (check) {
                case "cstp-traffic" -> TrafficCheck.run(r);
                case "dpd" -> DpdCheck.run(r);
                case "bad-magic" -> BadFrameCheck.run(r, List.of(BadFrameCheck.Kind.BAD_MAGIC, BadFrameCheck.Kind.OVERSIZE));
                case "oversize-frame" -> BadFrameCheck.run(r, List.of(BadFrameCheck.Kind.OVERSIZE));
                case "unknown-type" -> BadFrameCheck.run(r, List.of(BadFrameCheck.Kind.UNKNOWN_TYPE));
                case "dtls-fallback", "dtls-traffic" -> DtlsFallbackCheck.run(r);
                default -> throw new IllegalArgumentException("unknown tunnel check '" + check + "'");
            };
        } catch (TunnelException e) {
            return r.fail(cited, e.getMessage());
        }
    }

    private TunnelEndpoint endpoint(CredentialStore credentials) {
        Credential machine = credentials.get(TestPki.MACHINE);
        return new TunnelEndpoint(target.url(), target.pki().caBundle(), machine.privateKey(), machine.chain(), CHECK_TIMEOUT);
    }
}
