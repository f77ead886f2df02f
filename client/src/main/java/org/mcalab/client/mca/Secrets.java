package org.mcalab.client.mca;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Masks what would let a reader of a report take over a session or log in: session tokens and {@code webvpn}
 * cookies keep their first {@value #KEPT} characters (enough to correlate exchanges), passwords keep nothing.
 * Applied where the evidence is built, so no report file ever holds a full secret (issue 14 item 4).
 */
public final class Secrets {
    public static final int KEPT = 8;
    private static final Pattern TOKEN = Pattern.compile("(<session-token\\b[^>]*>)([^<]*)(</session-token>)");
    private static final Pattern COOKIE = Pattern.compile("(webvpn=)([^;\\s\"<]+)");
    private static final Pattern PASSWORD = Pattern.compile("(<password\\b[^>]*>)([^<]*)(</password\\s*>)");

    private Secrets() {}

    public static String mask(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String out = replace(TOKEN, text, m -> m.group(1) + prefix(m.group(2)) + m.group(3));
        out = replace(COOKIE, out, m -> m.group(1) + prefix(m.group(2)));
        return replace(PASSWORD, out, m -> m.group(1) + (m.group(2).isEmpty() ? "" : "********") + m.group(3));
    }

    /** The first characters and an ellipsis; short values are hidden entirely. */
    public static String prefix(String secret) {
        String s = secret.strip();
        if (s.isEmpty()) {
            return secret;
        }
        return s.length() <= KEPT * 2 ? "…" : s.substring(0, KEPT) + "…";
    }

    private interface Rewrite {
        String apply(Matcher m);
    }

    private static String replace(Pattern p, String text, Rewrite rewrite) {
        Matcher m = p.matcher(text);
        StringBuilder b = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(b, Matcher.quoteReplacement(rewrite.apply(m)));
        }
        m.appendTail(b);
        return b.toString();
    }
}
