package org.mcalab.protocol.cstp;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.mcalab.protocol.ClientProfile;
import org.mcalab.protocol.dtls.DtlsOffer;

/**
 * {@code CONNECT /CSCOSSLC/tunnel} as openconnect 9.01 sends it (docs/protocol.md §8.2): no body, the session token as
 * the only cookie, the {@code X-CSTP-*} headers and, when DTLS is offered, the {@code X-DTLS-*} offer. The address type
 * is {@code IPv4} (openconnect with {@code --disable-ipv6}): mcalab's clients carry IPv4 only.
 *
 * @param host           the {@code Host} value ({@code host} or {@code host:port})
 * @param hostname       {@code X-CSTP-Hostname}, the client's local name
 * @param baseMtu        {@code X-CSTP-Base-MTU}, the link MTU
 * @param mtu            {@code X-CSTP-MTU}, the tunnel MTU asked for (openconnect: base 1500 - 110 = 1390)
 * @param acceptEncoding {@code X-CSTP-Accept-Encoding}; openconnect sends {@code oc-lz4,lzs} unless
 *                       {@code --no-compression}. Empty by default: mcalab's clients do not decompress.
 * @param dtls           the DTLS offer; empty is openconnect's {@code --no-dtls}
 */
public record ConnectRequest(String host, ClientProfile profile, String sessionToken, String hostname, int baseMtu, int mtu,
                             Optional<String> acceptEncoding, Optional<DtlsOffer> dtls) {
    /** openconnect's request line. */
    public static final String REQUEST_LINE = "CONNECT " + ConnectHeaders.TUNNEL_PATH + " HTTP/1.1";
    public static final int DEFAULT_BASE_MTU = 1500;
    /** What openconnect asks for on a 1500-byte link: the base MTU minus the worst DTLS, UDP and IP overhead (§8.5). */
    public static final int DEFAULT_MTU = 1390;

    public ConnectRequest {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(profile, "profile");
        Objects.requireNonNull(sessionToken, "sessionToken");
        Objects.requireNonNull(hostname, "hostname");
        Objects.requireNonNull(acceptEncoding, "acceptEncoding");
        Objects.requireNonNull(dtls, "dtls");
    }

    /** openconnect's CONNECT with {@code --no-dtls --no-compression}, the default MTUs and {@code hostname} "mcalab". */
    public static ConnectRequest openconnect(String host, String sessionToken) {
        return new ConnectRequest(host, ClientProfile.OPENCONNECT, sessionToken, "mcalab", DEFAULT_BASE_MTU, DEFAULT_MTU,
                Optional.empty(), Optional.empty());
    }

    public ConnectRequest withProfile(ClientProfile p) {
        return new ConnectRequest(host, p, sessionToken, hostname, baseMtu, mtu, acceptEncoding, dtls);
    }

    public ConnectRequest withHostname(String name) {
        return new ConnectRequest(host, profile, sessionToken, name, baseMtu, mtu, acceptEncoding, dtls);
    }

    public ConnectRequest withMtu(int requested) {
        return new ConnectRequest(host, profile, sessionToken, hostname, baseMtu, requested, acceptEncoding, dtls);
    }

    public ConnectRequest withDtls(DtlsOffer offer) {
        return new ConnectRequest(host, profile, sessionToken, hostname, baseMtu, mtu, acceptEncoding, Optional.of(offer));
    }

    /** Header name to value, in openconnect's order; the request line is {@link #REQUEST_LINE}. */
    public Map<String, String> headers() {
        Map<String, String> h = new LinkedHashMap<>();
        h.put("Host", host);
        h.put("User-Agent", profile.userAgent());
        h.put("Cookie", ConnectHeaders.SESSION_COOKIE + "=" + sessionToken);
        h.put(ConnectHeaders.X_CSTP_VERSION, "1");
        h.put(ConnectHeaders.X_CSTP_HOSTNAME, hostname);
        h.put(ConnectHeaders.X_CSTP_BASE_MTU, Integer.toString(baseMtu));
        h.put(ConnectHeaders.X_CSTP_MTU, Integer.toString(mtu));
        h.put(ConnectHeaders.X_CSTP_ADDRESS_TYPE, "IPv4");
        acceptEncoding.ifPresent(e -> h.put(ConnectHeaders.X_CSTP_ACCEPT_ENCODING, e));
        dtls.ifPresent(offer -> h.putAll(offer.headers()));
        return h;
    }

    /** The request as sent: request line, headers, empty line. */
    public String wireText() {
        StringBuilder b = new StringBuilder(512).append(REQUEST_LINE).append("\r\n");
        headers().forEach((name, value) -> b.append(name).append(": ").append(value).append("\r\n"));
        return b.append("\r\n").toString();
    }

    public byte[] encode() {
        return wireText().getBytes(StandardCharsets.US_ASCII);
    }
}
