package org.mcalab.gateway.config;

import java.util.Optional;

/**
 * A {@code nat} rule, kept verbatim. The reference gateway does no address translation (its inside
 * network is simulated), so rules are parsed and reported as "parsed, not applied".
 *
 * @param line          line of the rule in the config
 * @param realInterface interface in {@code (real,mapped)}
 * @param object        the {@code object network} holding the rule (auto NAT), empty for twice NAT
 * @param text          the rule as written
 */
public record Nat(int line, String realInterface, String mappedInterface, Optional<String> object, String text) {
}
