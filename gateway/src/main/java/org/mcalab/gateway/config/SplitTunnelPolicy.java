package org.mcalab.gateway.config;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** {@code split-tunnel-policy}: which traffic the client sends into the tunnel. */
public enum SplitTunnelPolicy {
    TUNNEL_ALL("tunnelall"), TUNNEL_SPECIFIED("tunnelspecified"), EXCLUDE_SPECIFIED("excludespecified");

    private final String keyword;

    SplitTunnelPolicy(String keyword) {
        this.keyword = keyword;
    }

    public String keyword() {
        return keyword;
    }

    static Optional<SplitTunnelPolicy> fromKeyword(String word) {
        String w = word.toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(p -> p.keyword.equals(w)).findFirst();
    }
}
