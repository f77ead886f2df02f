package org.mcalab.protocol;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The client families mcalab plays and what identifies them on the wire: the {@code User-Agent} and the fixed
 * headers of an aggregate-auth POST (docs/protocol.md §4.1). Every request builder (the blocking connection, the
 * load generator, Gatling, the CONNECT) takes its headers from here.
 */
public enum ClientProfile {
    /** openconnect 9.01 as Debian builds it. */
    OPENCONNECT("Open AnyConnect VPN Agent v9.01-3"),
    /** Cisco AnyConnect 4.4 on Windows, the client of the seed (docs/protocol.md §1.2). */
    ANYCONNECT_WINDOWS("Cisco AnyConnect VPN Agent for Windows 4.4.01054");

    /** The body type openconnect posts (docs/protocol.md §4.1). */
    public static final String CONTENT_TYPE = "application/xml; charset=utf-8";

    private final String userAgent;

    ClientProfile(String userAgent) {
        this.userAgent = userAgent;
    }

    public String userAgent() {
        return userAgent;
    }

    /** The profile that sends {@code userAgent}; for callers that still carry the string. */
    public static ClientProfile withUserAgent(String userAgent) {
        for (ClientProfile p : values()) {
            if (p.userAgent.equals(userAgent)) {
                return p;
            }
        }
        throw new IllegalArgumentException("no client profile sends User-Agent '" + userAgent + "'");
    }

    /**
     * The fixed headers of an aggregate-auth POST after {@code Host}, {@code User-Agent} and {@code Cookie}, in
     * openconnect's order (docs/protocol.md §4.1); without {@code X-Pad}, {@code Content-Type} and {@code Content-Length},
     * which depend on the body.
     */
    public Map<String, String> authHeaders() {
        Map<String, String> h = new LinkedHashMap<>();
        h.put("Accept", "*/*");
        h.put("Accept-Encoding", "identity");
        h.put("X-Transcend-Version", "1");
        h.put("X-Aggregate-Auth", "1");
        h.put("X-Support-HTTP-Auth", "true");
        return h;
    }

    /**
     * The head of an aggregate-auth POST with a body of {@code bodyLength} bytes, ending with the empty line.
     *
     * @param host    the {@code Host} value ({@code host} or {@code host:port})
     * @param cookies {@code name=value; ...}, or null or empty for no {@code Cookie} header
     */
    public byte[] postHead(String path, String host, String cookies, int bodyLength) {
        StringBuilder head = new StringBuilder(320);
        head.append("POST ").append(path).append(" HTTP/1.1\r\n");
        head.append("Host: ").append(host).append("\r\n");
        head.append("User-Agent: ").append(userAgent).append("\r\n");
        if (cookies != null && !cookies.isEmpty()) {
            head.append("Cookie: ").append(cookies).append("\r\n");
        }
        authHeaders().forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
        head.append("X-Pad: ").append("0".repeat(padLength(bodyLength))).append("\r\n");
        head.append("Content-Type: ").append(CONTENT_TYPE).append("\r\n");
        head.append("Content-Length: ").append(bodyLength).append("\r\n\r\n");
        return head.toString().getBytes(StandardCharsets.US_ASCII);
    }

    /** openconnect's X-Pad: pads the request to the next multiple of 64 bytes of body (docs/protocol.md §4.1). */
    public static int padLength(int bodyLength) {
        return 64 * (1 + bodyLength / 64) - bodyLength;
    }
}
