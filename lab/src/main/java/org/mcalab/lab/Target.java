package org.mcalab.lab;

import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.mcalab.client.GatewayTrust;
import org.mcalab.fixtures.Manifest;

/**
 * The gateway under test as a client reaches it: the gateway, how its certificate is trusted, and the tunnel
 * probes registered for it.
 *
 * @param probes registered tunnel probes (may be empty)
 */
public record Target(GatewayUnderTest gateway, GatewayTrust trust, List<TunnelProbe> probes) {
    public Target {
        probes = List.copyOf(probes);
    }

    /** A gateway mcalab did not start: no clock, trace or session view. */
    public static Target foreign(URI url, GatewayTrust trust, Manifest pki, List<TunnelProbe> probes) {
        return new Target(GatewayUnderTest.foreign(url, pki, CpuMeter.NONE), trust, probes);
    }

    /** Base URL, e.g. {@code https://127.0.0.1:44321}. */
    public URI url() {
        return gateway.url();
    }

    /** The PKI the gateway trusts (credentials by manifest name). */
    public Manifest pki() {
        return gateway.pki();
    }

    /** True for mcalab's reference gateway started by the lab. */
    public boolean embedded() {
        return gateway.reference();
    }

    /** The first probe providing a need ("tunnel", "dtls"), bound to this target. */
    public Optional<TunnelProbe> probe(String need) {
        return probes.stream().filter(p -> p.provides().contains(need)).findFirst().map(p -> p.bind(this));
    }

    /** The scenario needs this target satisfies. */
    public Set<String> capabilities() {
        Set<String> caps = new TreeSet<>();
        gateway.clock().ifPresent(c -> caps.add("clock-control"));
        gateway.sessions().ifPresent(s -> caps.add("session-db"));
        gateway.trustpoints().ifPresent(t -> caps.add("trustpoints"));
        probes.forEach(p -> caps.addAll(p.provides()));
        return caps;
    }
}
