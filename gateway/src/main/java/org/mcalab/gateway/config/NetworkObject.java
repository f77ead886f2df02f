package org.mcalab.gateway.config;

import java.util.Optional;

/** {@code object network NAME} with {@code subnet A M} or {@code host A}; {@code subnet} is absent when neither was given. */
public record NetworkObject(String name, Optional<Subnet> subnet) {
}
