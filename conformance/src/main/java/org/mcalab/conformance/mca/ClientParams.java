package org.mcalab.conformance.mca;

import java.util.List;
import org.mcalab.client.mca.Profile;

/**
 * Parameters of the well-behaved client, which every mutation and check runs in part; a scenario may set them
 * whatever it runs. The password profile's login reads two more.
 */
public final class ClientParams {
    public static final Param<String> GROUP_SELECT = Param.text("group-select", null,
            "the <group-select> of the init, instead of the run's --authgroup");
    public static final Param<String> TUNNEL_GROUP = Param.text("tunnel-group", "ANYCONNECT-MCA",
            "the tunnel group the session must be in (post-checks)");
    public static final Param<String> USERNAME = Param.text("username", "alice", "password profile: the username");
    public static final Param<String> PASSWORD = Param.text("password", "mcalab-alice", "password profile: the password");

    private ClientParams() {}

    /** What a scenario of {@code profile} may set besides its behaviour's own parameters. */
    public static List<Param<?>> of(Profile profile) {
        return profile == Profile.PASSWORD ? List.of(GROUP_SELECT, TUNNEL_GROUP, USERNAME, PASSWORD)
                : List.of(GROUP_SELECT, TUNNEL_GROUP);
    }
}
