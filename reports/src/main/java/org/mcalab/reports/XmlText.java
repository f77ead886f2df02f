package org.mcalab.reports;

/**
 * Text made safe for XML 1.0 and HTML. Evidence carries whatever a client or gateway sent, including
 * bytes XML 1.0 cannot hold at all (NUL, most C0 controls, lone surrogates): those become a visible
 * {@code \\uXXXX} so the report stays parseable and an auditor still sees that they were there.
 */
public final class XmlText {

    private XmlText() {}

    /** Replaces characters XML 1.0 forbids by {@code \\uXXXX}; keeps tab, newline and carriage return. */
    public static String visible(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder out = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean ok;
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                if (out != null) {
                    out.append(c).append(s.charAt(i + 1));
                }
                i++;
                continue;
            }
            ok = c == '\t' || c == '\n' || c == '\r'
                    || (c >= 0x20 && c <= 0xD7FF && c != 0x7F)
                    || (c >= 0xE000 && c <= 0xFFFD);
            if (!ok && out == null) {
                out = new StringBuilder(s.length() + 16).append(s, 0, i);
            }
            if (out != null) {
                if (ok) {
                    out.append(c);
                } else {
                    out.append(String.format("\\u%04X", (int) c));
                }
            }
        }
        return out == null ? s : out.toString();
    }

    /** Escapes for element content and for attribute values in either quote style. */
    public static String escape(String s) {
        String text = visible(s);
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&apos;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /** As {@link #escape} and also keeps line breaks and tabs through attribute-value normalisation. */
    public static String escapeAttribute(String s) {
        return escape(s).replace("\r", "&#13;").replace("\n", "&#10;").replace("\t", "&#9;");
    }
}
