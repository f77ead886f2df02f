package org.mcalab.lab;

import java.util.Optional;
import org.mcalab.lab.GroupRole;

/**
 * Where the gateway under test serves each tunnel group, given the way openconnect is given it: the MCA group's
 * URL path (the {@code --target} path), the {@code --authgroup} name sent as {@code <group-select>}, and optional
 * paths of the certificate-only and password groups. Nothing here is guessed: a group that was not given makes
 * the scenarios needing it SKIPPED with {@link #missing(GroupRole)} as the reason.
 *
 * @param mca         path of the MCA group, e.g. {@code /} or {@code /MCA}
 * @param authgroup   group name for {@code <group-select>}, or null
 * @param certificate path of the certificate-only group, or null
 * @param password    path of the password group, or null
 */
public record GroupUrls(String mca, String authgroup, String certificate, String password) {
    public GroupUrls {
        mca = mca == null || mca.isEmpty() ? "/" : mca;
    }

    /** Only the MCA group, at a path. */
    public static GroupUrls mcaOnly(String path) {
        return new GroupUrls(path, null, null, null);
    }

    /** The path a role posts to, or empty when the run did not say where that group is. */
    public Optional<String> path(GroupRole role) {
        return Optional.ofNullable(switch (role) {
            case MCA -> mca;
            case SELECT -> authgroup == null ? null : "/";
            case CERTIFICATE -> certificate;
            case PASSWORD -> password;
        });
    }

    /** The group-select a role's init carries (openconnect sends --authgroup on every init), or null. */
    public String groupSelect(GroupRole role) {
        return role == GroupRole.MCA || role == GroupRole.SELECT ? authgroup : null;
    }

    /** Why a scenario of this role cannot run, for its SKIPPED line. */
    public String missing(GroupRole role) {
        return switch (role) {
            case MCA -> "no MCA group URL";
            case SELECT -> "needs the MCA group's name (--authgroup) to select it from the server root";
            case CERTIFICATE -> "needs the certificate-only group's URL (--cert-group-url)";
            case PASSWORD -> "needs the password group's URL (--password-group-url)";
        };
    }
}
