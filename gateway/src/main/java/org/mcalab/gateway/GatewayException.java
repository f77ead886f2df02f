package org.mcalab.gateway;

/** The gateway cannot start: a missing file, a port in use, a forbidden address. The message is one line for the user. */
public final class GatewayException extends Exception {
    public GatewayException(String message) {
        super(message);
    }

    public GatewayException(String message, Throwable cause) {
        super(message, cause);
    }
}
