package org.mcalab.gateway.auth;

import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.ConcurrentHashMap;
import org.mcalab.gateway.config.LocalUser;

/**
 * {@code aaa local authentication attempts max-fail N} as the ASA does it: a local user is locked after N
 * consecutive failed logins, and stays locked (a correct password too is refused) until an administrator runs
 * {@code mcalab clear aaa local user lockout} (the ASA's command, through the admin endpoint) or the gateway
 * restarts; a success before that resets the count. Users with privilege 15
 * are never locked, as on the ASA. Only configured users are counted, so the map is bounded by the config.
 */
public final class LocalLockout {
    private static final int NEVER_LOCKED_PRIVILEGE = 15;

    private final OptionalInt limit;
    private final Map<String, Integer> failures = new ConcurrentHashMap<>();

    public LocalLockout(OptionalInt limit) {
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

    /** The users locked right now, sorted. */
    public List<String> locked() {
        return failures.entrySet().stream().filter(e -> limit.isPresent() && e.getValue() >= limit.getAsInt())
                .map(Map.Entry::getKey).sorted().toList();
    }

    /** {@code clear aaa local user lockout username NAME}: unlocks and forgets the count; whether it was locked. */
    public boolean clear(String username) {
        boolean wasLocked = locked().contains(username);
        failures.remove(username);
        return wasLocked;
    }

    /** {@code clear aaa local user lockout all}: the users it unlocked. */
    public List<String> clearAll() {
        List<String> unlocked = locked();
        failures.clear();
        return unlocked;
    }

    private boolean applies(LocalUser user) {
        return limit.isPresent() && user.privilege() < NEVER_LOCKED_PRIVILEGE;
    }
}
