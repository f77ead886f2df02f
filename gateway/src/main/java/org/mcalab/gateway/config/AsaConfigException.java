package org.mcalab.gateway.config;

/**
 * A known command that is malformed, or a reference to something the config never defines. The parse
 * stops at the first one: a gateway must not run on a config that means something else than it says.
 */
public final class AsaConfigException extends RuntimeException {
    private final int line;
    private final String text;
    private final String command;
    private final String expected;

    private AsaConfigException(int line, String text, String command, String expected, String message) {
        super(message);
        this.line = line;
        this.text = text;
        this.command = command;
        this.expected = expected;
    }

    /** "line 12: ip local pool: expected 'ip local pool NAME FIRST-LAST mask MASK' (detail); got '...'" */
    static AsaConfigException malformed(int line, String text, String command, String expectedForm, String detail) {
        String message = "line " + line + ": " + command + ": expected '" + expectedForm + "'"
                + (detail == null ? "" : " (" + detail + ")") + "; got '" + text + "'";
        return new AsaConfigException(line, text, command, expectedForm, message);
    }

    /** "line 40: address-pool: ip local pool 'X' is not defined" */
    static AsaConfigException unresolved(int line, String text, String command, String missing) {
        return new AsaConfigException(line, text, command, missing + " to be defined",
                "line " + line + ": " + command + ": " + missing + " is not defined; got '" + text + "'");
    }

    static AsaConfigException conflict(int line, String text, String command, String problem) {
        return new AsaConfigException(line, text, command, "no " + problem, "line " + line + ": " + command + ": " + problem
                + "; got '" + text + "'");
    }

    public int line() {
        return line;
    }

    /** The offending line as written (trimmed). */
    public String text() {
        return text;
    }

    /** The command's keywords, e.g. {@code ip local pool}. */
    public String command() {
        return command;
    }

    /** The expected form of the command, or what was expected to exist. */
    public String expected() {
        return expected;
    }
}
