package org.mcalab.gateway.pki;

import java.net.URI;

/** The CRL a revocation check needs could not be obtained or trusted. The message says which URL and why. */
public final class CrlUnavailableException extends Exception {
    private final URI distributionPoint;
    private final String reason;

    public CrlUnavailableException(URI distributionPoint, String reason) {
        super("CRL from " + distributionPoint + " unavailable (" + reason + ")");
        this.distributionPoint = distributionPoint;
        this.reason = reason;
    }

    public URI distributionPoint() {
        return distributionPoint;
    }

    /** Short cause, e.g. "HTTP 404" or "timed out after 3 s". */
    public String reason() {
        return reason;
    }
}
