package org.mcalab.gateway.config;

import java.time.Duration;
import java.util.Optional;

/** The {@code webvpn} sub-mode of {@code group-policy NAME attributes}: AnyConnect tunnel settings. */
final class GroupPolicyWebVpnMode extends Mode {
    static final Form DTLS = new Form("anyconnect ssl dtls", "anyconnect ssl dtls enable|none");
    static final Form KEEPALIVE = new Form("anyconnect ssl keepalive", "anyconnect ssl keepalive SECONDS|none");
    static final Form DPD = new Form("anyconnect dpd-interval",
            "anyconnect dpd-interval [client SECONDS|none] [gateway SECONDS|none]");
    static final Form MTU = new Form("anyconnect mtu", "anyconnect mtu 576-1462");

    /** As in {@link GroupPolicyMode.Builder}: null inherits, an empty Optional is {@code none}. */
    static final class Settings {
        Boolean dtls;
        Optional<Duration> keepalive;
        Optional<Duration> dpdClient;
        Optional<Duration> dpdGateway;
        Integer mtu;

        AnyConnectClient resolve(AnyConnectClient parent) {
            return new AnyConnectClient(dtls != null ? dtls : parent.dtls(),
                    keepalive != null ? keepalive : parent.keepalive(),
                    dpdClient != null ? dpdClient : parent.dpdClient(),
                    dpdGateway != null ? dpdGateway : parent.dpdGateway(),
                    mtu != null ? mtu : parent.mtu());
        }
    }

    private final String policy;

    GroupPolicyWebVpnMode(String policy, Settings settings) {
        this.policy = policy;
        on("anyconnect ssl dtls", (line, modes) -> {
            DTLS.size(line, 4);
            if (line.is(3, "enable")) {
                settings.dtls = true;
            } else if (line.is(3, "none")) {
                settings.dtls = false;
            } else {
                throw DTLS.fail(line);
            }
        });
        on("anyconnect ssl keepalive", (line, modes) -> {
            KEEPALIVE.size(line, 4);
            settings.keepalive = line.is(3, "none") ? Optional.empty()
                    : Optional.of(Duration.ofSeconds(KEEPALIVE.number(line, 3, 15, 600)));
        });
        on("anyconnect dpd-interval", (line, modes) -> {
            DPD.size(line, 4, 6);
            if (line.size() == 5) {
                throw DPD.fail(line);
            }
            boolean client = false;
            boolean gateway = false;
            for (int i = 2; i < line.size(); i += 2) {
                Optional<Duration> value = line.is(i + 1, "none") ? Optional.empty()
                        : Optional.of(Duration.ofSeconds(DPD.number(line, i + 1, 5, 3600)));
                if (line.is(i, "client") && !client) {
                    client = true;
                    settings.dpdClient = value;
                } else if (line.is(i, "gateway") && !gateway) {
                    gateway = true;
                    settings.dpdGateway = value;
                } else {
                    throw DPD.fail(line);
                }
            }
        });
        on("anyconnect mtu", (line, modes) -> {
            MTU.size(line, 3);
            settings.mtu = MTU.number(line, 2, 576, 1462);
        });
    }

    @Override
    String describe() {
        return "group-policy " + policy + " attributes / webvpn";
    }
}
