package org.mcalab.gateway.auth;

import java.util.Optional;
import org.mcalab.protocol.Refusal;

/**
 * What to answer an aggregate-auth POST with.
 *
 * @param status       HTTP status: 200 for every protocol answer (openconnect shows errors it receives with
 *                     200), 400 for input that is not a config-auth document
 * @param body         the exact bytes to send
 * @param sessionToken set on success (also sent as {@code Set-Cookie: webvpn=})
 * @param refusal      set when the request was refused
 */
public record AuthResponse(int status, byte[] body, Optional<String> sessionToken, Optional<Refusal> refusal) {
    static AuthResponse ok(byte[] body) {
        return new AuthResponse(200, body, Optional.empty(), Optional.empty());
    }
}
