package org.mcalab.gateway.tunnel;

import java.net.Inet4Address;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.mcalab.gateway.config.GroupPolicy;
import org.mcalab.gateway.config.IpPool;
import org.mcalab.gateway.config.SplitTunnelPolicy;
import org.mcalab.gateway.config.Subnet;
import org.mcalab.protocol.cstp.ConnectAnswer;
import org.mcalab.protocol.cstp.ConnectHeaders;

/**
 * The {@code HTTP/1.1 200 CONNECTED} answer to a CONNECT, built from the group policy (docs/protocol.md
 * §8.3, §8.4). Header names are written exactly as openconnect compares them (case-sensitive). No
 * {@code X-DTLS-*} header yet: without {@code X-DTLS-Port} openconnect stays on CSTP at once; DTLS will add
 * its headers through {@link #withExtra}. No {@code X-CSTP-Content-Encoding}: compression is never
 * negotiated.
 *
 * @param mtu the tunnel MTU granted (also the decoder's payload limit, plus slack)
 */
public record ConnectResponse(int mtu, List<Header> headers) {
    public static final String STATUS_LINE = "HTTP/1.1 200 CONNECTED";
    public static final String SERVER_NAME = "mcalab ASA 9.7 reference gateway";

    /** Bytes a CSTP data frame costs on the client's link besides the IP packet: IPv4 20 + TCP 20 + TLS 1.3 record 22 + CSTP 8. */
    static final int LINK_OVERHEAD = 20 + 20 + 22 + 8;
    static final int DEFAULT_BASE_MTU = 1500;
    static final int MIN_MTU = 576;

    public ConnectResponse {
        headers = List.copyOf(headers);
    }

    public record Header(String name, String value) {
        @Override
        public String toString() {
            return name + ": " + value;
        }
    }

    /** What the client asked for in its CONNECT (docs/protocol.md §8.2); empty where it did not say. */
    public record ClientRequest(Optional<Integer> mtu, Optional<Integer> baseMtu, Optional<String> hostname) {
        public static final ClientRequest NONE = new ClientRequest(Optional.empty(), Optional.empty(), Optional.empty());

        /** From the request headers; unparsable numbers count as absent. */
        public static ClientRequest of(Map<String, String> headers) {
            return new ClientRequest(number(headers.get(ConnectHeaders.X_CSTP_MTU)), number(headers.get(ConnectHeaders.X_CSTP_BASE_MTU)),
                    Optional.ofNullable(headers.get(ConnectHeaders.X_CSTP_HOSTNAME)));
        }

        private static Optional<Integer> number(String text) {
            if (text == null) {
                return Optional.empty();
            }
            try {
                return Optional.of(Integer.parseInt(text.trim()));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        }
    }

