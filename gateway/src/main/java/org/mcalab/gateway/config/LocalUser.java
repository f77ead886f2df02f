package org.mcalab.gateway.config;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * {@code username NAME password PASSWORD [encrypted|pbkdf2|nt-encrypted] [privilege N]}: a local user for
 * {@code authentication aaa} with {@code authentication-server-group LOCAL}. A password given with a hash
 * suffix cannot be checked by this gateway, so such a user never logs in ({@link #usable()} is false).
 */
public record LocalUser(String name, String password, boolean hashed, int privilege) {

    public boolean usable() {
        return !hashed;
    }

    /** Constant-time comparison so the time taken does not tell how much of a guess was right. */
    public boolean passwordMatches(String candidate) {
        if (!usable() || candidate == null) {
            return false;
        }
        return MessageDigest.isEqual(password.getBytes(StandardCharsets.UTF_8), candidate.getBytes(StandardCharsets.UTF_8));
    }

    /** Never prints the password: records would, and configs end up in logs. */
    @Override
    public String toString() {
        return "LocalUser[name=" + name + ", password=*****" + (hashed ? " (hash)" : "") + ", privilege=" + privilege + "]";
    }
}
