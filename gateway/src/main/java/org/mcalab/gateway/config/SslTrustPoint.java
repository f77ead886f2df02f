package org.mcalab.gateway.config;

import java.util.Optional;

/** {@code ssl trust-point TRUSTPOINT [IFNAME]}: which identity certificate the TLS server presents. */
public record SslTrustPoint(String trustpoint, Optional<String> interfaceName) {
}
