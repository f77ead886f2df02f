package org.mcalab.gateway.tunnel.tun;

import java.io.IOException;

/** The TUN inside network could not be created or configured; the message says what the operator can fix. */
public final class TunException extends IOException {
    public TunException(String message) {
        super(message);
    }
}
