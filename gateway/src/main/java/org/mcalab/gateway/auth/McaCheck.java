package org.mcalab.gateway.auth;

import java.security.cert.X509Certificate;
import java.util.List;
import org.mcalab.protocol.xml.ConfigAuth;

/**
 * Decides an MCA auth-reply: both certificates, the signature over the saved request bytes, the username.
 * The gateway wires {@code McaVerifier} in here; tests use stubs.
 */
@FunctionalInterface
public interface McaCheck {
    McaOutcome verify(AuthInfo info, ConfigAuth reply, List<X509Certificate> tlsChain);
}
