package org.mcalab.client;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One HTTP response as received. {@code body} holds the exact bytes after transfer decoding: the MCA
 * challenge is signed byte for byte, so nothing here re-encodes it.
 *
 * @param headers header names in lower case, values in arrival order
 */
public record HttpResponse(int status, String reason, Map<String, List<String>> headers, byte[] body) {

    public Optional<String> header(String name) {
        List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    public List<String> headers(String name) {
        return headers.getOrDefault(name.toLowerCase(Locale.ROOT), List.of());
    }

    /** The value of a {@code Set-Cookie} with this name, if the response set one. */
    public Optional<String> cookie(String name) {
        for (String setCookie : headers("set-cookie")) {
            String pair = setCookie.split(";", 2)[0].trim();
            int eq = pair.indexOf('=');
            if (eq > 0 && pair.substring(0, eq).trim().equals(name)) {
                return Optional.of(pair.substring(eq + 1).trim());
            }
        }
        return Optional.empty();
    }

    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }
}
