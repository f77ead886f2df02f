package org.mcalab.gateway.config;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** A value of {@code vpn-tunnel-protocol}. */
public enum TunnelProtocol {
    SSL_CLIENT("ssl-client"), SSL_CLIENTLESS("ssl-clientless"), IKEV1("ikev1"), IKEV2("ikev2"), L2TP_IPSEC("l2tp-ipsec");

    private final String keyword;

    TunnelProtocol(String keyword) {
        this.keyword = keyword;
    }

    public String keyword() {
        return keyword;
    }

    static Optional<TunnelProtocol> fromKeyword(String word) {
        String w = word.toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(p -> p.keyword.equals(w)).findFirst();
    }
}
