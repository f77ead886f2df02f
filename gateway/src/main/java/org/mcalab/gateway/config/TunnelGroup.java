package org.mcalab.gateway.config;

import java.net.URI;
import java.util.List;
import java.util.Optional;

/**
 * A remote-access tunnel group (connection profile): {@code tunnel-group NAME type remote-access} with its
 * general and webvpn attributes.
 *
 * @param authenticationServerGroup {@code LOCAL} (the default) or an AAA server group name
 */
public record TunnelGroup(String name, List<String> addressPools, Optional<String> defaultGroupPolicy,
                          String authenticationServerGroup, UsernameFromCertificate usernameFromCertificate,
                          AuthenticationMethod authentication, List<GroupAlias> aliases, List<GroupUrl> groupUrls) {

    public TunnelGroup {
        addressPools = List.copyOf(addressPools);
        aliases = List.copyOf(aliases);
        groupUrls = List.copyOf(groupUrls);
    }

    /** {@code group-alias NAME enable|disable}. */
    public record GroupAlias(String name, boolean enabled) {
    }

    /** {@code group-url URL enable|disable}; the URL is absolute (checked by the parser). */
    public record GroupUrl(URI url, boolean enabled) {
    }
}
