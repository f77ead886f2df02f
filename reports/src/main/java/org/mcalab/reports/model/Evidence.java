package org.mcalab.reports.model;

import java.util.List;
import java.util.Map;

/**
 * What the report shows for one scenario so an auditor can check the verdict by hand.
 *
 * @param timingsMillis named phases (tls, init, auth-reply, connect...) in milliseconds
 * @param notes free remarks (e.g. "MCA-LIM-7: 3x2 candidates, connected after 4 attempts")
 */
public record Evidence(
        List<XmlExchange> exchanges,
        List<CertificateInfo> certificates,
        TlsInfo tls,
        List<TraceLine> gatewayTrace,
        Map<String, Long> timingsMillis,
        List<String> notes) {

    public static Evidence empty() {
        return new Evidence(List.of(), List.of(), null, List.of(), Map.of(), List.of());
    }
}
