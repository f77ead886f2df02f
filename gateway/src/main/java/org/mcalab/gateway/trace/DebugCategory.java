package org.mcalab.gateway.trace;

/** Debug categories named after the ASA's {@code debug} commands the seed shows. */
public enum DebugCategory {
    AGGREGATE_AUTH_XML("aggregate-auth xml"),
    AGGREGATE_AUTH_SSL("aggregate-auth ssl"),
    CRYPTO_CA("crypto ca"),
    WEBVPN_ANYCONNECT("webvpn anyconnect"),
    DTLS("dtls");

    private final String command;

    DebugCategory(String command) {
        this.command = command;
    }

    /** As typed after {@code debug}, e.g. "aggregate-auth xml". */
    public String command() {
        return command;
    }

    public static DebugCategory fromCommand(String text) {
        String t = text.trim().toLowerCase().replace('_', '-');
        for (DebugCategory c : values()) {
            if (c.command.equals(t) || c.name().equalsIgnoreCase(text.trim().replace('-', '_').replace(' ', '_'))) {
                return c;
            }
        }
        throw new IllegalArgumentException("unknown debug category '" + text + "'; known: aggregate-auth xml, aggregate-auth ssl, "
                + "crypto ca, webvpn anyconnect, dtls");
    }
}
