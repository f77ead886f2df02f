package org.mcalab.conformance.probe;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.mcalab.fixtures.TestPki;
import org.mcalab.protocol.Requirement;
import org.mcalab.client.GatewayClient;
import org.mcalab.conformance.mca.Attempt;
import org.mcalab.client.mca.CredentialStore;
import org.mcalab.conformance.mca.Mutation;
import org.mcalab.conformance.mca.Observation;
import org.mcalab.conformance.mca.Params;
import org.mcalab.client.mca.Profile;
import org.mcalab.lab.SessionView;
import org.mcalab.lab.Target;
import org.mcalab.lab.TunnelProbe;
import org.mcalab.client.tunnel.TunnelException;

/**
 * One check's run: the target, how to reach its tunnels, the scenario's logged-in session, the evidence notes, and
 * what only an embedded gateway tells (its per-tunnel counters).
 */
final class ProbeRun {
    /** The seed's inside interface (192.168.1.1), reachable through the split-include network. */
    static final Inet4Address INSIDE_GATEWAY = ipv4("192.168.1.1");

    private final Target target;
    private final CredentialStore credentials;
    private final TunnelEndpoint endpoint;
    private final TunnelProbe.Session session;
    private final List<String> notes = new ArrayList<>();

    ProbeRun(Target target, CredentialStore credentials, TunnelEndpoint endpoint, TunnelProbe.Session session) {
        this.target = target;
        this.credentials = credentials;
        this.endpoint = endpoint;
        this.session = session;
    }

    TunnelEndpoint endpoint() {
        return endpoint;
    }

    String token() {
        return session.sessionToken();
    }

    void note(String text) {
        notes.add(text);
    }

    TunnelProbe.Outcome pass(String text) {
        notes.add("result: " + text);
        return new TunnelProbe.Outcome(true, null, text, List.copyOf(notes));
    }

    TunnelProbe.Outcome fail(Requirement cited, String text) {
        notes.add("result: FAILED: " + text);
        return new TunnelProbe.Outcome(false, cited, text, List.copyOf(notes));
    }

    /** True when the gateway's own counters can be compared (embedded gateway). */
    boolean gatewayCounters() {
        return target.gateway().sessions().isPresent();
    }

    /** A live tunnel row of the session holding {@code token}, as the gateway counts it; empty on a remote target. */
    Optional<SessionView.Tunnel> gatewayRow(String token, String kind) {
        return target.gateway().sessions().flatMap(s -> s.find(token)).flatMap(s -> s.tunnel(kind));
    }

    /** Whether the gateway still holds the session of {@code token}; empty on a remote target. */
    Optional<Boolean> gatewayHasSession(String token) {
        return target.gateway().sessions().map(s -> s.find(token).isPresent());
    }

    /** One more MCA login (machine certificate in TLS, user certificate signed), for checks that need other sessions. */
    String anotherLogin() throws IOException, TunnelException {
        Attempt attempt = new Attempt(new GatewayClient(target.url(), target.trust(), endpoint.timeout()), target,
                credentials, Profile.WINDOWS, session.groupPath(), session.groupSelect(), Params.NONE,
                List.of(TestPki.MACHINE), List.of(TestPki.USER), List.of(), false);
        Observation o = Mutation.NONE.run(attempt);
        if (!o.accepted() || o.sessionToken() == null) {
            throw new TunnelException("the extra login for a second tunnel was refused: " + o.text());
        }
        return o.sessionToken();
    }

    /**
     * 192.168.1.1 and one more host inside the split-include networks the gateway announced (the first network's
     * .77, or its first address when smaller than /25); 192.168.1.77 when it announced none.
     */
    static List<Inet4Address> insideHosts(List<String> splitIncludes) {
        int other = 0xC0A8014D; // 192.168.1.77
        for (String net : splitIncludes) {
            String[] parts = net.split("/", 2);
            if (parts.length != 2) {
                continue;
            }
            try {
                int network = toInt(ipv4(parts[0].strip()));
                int mask = parts[1].contains(".") ? toInt(ipv4(parts[1].strip()))
                        : (int) (0xFFFFFFFFL << (32 - Integer.parseInt(parts[1].strip())));
                int hostBits = ~mask;
                other = (network & mask) | (hostBits >= 127 ? 77 : 1);
                if (other == toInt(INSIDE_GATEWAY)) {
                    other = (network & mask) | 2;
                }
                break;
            } catch (IllegalArgumentException e) {
                // not an address/mask pair: try the next one
            }
        }
        return List.of(INSIDE_GATEWAY, fromInt(other));
    }

    static Inet4Address ipv4(String dotted) {
        String[] p = dotted.split("\\.");
        if (p.length != 4) {
            throw new IllegalArgumentException("not an IPv4 address: " + dotted);
        }
        byte[] b = new byte[4];
        for (int i = 0; i < 4; i++) {
            int v = Integer.parseInt(p[i]);
            if (v < 0 || v > 255) {
                throw new IllegalArgumentException("not an IPv4 address: " + dotted);
            }
            b[i] = (byte) v;
        }
        return fromBytes(b);
    }

    private static int toInt(Inet4Address a) {
        byte[] b = a.getAddress();
        return ((b[0] & 0xff) << 24) | ((b[1] & 0xff) << 16) | ((b[2] & 0xff) << 8) | (b[3] & 0xff);
    }

    private static Inet4Address fromInt(int v) {
        return fromBytes(new byte[] {(byte) (v >>> 24), (byte) (v >>> 16), (byte) (v >>> 8), (byte) v});
    }

    private static Inet4Address fromBytes(byte[] b) {
        try {
            return (Inet4Address) InetAddress.getByAddress(b);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(e); // four bytes are always an address
        }
    }
}
