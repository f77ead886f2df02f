package org.mcalab.reports.html;

import java.util.ArrayList;
import java.util.List;

/**
 * Indents XML for display only. The report must show what crossed the wire, including malformed and
 * hostile bodies (XXE, billion laughs), so this never parses: it splits markup from text and indents
 * by nesting depth. Anything it cannot split cleanly is shown exactly as received.
 */
final class XmlIndenter {

    private static final String STEP = "  ";

    private enum Kind { OPEN, CLOSE, EMPTY, OTHER, TEXT }

    private record Token(Kind kind, String text) {}

    private XmlIndenter() {}

    static String indent(String body) {
        if (body == null) {
            return "";
        }
        if (!body.strip().startsWith("<")) {
            return body;
        }
        List<Token> tokens = tokenize(body.strip());
        if (tokens == null) {
            return body;
        }
        StringBuilder out = new StringBuilder(body.length() + body.length() / 4);
        int depth = 0;
        for (int i = 0; i < tokens.size(); i++) {
            Token t = tokens.get(i);
            switch (t.kind) {
                case OPEN -> {
                    // <a>text</a> and <a></a> stay on one line: that is how a reader expects leaf elements.
                    if (i + 1 < tokens.size() && tokens.get(i + 1).kind == Kind.CLOSE) {
                        line(out, depth, t.text + tokens.get(i + 1).text);
                        i++;
                    } else if (i + 2 < tokens.size() && tokens.get(i + 1).kind == Kind.TEXT
                            && tokens.get(i + 2).kind == Kind.CLOSE) {
                        line(out, depth, t.text + tokens.get(i + 1).text + tokens.get(i + 2).text);
                        i += 2;
                    } else {
                        line(out, depth, t.text);
                        depth++;
                    }
                }
                case CLOSE -> {
                    depth = Math.max(0, depth - 1);
                    line(out, depth, t.text);
                }
                case EMPTY, OTHER, TEXT -> line(out, depth, t.text);
            }
        }
        return out.toString();
    }

    private static void line(StringBuilder out, int depth, String text) {
        if (!out.isEmpty()) {
            out.append('\n');
        }
        out.append(STEP.repeat(depth));
        // Multi-line text (base64 in client-cert) continues one step deeper than its element.
        String[] lines = text.split("\n", -1);
        out.append(lines[0].stripTrailing());
        for (int i = 1; i < lines.length; i++) {
            out.append('\n').append(STEP.repeat(depth + 1)).append(lines[i].strip());
        }
    }

    /** Null when the body is not cleanly splittable (unterminated tag, comment, CDATA...). */
    private static List<Token> tokenize(String s) {
        List<Token> tokens = new ArrayList<>();
        int i = 0;
        while (i < s.length()) {
            if (s.charAt(i) != '<') {
                int next = s.indexOf('<', i);
                int end = next < 0 ? s.length() : next;
                String text = s.substring(i, end).strip();
                if (!text.isEmpty()) {
                    tokens.add(new Token(Kind.TEXT, text));
                }
                i = end;
                continue;
            }
            int end;
            Kind kind;
            if (s.startsWith("<!--", i)) {
                end = after(s, "-->", i + 4);
                kind = Kind.OTHER;
            } else if (s.startsWith("<![CDATA[", i)) {
                end = after(s, "]]>", i + 9);
                kind = Kind.TEXT;
            } else if (s.startsWith("<?", i)) {
                end = after(s, "?>", i + 2);
                kind = Kind.OTHER;
            } else if (s.startsWith("<!", i)) {
                end = declarationEnd(s, i + 2);
                kind = Kind.OTHER;
            } else {
                end = tagEnd(s, i + 1);
                if (end < 0) {
                    return null;
                }
                String tag = s.substring(i, end);
                kind = tag.startsWith("</") ? Kind.CLOSE : tag.endsWith("/>") ? Kind.EMPTY : Kind.OPEN;
            }
            if (end < 0) {
                return null;
            }
            tokens.add(new Token(kind, s.substring(i, end)));
            i = end;
        }
        return tokens;
    }

    private static int after(String s, String terminator, int from) {
        int at = s.indexOf(terminator, from);
        return at < 0 ? -1 : at + terminator.length();
    }

    /** End of a tag, skipping '>' inside quoted attribute values. */
    private static int tagEnd(String s, int from) {
        char quote = 0;
        for (int i = from; i < s.length(); i++) {
            char c = s.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                }
            } else if (c == '"' || c == '\'') {
                quote = c;
            } else if (c == '<') {
                return -1;
            } else if (c == '>') {
                return i + 1;
            }
        }
        return -1;
    }

    /** End of a DOCTYPE (or other declaration), skipping its [internal subset] and quoted strings. */
    private static int declarationEnd(String s, int from) {
        char quote = 0;
        int brackets = 0;
        for (int i = from; i < s.length(); i++) {
            char c = s.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                }
            } else if (c == '"' || c == '\'') {
                quote = c;
            } else if (c == '[') {
                brackets++;
            } else if (c == ']') {
                brackets--;
            } else if (c == '>' && brackets <= 0) {
                return i + 1;
            }
        }
        return -1;
    }
}
