package org.mcalab.conformance.scenario;

import java.util.List;
import java.util.stream.Stream;

/**
 * The fixture credentials a scenario uses, by manifest name.
 *
 * @param tls   the certificate presented in the TLS handshake (empty: none); several = candidates tried in order (MCA-LIM-7)
 * @param xml   the certificate sent as PKCS#7 in the auth-reply (empty: none); several = candidates
 * @param extra further credentials a mutation uses (a second client, an unrelated certificate...)
 */
public record Credentials(List<String> tls, List<String> xml, List<String> extra) {
    public Credentials {
        tls = tls == null ? List.of() : List.copyOf(tls);
        xml = xml == null ? List.of() : List.copyOf(xml);
        extra = extra == null ? List.of() : List.copyOf(extra);
    }

    public static Credentials none() {
        return new Credentials(List.of(), List.of(), List.of());
    }

    public List<String> all() {
        return Stream.of(tls, xml, extra).flatMap(List::stream).toList();
    }
}
