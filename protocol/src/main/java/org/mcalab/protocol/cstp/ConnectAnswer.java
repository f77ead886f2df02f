package org.mcalab.protocol.cstp;

import io.netty.buffer.ByteBuf;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import org.mcalab.protocol.dtls.DtlsSuite;

/**
 * The answer to a CONNECT, read by openconnect 9.01's rule (docs/protocol.md §8.3), not by a lenient HTTP parser:
 * lines end at LF (a CR before it is dropped), the head ends at the first empty line, a header line is split at its
 * first colon and <em>one</em> space after the colon is skipped when present; the value is the rest, as is. Names are
 * compared case-sensitively, so {@code x-cstp-mtu} is not {@code X-CSTP-MTU}. Single-valued headers take the last
 * occurrence, as openconnect overwrites. {@link #problem()} says what makes openconnect refuse the answer.
 */
public final class ConnectAnswer {
    /** openconnect gives up on a head this long; so does every mcalab client. */
    public static final int MAX_HEAD = 64 * 1024;
    /** The prefix openconnect requires of the status line (HTTP/1.0 is refused; the reason phrase is free). */
    public static final String OK_PREFIX = "HTTP/1.1 200 ";
    /** The CSTP content encodings openconnect 9.01 knows; any other value aborts the CONNECT (docs/protocol.md §8.4). */
    static final Set<String> KNOWN_ENCODINGS = Set.of("deflate", "lzs", "oc-lz4");

    /** One header line: the name before the first colon, the value after it with one leading space skipped. */
    public record Header(String name, String value) {
        public Header {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(value, "value");
        }

        @Override
        public String toString() {
            return name + ": " + value;
        }
    }

    private final String statusLine;
    private final List<Header> headers;
    private final List<String> lines;

    private ConnectAnswer(String statusLine, List<Header> headers, List<String> lines) {
        this.statusLine = statusLine;
        this.headers = List.copyOf(headers);
        this.lines = List.copyOf(lines);
    }

    /** An answer to write: {@code statusLine} and {@code headers} in order (the gateway's, or a test's). */
    public static ConnectAnswer of(String statusLine, List<Header> headers) {
        return new ConnectAnswer(statusLine, headers, headers.stream().map(Header::toString).toList());
    }

    /**
     * Bytes of {@code in} (from its reader index, not consumed) up to and including the empty line that ends the head,
     * or -1 while it has not arrived.
     */
    public static int headLength(ByteBuf in) {
        int start = in.readerIndex();
        int end = in.writerIndex();
        int lineStart = start;
        for (int i = start; i < end; i++) {
            if (in.getByte(i) == '\n') {
                int lineLength = i - lineStart;
                if (lineLength == 0 || lineLength == 1 && in.getByte(lineStart) == '\r') {
                    if (lineStart > start) {
                        return i + 1 - start;
                    }
                }
                lineStart = i + 1;
            }
        }
        return -1;
    }

    /** Parses a head (status line, header lines, optionally the empty line); text after the empty line is ignored. */
    public static ConnectAnswer parse(String head) {
        List<String> all = new ArrayList<>();
        int from = 0;
        while (from < head.length()) {
            int lf = head.indexOf('\n', from);
            String line = lf < 0 ? head.substring(from) : head.substring(from, lf);
            if (line.endsWith("\r")) {
                line = line.substring(0, line.length() - 1);
            }
            if (line.isEmpty() && !all.isEmpty()) {
                break;
            }
            all.add(line);
            from = lf < 0 ? head.length() : lf + 1;
        }
        String status = all.isEmpty() ? "" : all.get(0);
        List<String> rest = all.isEmpty() ? List.of() : all.subList(1, all.size());
        List<Header> headers = new ArrayList<>();
        for (String line : rest) {
            int colon = line.indexOf(':');
            if (colon < 0) {
                continue; // openconnect skips a line without a colon
            }
            String value = line.substring(colon + 1);
            headers.add(new Header(line.substring(0, colon), value.startsWith(" ") ? value.substring(1) : value));
        }
        return new ConnectAnswer(status, headers, rest);
    }

    /** Parses the head at the start of {@code head} bytes (ISO-8859-1, as HTTP heads are). */
    public static ConnectAnswer parse(byte[] head) {
        return parse(new String(head, StandardCharsets.ISO_8859_1));
    }

    public String statusLine() {
        return statusLine;
    }

