package org.mcalab.gateway.auth;

import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.ConcurrentHashMap;
import org.mcalab.gateway.config.LocalUser;

/**
 * {@code aaa local authentication attempts max-fail N} as the ASA does it: a local user is locked after N
 * consecutive failed logins, and stays locked (a correct password too is refused) until the gateway restarts
 * (the ASA's {@code clear aaa local user lockout}); a success before that resets the count. Users with privilege 15
 * are never locked, as on the ASA. Only configured users are counted, so the map is bounded by the config.
 */
final class LocalLockout {
    private static final int NEVER_LOCKED_PRIVILEGE = 15;

    private final OptionalInt limit;
    private final Map<String, Integer> failures = new ConcurrentHashMap<>();

    LocalLockout(OptionalInt limit) {
        this.limit = limit;
    }

    boolean locked(LocalUser user) {
        return applies(user) && failures.getOrDefault(user.name(), 0) >= limit.getAsInt();
    }

    /** Counts a failed login; true when it is the one that locks the user. */
    boolean failed(LocalUser user) {
        if (!applies(user)) {
            return false;
        }
        return failures.merge(user.name(), 1, Integer::sum) == limit.getAsInt();
    }

    void succeeded(LocalUser user) {
        failures.remove(user.name());
    }

    int limit() {
        return limit.orElse(0);
    }

    private boolean applies(LocalUser user) {
        return limit.isPresent() && user.privilege() < NEVER_LOCKED_PRIVILEGE;
    }
}
