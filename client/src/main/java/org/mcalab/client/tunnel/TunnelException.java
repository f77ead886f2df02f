package org.mcalab.client.tunnel;

/** The tunnel did not do what a conformant gateway must: refused CONNECT, a wrong reply, no reply in time, closed. */
public final class TunnelException extends Exception {
    public TunnelException(String message) {
        super(message);
    }

    public TunnelException(String message, Throwable cause) {
        super(message, cause);
    }
}