    /** The status code of the status line, or -1 when it has none. */
    public int status() {
        String[] parts = statusLine.split(" ", 3);
        if (parts.length < 2 || !parts[0].startsWith("HTTP/")) {
            return -1;
        }
        try {
            return Integer.parseInt(parts[1]);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** True when the status line starts with exactly {@code HTTP/1.1 200 }. */
    public boolean connected() {
        return statusLine.startsWith(OK_PREFIX);
    }

    /** Every header line, in order, names as sent. */
    public List<Header> headers() {
        return headers;
    }

    /** The values of the header named exactly {@code name}, in order. */
    public List<String> values(String name) {
        return headers.stream().filter(h -> h.name().equals(name)).map(Header::value).toList();
    }

    /** The last value of the header named exactly {@code name} (openconnect overwrites on repeats). */
    public Optional<String> last(String name) {
        List<String> v = values(name);
        return v.isEmpty() ? Optional.empty() : Optional.of(v.get(v.size() - 1));
    }

    /** The {@code X-CSTP-*}, {@code X-DTLS-*} and {@code X-DTLS12-*} headers: the only ones openconnect uses. */
    public List<Header> tunnelHeaders() {
        return headers.stream().filter(h -> h.name().startsWith("X-CSTP-") || h.name().startsWith("X-DTLS-")
                || h.name().startsWith("X-DTLS12-")).toList();
    }

    /** The refusal reason: the rest of a line starting exactly {@code X-Reason: } (what openconnect prints, §8.6). */
    public Optional<String> reason() {
        String prefix = ConnectHeaders.X_REASON + ": ";
        return lines.stream().filter(l -> l.startsWith(prefix)).map(l -> l.substring(prefix.length())).findFirst();
    }

    /** {@code X-CSTP-Address}: the last IPv4 one (a value with a colon is openconnect's IPv6 address). */
    public Optional<Inet4Address> address() {
        return ipv4(values(ConnectHeaders.X_CSTP_ADDRESS).stream().filter(v -> !v.contains(":")).reduce((a, b) -> b));
    }

    public Optional<Inet4Address> netmask() {
        return ipv4(last(ConnectHeaders.X_CSTP_NETMASK));
    }

    /** {@code X-CSTP-MTU}, else {@code X-DTLS-MTU}; read as C's {@code atol}, so 0 or garbage means none. */
    public OptionalInt mtu() {
        OptionalInt cstp = positive(ConnectHeaders.X_CSTP_MTU);
        return cstp.isPresent() ? cstp : positive(ConnectHeaders.X_DTLS_MTU);
    }

    public OptionalInt baseMtu() {
        return positive(ConnectHeaders.X_CSTP_BASE_MTU);
    }

    /** {@code X-CSTP-DPD} in seconds; 0 (or absent) is off. */
    public int dpdSeconds() {
        return positive(ConnectHeaders.X_CSTP_DPD).orElse(0);
    }

    /** {@code X-CSTP-Keepalive} in seconds; 0 (or absent) is off. */
    public int keepaliveSeconds() {
        return positive(ConnectHeaders.X_CSTP_KEEPALIVE).orElse(0);
    }

    /** {@code X-CSTP-Split-Include} values ({@code network/mask}), in order. */
    public List<String> splitIncludes() {
        return values(ConnectHeaders.X_CSTP_SPLIT_INCLUDE);
    }

    public OptionalInt dtlsPort() {
        return positive(ConnectHeaders.X_DTLS_PORT);
    }

    /** {@code X-DTLS-Session-ID} decoded, when it is exactly 64 hex digits. */
    public Optional<byte[]> dtlsSessionId() {
        return last(ConnectHeaders.X_DTLS_SESSION_ID).filter(v -> v.length() == 64).flatMap(ConnectAnswer::hex);
    }

    /** {@code X-DTLS-App-ID} decoded, when it is valid hex of 1 to 32 bytes (PSK-NEGOTIATE, docs/protocol.md §10.3). */
    public Optional<byte[]> dtlsAppId() {
        return last(ConnectHeaders.X_DTLS_APP_ID).flatMap(ConnectAnswer::hex).filter(b -> b.length >= 1 && b.length <= 32);
    }

    /**
     * The DTLS suite the gateway chose: the name in {@code X-DTLS12-CipherSuite}, else in {@code X-DTLS-CipherSuite},
     * looked up in that header's table (docs/protocol.md §10.1). Empty when none is named or the name is unknown.
     */
    public Optional<DtlsSuite> dtlsSuite() {
        Optional<String> dtls12 = last(ConnectHeaders.X_DTLS12_CIPHER_SUITE);
        if (dtls12.isPresent()) {
            return DtlsSuite.named(DtlsSuite.Header.X_DTLS12, dtls12.get());
        }
        return last(ConnectHeaders.X_DTLS_CIPHER_SUITE).flatMap(n -> DtlsSuite.named(DtlsSuite.Header.X_DTLS, n));
    }

    /**
     * What makes openconnect refuse this answer (docs/protocol.md §8.3, §8.4, §10.1), or empty when it would bring the
     * tunnel up: a status other than {@code HTTP/1.1 200 }, no address, no MTU, an unknown content encoding, a
     * malformed DTLS session or App-ID.
     */
    public Optional<String> problem() {
        if (!connected()) {
            return Optional.of("CONNECT refused: " + statusLine + reason().map(r -> " (X-Reason: " + r + ")").orElse(""));
        }
        if (values(ConnectHeaders.X_CSTP_ADDRESS).isEmpty()) {
            return Optional.of("No IP address received (no " + ConnectHeaders.X_CSTP_ADDRESS + ")");
        }
        if (address().isEmpty()) {
            return Optional.of("unusable " + ConnectHeaders.X_CSTP_ADDRESS + ": " + values(ConnectHeaders.X_CSTP_ADDRESS));
        }
        if (mtu().isEmpty()) {
            return Optional.of("No MTU received (no " + ConnectHeaders.X_CSTP_MTU + ")");
        }
        for (String encoding : values(ConnectHeaders.X_CSTP_CONTENT_ENCODING)) {
            if (!KNOWN_ENCODINGS.contains(encoding)) {
                return Optional.of("Unknown " + ConnectHeaders.X_CSTP_CONTENT_ENCODING + " '" + encoding + "'");
            }
        }
        if (last(ConnectHeaders.X_DTLS_SESSION_ID).isPresent() && dtlsSessionId().isEmpty()) {
            return Optional.of(ConnectHeaders.X_DTLS_SESSION_ID + " is not 64 hex digits: "
                    + last(ConnectHeaders.X_DTLS_SESSION_ID).get());
        }
        if (last(ConnectHeaders.X_DTLS_APP_ID).isPresent() && dtlsAppId().isEmpty()) {
            return Optional.of(ConnectHeaders.X_DTLS_APP_ID + " is not hex of 1 to 32 bytes: " + last(ConnectHeaders.X_DTLS_APP_ID).get());
        }
        return Optional.empty();
    }

    /** The head as written: status line, header lines, empty line (docs/protocol.md §8.3); no body. */
    public String wireText() {
        StringBuilder b = new StringBuilder(1024).append(statusLine).append("\r\n");
        for (String line : lines) {
            b.append(line).append("\r\n");
        }
        return b.append("\r\n").toString();
    }

    @Override
    public String toString() {
        return "ConnectAnswer[" + statusLine + ", " + headers.size() + " headers]";
    }

    private OptionalInt positive(String name) {
        Optional<String> v = last(name);
        if (v.isEmpty()) {
            return OptionalInt.empty();
        }
        long n = atol(v.get());
        return n > 0 && n <= Integer.MAX_VALUE ? OptionalInt.of((int) n) : OptionalInt.empty();
    }

    /** C's {@code atol}, as openconnect reads numbers: leading blanks, optional sign, digits up to the first non-digit. */
    static long atol(String text) {
        int i = 0;
        while (i < text.length() && Character.isWhitespace(text.charAt(i))) {
            i++;
        }
        boolean negative = false;
        if (i < text.length() && (text.charAt(i) == '-' || text.charAt(i) == '+')) {
            negative = text.charAt(i) == '-';
            i++;
        }
        long n = 0;
        while (i < text.length() && text.charAt(i) >= '0' && text.charAt(i) <= '9' && n < Integer.MAX_VALUE * 10L) {
            n = n * 10 + (text.charAt(i) - '0');
            i++;
        }
        return negative ? -n : n;
    }

    private static Optional<Inet4Address> ipv4(Optional<String> text) {
        if (text.isEmpty()) {
            return Optional.empty();
        }
        String[] parts = text.get().split("\\.", -1);
        if (parts.length != 4) {
            return Optional.empty();
        }
        byte[] b = new byte[4];
        for (int i = 0; i < 4; i++) {
            if (parts[i].isEmpty() || parts[i].length() > 3 || !parts[i].chars().allMatch(Character::isDigit)) {
                return Optional.empty();
            }
            int v = Integer.parseInt(parts[i]);
            if (v > 255) {
                return Optional.empty();
            }
            b[i] = (byte) v;
        }
        try {
            return Optional.of((Inet4Address) InetAddress.getByAddress(b));
        } catch (UnknownHostException e) {
            return Optional.empty(); // four bytes are always an address
        }
    }

    private static Optional<byte[]> hex(String text) {
        if (text.isEmpty() || text.length() % 2 != 0) {
            return Optional.empty();
        }
        try {
            return Optional.of(HexFormat.of().parseHex(text));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
