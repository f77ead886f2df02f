package org.mcalab.gateway.config;

/** Something in the config that was ignored or could not be used, with the line it came from. */
public record ParseWarning(int line, String text, String message) {
    @Override
    public String toString() {
        return "line " + line + ": " + message + (text.isEmpty() ? "" : " [" + text + "]");
    }
}
