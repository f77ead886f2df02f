package org.mcalab.gateway.dtls;

import java.time.Duration;
import java.util.Optional;
import org.mcalab.gateway.config.AnyConnectClient;

/**
 * The gateway side of the DTLS decision for one CONNECT.
 *
 * @param enabled          group policy {@code anyconnect ssl dtls enable} (default) and no {@code --no-dtls} switch
 * @param port             the UDP port announced in {@code X-DTLS-Port}
 * @param dpdSeconds       {@code X-DTLS-DPD} (0 = off), the client-side DPD interval
 * @param keepaliveSeconds {@code X-DTLS-Keepalive} (0 = off)
 * @param mtu              {@code X-DTLS-MTU} for the legacy modes
 */
public record DtlsPolicy(boolean enabled, int port, int dpdSeconds, int keepaliveSeconds, int mtu) {

    public DtlsPolicy {
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("DTLS port out of range: " + port);
        }
    }

    /** The policy a group policy's {@code webvpn} settings give, with the gateway's {@code --no-dtls} switch. */
    public static DtlsPolicy of(AnyConnectClient groupPolicy, boolean noDtlsSwitch, int port) {
        return new DtlsPolicy(groupPolicy.dtls() && !noDtlsSwitch, port, seconds(groupPolicy.dpdClient()),
                seconds(groupPolicy.keepalive()), groupPolicy.mtu());
    }

    private static int seconds(Optional<Duration> d) {
        return d.map(x -> (int) x.toSeconds()).orElse(0);
    }
}
