package org.mcalab.gateway.config;

import java.time.Duration;
import java.util.Optional;

/**
 * The {@code webvpn} sub-mode of {@code group-policy NAME attributes}: AnyConnect tunnel settings.
 * An empty duration is the ASA's {@code none} (feature off).
 */
public record AnyConnectClient(boolean dtls, Optional<Duration> keepalive, Optional<Duration> dpdClient,
                               Optional<Duration> dpdGateway, int mtu) {

    /** What an ASA 9.7 uses when nothing is configured: DTLS on, keepalive 20 s, DPD 30 s both ways, MTU 1406. */
    public static final AnyConnectClient ASA_DEFAULTS = new AnyConnectClient(true, Optional.of(Duration.ofSeconds(20)),
            Optional.of(Duration.ofSeconds(30)), Optional.of(Duration.ofSeconds(30)), 1406);
}
