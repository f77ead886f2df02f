package org.mcalab.gateway.config;

import java.net.Inet4Address;
import java.util.Optional;

/** {@code interface HW-NAME} with its {@code nameif}, {@code security-level} and {@code ip address}. */
public record Interface(String hardwareName, Optional<String> nameif, int securityLevel,
                        Optional<Inet4Address> address, Optional<Inet4Address> mask, boolean shutdown) {
}
