package org.mcalab.reports.html;

import java.math.BigDecimal;
import java.util.Locale;

/** Number and duration wording for the report: locale-independent so every machine prints the same bytes. */
final class Fmt {

    private Fmt() {}

    /** 3 significant-ish digits without trailing zeros: 412, 41.2, 4.12, 0.125; thousands separated by a thin space. */
    static String number(double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            return String.valueOf(v);
        }
        double a = Math.abs(v);
        String s;
        if (a >= 100 || a == Math.rint(a)) {
            s = String.format(Locale.ROOT, "%.0f", v);
        } else if (a >= 10) {
            s = trim(String.format(Locale.ROOT, "%.1f", v));
        } else if (a >= 0.01) {
            s = trim(String.format(Locale.ROOT, "%.2f", v));
        } else {
            s = trim(String.format(Locale.ROOT, "%.4f", v));
        }
        return "-0".equals(s) ? "0" : groupThousands(s);
    }

    /** Coordinates in SVG: one decimal, no trailing ".0". */
    static String coord(double v) {
        String s = trim(String.format(Locale.ROOT, "%.1f", v));
        return "-0".equals(s) ? "0" : s;
    }

    static String millis(long ms) {
        if (ms < 1000) {
            return ms + " ms";
        }
        if (ms < 60_000) {
            return String.format(Locale.ROOT, "%.2f s", ms / 1000.0);
        }
        long minutes = ms / 60_000;
        return String.format(Locale.ROOT, "%d min %02d s", minutes, (ms % 60_000) / 1000);
    }

    private static String trim(String s) {
        if (!s.contains(".")) {
            return s;
        }
        return new BigDecimal(s).stripTrailingZeros().toPlainString();
    }

    private static String groupThousands(String s) {
        int dot = s.indexOf('.');
        String whole = dot < 0 ? s : s.substring(0, dot);
        String rest = dot < 0 ? "" : s.substring(dot);
        boolean negative = whole.startsWith("-");
        String digits = negative ? whole.substring(1) : whole;
        if (digits.length() <= 4) {
            return s;
        }
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < digits.length(); i++) {
            if (i > 0 && (digits.length() - i) % 3 == 0) {
                b.append('\u2009');
            }
            b.append(digits.charAt(i));
        }
        return (negative ? "-" : "") + b + rest;
    }
}
