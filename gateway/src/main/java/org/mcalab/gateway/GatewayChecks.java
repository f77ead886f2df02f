package org.mcalab.gateway;

import java.util.List;
import org.mcalab.gateway.auth.ReplyCheck;
import org.mcalab.gateway.pki.ChainCheck;
import org.mcalab.gateway.session.ConnectCheck;

/**
 * The requirement checks a gateway runs, composed rather than switched: every check is named after the requirement
 * it enforces and refuses with that id. {@link Gateway#start} runs {@link #all()} unless the options say otherwise;
 * only a lab gateway that proves the conformance suite can fail is given fewer.
 *
 * @param chain   on each presented certificate set ({@link org.mcalab.gateway.pki.CertificateValidator})
 * @param reply   on each MCA auth-reply ({@link org.mcalab.gateway.auth.McaVerifier})
 * @param connect on each tunnel CONNECT's session
 */
public record GatewayChecks(List<ChainCheck> chain, List<ReplyCheck> reply, List<ConnectCheck> connect) {

    public GatewayChecks {
        chain = List.copyOf(chain);
        reply = List.copyOf(reply);
        connect = List.copyOf(connect);
    }

    /** Every check: the reference gateway. */
    public static GatewayChecks all() {
        return new GatewayChecks(ChainCheck.ALL, ReplyCheck.ALL, ConnectCheck.ALL);
    }
}
