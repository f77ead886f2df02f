package org.mcalab.lab;

import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.mcalab.fixtures.Manifest;
import org.mcalab.client.GatewayTrust;

/**
 * The gateway under test.
 *
 * @param url      base URL, e.g. {@code https://127.0.0.1:44321}
 * @param pki      the PKI the gateway trusts (credentials by manifest name)
 * @param embedded true for mcalab's in-process reference gateway
 * @param control  embedded-only controls, or null
 * @param probes   registered tunnel probes (may be empty)
 */
public record Target(URI url, GatewayTrust trust, Manifest pki, boolean embedded, GatewayControl control,
                     List<TunnelProbe> probes) {
    public Target {
        probes = List.copyOf(probes);
    }

    public Optional<GatewayControl> gatewayControl() {
        return Optional.ofNullable(control);
    }

    /** The first probe providing a need ("tunnel", "dtls"), bound to this target. */
    public Optional<TunnelProbe> probe(String need) {
        return probes.stream().filter(p -> p.provides().contains(need)).findFirst().map(p -> p.bind(this));
    }

    /** The scenario needs this target satisfies. */
    public Set<String> capabilities() {
        Set<String> caps = new TreeSet<>();
        if (control != null) {
            caps.addAll(List.of("clock-control", "session-db", "trustpoints"));
        }
        probes.forEach(p -> caps.addAll(p.provides()));
        return caps;
    }
}
