package org.mcalab.gateway.auth;

import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;

/**
 * What the gateway remembers between its MCA challenge and the client's answer (seed: "Created auth
 * info for client"). Lives 3 minutes from creation or last use (MCA-FLOW-5), found by handle, never by
 * TLS connection: openconnect answers on a new connection.
 *
 * @param savedRequest   the exact auth-request body bytes sent, which the client signs (MCA-FLOW-2)
 * @param offeredHashes  the hash-algorithm list of that request
 * @param deviceId       the init's device-id, the client's own claim: traced, never a reason to relax a check
 * @param initTlsCert    the TLS client certificate seen on the init connection, or null (INIT-no-cert)
 */
public record AuthInfo(
        String handle,
        String tunnelGroup,
        String clientAddress,
        byte[] savedRequest,
        List<String> offeredHashes,
        String random,
        String deviceId,
        X509Certificate initTlsCert,
        Instant created) {
}
