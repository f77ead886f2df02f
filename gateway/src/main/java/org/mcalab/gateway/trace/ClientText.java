package org.mcalab.gateway.trace;

import java.nio.charset.StandardCharsets;

/**
 * Text a client chose (group-select, handle, username, certificate names, request bodies) made safe to show in a
 * trace line, on the console and in {@code show vpn-sessiondb}: control characters are written as {@code \xNN}
 * escapes, so an embedded newline cannot forge a line and an ESC cannot drive the operator's terminal, and long text
 * is cut with a visible marker so it cannot fill memory. The one place these rules live.
 */
public final class ClientText {
    private ClientText() {}

    /** One line: every control character escaped (newlines too), at most {@code max} characters kept. */
    public static String line(String text, int max) {
        return cut(escape(text, false), max);
    }

    /** Unbounded {@link #line}: for short values whose length the gateway already bounds (a certificate CN). */
    public static String line(String text) {
        return escape(text, false);
    }

    /** Several lines (an XML body): newlines and tabs kept, other control characters escaped, cut at {@code max}. */
    public static String block(String text, int max) {
        return cut(escape(text, true), max);
    }

    /** The first {@code max} characters and "… (N bytes cut)" when longer; N counts UTF-8 bytes of the rest. */
    public static String cut(String text, int max) {
        if (text == null || text.length() <= max) {
            return text == null ? "" : text;
        }
        int keep = Character.isHighSurrogate(text.charAt(max - 1)) ? max - 1 : max;
        int cut = text.substring(keep).getBytes(StandardCharsets.UTF_8).length;
        return text.substring(0, keep) + "… (" + cut + " bytes cut)";
    }

    private static String escape(String text, boolean keepLines) {
        if (text == null) {
            return "";
        }
        StringBuilder b = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean kept = !unsafe(c) || (keepLines && (c == '\n' || c == '\t'));
            if (kept) {
                if (b != null) {
                    b.append(c);
                }
                continue;
            }
            if (b == null) {
                b = new StringBuilder(text.length() + 16).append(text, 0, i);
            }
            b.append(c < 0x100 ? String.format("\\x%02x", (int) c) : String.format("\\u%04x", (int) c));
        }
        return b == null ? text : b.toString();
    }

    /** C0/C1 controls, DEL, and the Unicode line separators and bidi overrides that reorder what a reader sees. */
    private static boolean unsafe(char c) {
        return Character.isISOControl(c) || c == '\u2028' || c == '\u2029'
                || (c >= '\u202a' && c <= '\u202e') || (c >= '\u2066' && c <= '\u2069');
    }
}