    /**
     * @param hostname      the ASA's {@code hostname}
     * @param splitInclude  the split-tunnel ACL's permitted networks (used with {@code tunnelspecified})
     */
    public static ConnectResponse build(String hostname, GroupPolicy policy, IpPool pool, Inet4Address assigned,
                                        List<Subnet> splitInclude, ClientRequest request) {
        int baseMtu = request.baseMtu().filter(m -> m >= MIN_MTU).orElse(DEFAULT_BASE_MTU);
        int mtu = Math.min(policy.anyconnect().mtu(), baseMtu - LINK_OVERHEAD);
        if (request.mtu().isPresent() && request.mtu().get() >= MIN_MTU) {
            mtu = Math.min(mtu, request.mtu().get());
        }
        mtu = Math.max(mtu, MIN_MTU);

        List<Header> h = new ArrayList<>();
        h.add(new Header(ConnectHeaders.X_CSTP_VERSION, "1"));
        h.add(new Header(ConnectHeaders.X_CSTP_SERVER_NAME, SERVER_NAME));
        h.add(new Header(ConnectHeaders.X_CSTP_HOSTNAME, hostname));
        h.add(new Header(ConnectHeaders.X_CSTP_ADDRESS, assigned.getHostAddress()));
        h.add(new Header(ConnectHeaders.X_CSTP_NETMASK, pool.mask().getHostAddress()));
        if (policy.splitTunnelPolicy() == SplitTunnelPolicy.TUNNEL_SPECIFIED) {
            for (Subnet net : splitInclude) {
                h.add(new Header(ConnectHeaders.X_CSTP_SPLIT_INCLUDE, net.network().getHostAddress() + "/" + net.mask().getHostAddress()));
            }
        } else if (policy.splitTunnelPolicy() == SplitTunnelPolicy.EXCLUDE_SPECIFIED) {
            for (Subnet net : splitInclude) {
                h.add(new Header(ConnectHeaders.X_CSTP_SPLIT_EXCLUDE, net.network().getHostAddress() + "/" + net.mask().getHostAddress()));
            }
        }
        for (Inet4Address dns : policy.dnsServers()) {
            h.add(new Header(ConnectHeaders.X_CSTP_DNS, dns.getHostAddress()));
        }
        policy.defaultDomain().ifPresent(d -> h.add(new Header(ConnectHeaders.X_CSTP_DEFAULT_DOMAIN, d)));
        if (!policy.banner().isEmpty()) {
            h.add(new Header(ConnectHeaders.X_CSTP_BANNER, percentEncode(policy.bannerText())));
        }
        h.add(new Header(ConnectHeaders.X_CSTP_MTU, Integer.toString(mtu)));
        h.add(new Header(ConnectHeaders.X_CSTP_BASE_MTU, Integer.toString(baseMtu)));
        h.add(new Header(ConnectHeaders.X_CSTP_DPD, seconds(policy.anyconnect().dpdClient(), "0")));
        h.add(new Header(ConnectHeaders.X_CSTP_KEEPALIVE, seconds(policy.anyconnect().keepalive(), "0")));
        h.add(new Header(ConnectHeaders.X_CSTP_IDLE_TIMEOUT, seconds(policy.idleTimeout(), "none")));
        h.add(new Header(ConnectHeaders.X_CSTP_SESSION_TIMEOUT, seconds(policy.sessionTimeout(), "none")));
        h.add(new Header(ConnectHeaders.X_CSTP_REKEY_METHOD, "none"));
        h.add(new Header(ConnectHeaders.X_CSTP_DISCONNECTED_TIMEOUT, seconds(policy.idleTimeout(), "none")));
        h.add(new Header(ConnectHeaders.X_CSTP_KEEP, "true"));
        h.add(new Header(ConnectHeaders.X_CSTP_TCP_KEEPALIVE, "true"));
        h.add(new Header(ConnectHeaders.X_CSTP_LICENSE, "accept"));
        return new ConnectResponse(mtu, h);
    }

    /** This response with more headers appended (the DTLS hook). */
    public ConnectResponse withExtra(List<Header> extra) {
        List<Header> all = new ArrayList<>(headers);
        all.addAll(extra);
        return new ConnectResponse(mtu, all);
    }

    public List<String> values(String name) {
        return headers.stream().filter(x -> x.name().equals(name)).map(Header::value).toList();
    }

    /** The response head as sent: status line, headers, empty line; no body (docs/protocol.md §8.3). */
    public String wireText() {
        return ConnectAnswer.of(STATUS_LINE, headers.stream().map(h -> new ConnectAnswer.Header(h.name(), h.value())).toList())
                .wireText();
    }

    private static String seconds(Optional<Duration> d, String none) {
        return d.map(x -> Long.toString(x.toSeconds())).orElse(none);
    }

    /** %-encodes everything but unreserved URL characters; openconnect decodes %XX (UTF-8 bytes). */
    static String percentEncode(String text) {
        StringBuilder b = new StringBuilder();
        for (byte x : text.getBytes(StandardCharsets.UTF_8)) {
            int c = x & 0xff;
            if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '.' || c == '_' || c == '~') {
                b.append((char) c);
            } else {
                b.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return b.toString();
    }
}
