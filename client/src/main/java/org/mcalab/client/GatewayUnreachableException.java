package org.mcalab.client;

import java.io.IOException;

/** The TCP connection to the gateway could not be opened at all (as opposed to a TLS or HTTP failure). */
public final class GatewayUnreachableException extends IOException {
    public GatewayUnreachableException(String message, Throwable cause) {
        super(message, cause);
    }
}
