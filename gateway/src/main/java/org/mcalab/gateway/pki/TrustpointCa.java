package org.mcalab.gateway.pki;

import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What certificate validation needs of one ASA trustpoint: its name, its {@code certificate ca} entries and its
 * revocation policy. Built from plain values so the validator does not depend on the config parser.
 *
 * @param caCertificates trust anchors of this trustpoint (a root, or an intermediate the admin installed)
 */
public record TrustpointCa(String name, List<X509Certificate> caCertificates, RevocationCheck revocationCheck) {

    public TrustpointCa {
        Objects.requireNonNull(name, "name");
        caCertificates = List.copyOf(caCertificates);
        Objects.requireNonNull(revocationCheck, "revocationCheck");
    }

    /** A trustpoint without revocation checking. */
    public static TrustpointCa of(String name, X509Certificate ca) {
        return new TrustpointCa(name, List.of(ca), RevocationCheck.NONE);
    }

    public static TrustpointCa of(String name, X509Certificate ca, RevocationCheck revocationCheck) {
        return new TrustpointCa(name, List.of(ca), revocationCheck);
    }

    /** One trustpoint per entry, in the map's iteration order, none checking revocation. */
    public static List<TrustpointCa> fromMap(Map<String, X509Certificate> cas) {
        List<TrustpointCa> list = new ArrayList<>();
        cas.forEach((name, ca) -> list.add(of(name, ca)));
        return List.copyOf(list);
    }

    boolean holds(X509Certificate certificate) {
        return caCertificates.contains(certificate);
    }

    boolean hasCaNamed(javax.security.auth.x500.X500Principal subject) {
        return caCertificates.stream().anyMatch(ca -> ca.getSubjectX500Principal().equals(subject));
    }
}
