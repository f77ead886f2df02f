package org.mcalab.gateway.config;

import java.util.ArrayList;
import java.util.List;

/**
 * One config line, split into words. Keywords compare case-insensitively (as the ASA CLI does); names and
 * values keep their case.
 *
 * @param indented whether the line started with whitespace: ASA prints sub-commands indented by one space
 */
record Line(int number, String text, boolean indented, List<String> words) {

    static Line of(int number, String raw) {
        boolean indented = !raw.isEmpty() && Character.isWhitespace(raw.charAt(0));
        String text = raw.strip();
        return new Line(number, text, indented, split(text));
    }

    private static List<String> split(String text) {
        List<String> words = new ArrayList<>();
        int i = 0;
        while (i < text.length()) {
            while (i < text.length() && Character.isWhitespace(text.charAt(i))) {
                i++;
            }
            int start = i;
            while (i < text.length() && !Character.isWhitespace(text.charAt(i))) {
                i++;
            }
            if (i > start) {
                words.add(text.substring(start, i));
            }
        }
        return List.copyOf(words);
    }

    int size() {
        return words.size();
    }

    /** The i-th word, or "" past the end, so handlers can test positions without bounds checks. */
    String word(int i) {
        return i < words.size() ? words.get(i) : "";
    }

    boolean is(int i, String keyword) {
        return word(i).equalsIgnoreCase(keyword);
    }

    /** The text after the first n words, spacing preserved (for banners and subject names). */
    String rest(int n) {
        int pos = 0;
        for (int w = 0; w < n; w++) {
            while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
                pos++;
            }
            while (pos < text.length() && !Character.isWhitespace(text.charAt(pos))) {
                pos++;
            }
        }
        return text.substring(pos).strip();
    }

    /** The same line with word i shown as asterisks, for lines that carry a password into messages. */
    Line redact(int i) {
        if (i >= words.size()) {
            return this;
        }
        String before = text.substring(0, text.length() - rest(i).length());
        String after = rest(i + 1);
        String shown = before + "*****" + (after.isEmpty() ? "" : " " + after);
        return new Line(number, shown, indented, words);
    }
}
