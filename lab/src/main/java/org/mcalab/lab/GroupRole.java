package org.mcalab.lab;

import java.util.Locale;

/**
 * Which of the gateway's tunnel groups a scenario talks to. The catalogue names roles, never URLs: the URL of
 * each group comes from the run (the {@code --target} path, {@code --cert-group-url}, {@code --password-group-url},
 * {@code --authgroup}), as openconnect takes it from its command line (scenarios/README.md, "Groups").
 */
public enum GroupRole {
    /** The multiple-certificate group: the {@code --target} URL, with {@code --authgroup} as group-select when given. */
    MCA,
    /** The MCA group reached by name only: the server root with {@code <group-select>} = {@code --authgroup}. */
    SELECT,
    /** The legacy one-certificate group ({@code authentication certificate}). */
    CERTIFICATE,
    /** The username/password group ({@code authentication aaa}). */
    PASSWORD;

    /** As spelled in the catalogue: mca, select, certificate, password. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static GroupRole fromId(String id) {
        for (GroupRole r : values()) {
            if (r.id().equalsIgnoreCase(id.trim())) {
                return r;
            }
        }
        throw new IllegalArgumentException("unknown group '" + id + "'; known: mca, select, certificate, password");
    }
}
