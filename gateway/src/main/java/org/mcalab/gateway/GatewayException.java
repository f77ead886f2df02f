package org.mcalab.gateway;

/** The gateway cannot start: a missing file, a port in use, a forbidden address. The message is one line for the user. */
public final class GatewayException extends Exception {
    public GatewayException(String message) {
        super(message);
    }

    public GatewayException(String message, Throwable cause) {
        super(message, cause);
    }

    /**
     * A failed bind in words: EADDRNOTAVAIL ("Cannot assign requested address", e.g. {@code --listen 10.99.99.99} on a
     * host without that address) is not "address already in use".
     */
    public static GatewayException cannotBind(java.net.InetSocketAddress address, String what, java.net.BindException e) {
        String host = address.getAddress().getHostAddress();
        String where = (host.contains(":") ? "[" + host + "]" : host) + ":" + address.getPort();
        String message = String.valueOf(e.getMessage()).toLowerCase(java.util.Locale.ROOT);
        String why = message.contains("assign") || message.contains("not available")
                ? "address not available on this host"
                : message.contains("permission") || message.contains("access") ? "permission denied"
                : message.contains("in use") ? "address already in use" : e.getMessage();
        return new GatewayException("cannot bind " + where + what + ": " + why, e);
    }
}
