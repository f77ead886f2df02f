package org.mcalab.reports.html;

import static org.mcalab.reports.XmlText.escape;

import java.util.ArrayList;
import java.util.List;

/**
 * Inline SVG charts for the report, written by hand so the page needs no script and no fetch. Output is
 * a pure function of the input (fixed precision, no ids, no time), so equal runs give equal bytes.
 * Colours come from CSS classes of the page ({@code fill-pass}, {@code chart-line}...).
 */
final class SvgChart {

    /** One stretch of the status bar. */
    record Segment(String label, long count, String cssClass) {}

    /** One bar of a bar chart. */
    record Bar(String label, double value) {}

    private static final int W = 720;
    private static final int H = 260;
    private static final int LEFT = 64;
    private static final int RIGHT = 20;
    private static final int TOP = 34;
    private static final int BOTTOM = 46;

    private SvgChart() {}

    /** Horizontal stacked bar of scenario counts per status; zero counts take no room. */
    static String statusBar(List<Segment> segments) {
        long total = segments.stream().mapToLong(Segment::count).sum();
        StringBuilder svg = new StringBuilder();
        svg.append("<svg class=\"statusbar\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 1000 24\" preserveAspectRatio=\"none\" role=\"img\" aria-label=\"")
                .append(escape(ariaCounts(segments))).append("\">");
        if (total == 0) {
            svg.append("<rect class=\"fill-empty\" x=\"0\" y=\"0\" width=\"1000\" height=\"24\"/>");
        }
        double x = 0;
        for (Segment s : segments) {
            if (s.count() <= 0) {
                continue;
            }
            double w = 1000.0 * s.count() / total;
            svg.append("<rect class=\"").append(escape(s.cssClass())).append("\" x=\"").append(Fmt.coord(x))
                    .append("\" y=\"0\" width=\"").append(Fmt.coord(w)).append("\" height=\"24\"><title>")
                    .append(escape(s.label() + ": " + s.count())).append("</title></rect>");
            x += w;
        }
        return svg.append("</svg>").toString();
    }

    private static String ariaCounts(List<Segment> segments) {
        List<String> parts = new ArrayList<>();
        segments.forEach(s -> parts.add(s.label() + " " + s.count()));
        return String.join(", ", parts);
    }

    /** A time series: x in seconds, y in {@code unit}. Points that are not finite are left out. */
    static String lineChart(String title, String unit, List<double[]> points) {
        List<double[]> pts = new ArrayList<>();
        for (double[] p : points) {
            if (p != null && p.length >= 2 && Double.isFinite(p[0]) && Double.isFinite(p[1])) {
                pts.add(p);
            }
        }
        pts.sort((a, b) -> Double.compare(a[0], b[0]));
        double minX = pts.isEmpty() ? 0 : pts.get(0)[0];
        double maxX = pts.isEmpty() ? 1 : pts.get(pts.size() - 1)[0];
        if (maxX <= minX) {
            maxX = minX + 1;
        }
        double maxY = 0;
        for (double[] p : pts) {
            maxY = Math.max(maxY, p[1]);
        }
        Scale y = Scale.of(0, maxY);
        Scale x = Scale.of(minX, maxX);

        StringBuilder svg = open(title);
        axes(svg, x, y, "time (s)", unit);
        if (!pts.isEmpty()) {
            StringBuilder line = new StringBuilder();
            for (double[] p : pts) {
                line.append(line.isEmpty() ? "" : " ").append(Fmt.coord(px(x, p[0]))).append(',').append(Fmt.coord(py(y, p[1])));
            }
            String first = Fmt.coord(px(x, pts.get(0)[0]));
            String last = Fmt.coord(px(x, pts.get(pts.size() - 1)[0]));
            String base = Fmt.coord(py(y, 0));
            svg.append("<polygon class=\"chart-area\" points=\"").append(first).append(',').append(base).append(' ')
                    .append(line).append(' ').append(last).append(',').append(base).append("\"/>");
            svg.append("<polyline class=\"chart-line\" fill=\"none\" points=\"").append(line).append("\"/>");
            if (pts.size() <= 60) {
                for (double[] p : pts) {
                    svg.append("<circle class=\"chart-dot\" cx=\"").append(Fmt.coord(px(x, p[0]))).append("\" cy=\"")
                            .append(Fmt.coord(py(y, p[1]))).append("\" r=\"2.5\"><title>")
                            .append(escape(Fmt.number(p[0]) + " s: " + Fmt.number(p[1]) + " " + unit)).append("</title></circle>");
                }
            }
        } else {
            svg.append("<text class=\"chart-note\" x=\"").append(W / 2).append("\" y=\"").append(H / 2)
                    .append("\" text-anchor=\"middle\">no data points</text>");
        }
        return svg.append("</svg>").toString();
    }

    /** Vertical bars with their value on top, e.g. latency percentiles in ms. */
    static String barChart(String title, String unit, List<Bar> bars) {
        double max = 0;
        for (Bar b : bars) {
            if (Double.isFinite(b.value())) {
                max = Math.max(max, b.value());
            }
        }
        Scale y = Scale.of(0, max);
        StringBuilder svg = open(title);
        axes(svg, null, y, null, unit);
        int n = Math.max(1, bars.size());
        double slot = (double) (W - LEFT - RIGHT) / n;
        double width = Math.min(72, slot * 0.6);
        for (int i = 0; i < bars.size(); i++) {
            Bar b = bars.get(i);
            double v = Double.isFinite(b.value()) ? Math.max(0, b.value()) : 0;
            double cx = LEFT + slot * i + slot / 2;
            double top = py(y, v);
            svg.append("<rect class=\"chart-bar\" x=\"").append(Fmt.coord(cx - width / 2)).append("\" y=\"").append(Fmt.coord(top))
                    .append("\" width=\"").append(Fmt.coord(width)).append("\" height=\"").append(Fmt.coord(H - BOTTOM - top))
                    .append("\"><title>").append(escape(b.label() + ": " + Fmt.number(b.value()) + " " + unit)).append("</title></rect>");
            svg.append("<text class=\"chart-value\" x=\"").append(Fmt.coord(cx)).append("\" y=\"").append(Fmt.coord(top - 6))
                    .append("\" text-anchor=\"middle\">").append(escape(Fmt.number(b.value()))).append("</text>");
            svg.append("<text class=\"chart-label\" x=\"").append(Fmt.coord(cx)).append("\" y=\"").append(H - BOTTOM + 18)
                    .append("\" text-anchor=\"middle\">").append(escape(b.label())).append("</text>");
        }
        return svg.append("</svg>").toString();
    }

    private static StringBuilder open(String title) {
        StringBuilder svg = new StringBuilder(2048);
        svg.append("<svg class=\"chart\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 ").append(W).append(' ').append(H)
                .append("\" role=\"img\" aria-label=\"").append(escape(title)).append("\">");
        svg.append("<text class=\"chart-title\" x=\"").append(LEFT).append("\" y=\"20\">").append(escape(title)).append("</text>");
        return svg;
    }

    private static void axes(StringBuilder svg, Scale x, Scale y, String xLabel, String yUnit) {
        int bottom = H - BOTTOM;
        for (double v : y.ticks()) {
            String yy = Fmt.coord(py(y, v));
            svg.append("<line class=\"chart-grid\" x1=\"").append(LEFT).append("\" x2=\"").append(W - RIGHT)
                    .append("\" y1=\"").append(yy).append("\" y2=\"").append(yy).append("\"/>");
            svg.append("<text class=\"chart-tick\" x=\"").append(LEFT - 8).append("\" y=\"").append(Fmt.coord(py(y, v) + 4))
                    .append("\" text-anchor=\"end\">").append(escape(Fmt.number(v))).append("</text>");
        }
        if (x != null) {
            for (double v : x.ticks()) {
                String xx = Fmt.coord(px(x, v));
                svg.append("<line class=\"chart-grid\" x1=\"").append(xx).append("\" x2=\"").append(xx)
                        .append("\" y1=\"").append(TOP).append("\" y2=\"").append(bottom).append("\"/>");
                svg.append("<text class=\"chart-tick\" x=\"").append(xx).append("\" y=\"").append(bottom + 16)
                        .append("\" text-anchor=\"middle\">").append(escape(Fmt.number(v))).append("</text>");
            }
        }
        svg.append("<line class=\"chart-axis\" x1=\"").append(LEFT).append("\" x2=\"").append(W - RIGHT)
                .append("\" y1=\"").append(bottom).append("\" y2=\"").append(bottom).append("\"/>");
        svg.append("<line class=\"chart-axis\" x1=\"").append(LEFT).append("\" x2=\"").append(LEFT)
                .append("\" y1=\"").append(TOP).append("\" y2=\"").append(bottom).append("\"/>");
        if (xLabel != null) {
            svg.append("<text class=\"chart-axis-label\" x=\"").append(W - RIGHT).append("\" y=\"").append(H - 8)
                    .append("\" text-anchor=\"end\">").append(escape(xLabel)).append("</text>");
        }
        if (yUnit != null && !yUnit.isBlank()) {
            svg.append("<text class=\"chart-axis-label\" x=\"").append(W - RIGHT).append("\" y=\"20\" text-anchor=\"end\">")
                    .append(escape(yUnit)).append("</text>");
        }
    }

    private static double px(Scale x, double v) {
        return LEFT + (v - x.min()) / (x.max() - x.min()) * (W - LEFT - RIGHT);
    }

    private static double py(Scale y, double v) {
        return (H - BOTTOM) - (v - y.min()) / (y.max() - y.min()) * (H - BOTTOM - TOP);
    }

    /** An axis range widened to round numbers (steps of 1, 2 or 5 times a power of ten). */
    record Scale(double min, double max, double step) {
        static Scale of(double lo, double hi) {
            if (!(hi > lo)) {
                hi = lo + 1;
            }
            double raw = (hi - lo) / 5;
            double magnitude = Math.pow(10, Math.floor(Math.log10(raw)));
            double step = magnitude;
            for (double m : new double[] {1, 2, 5, 10}) {
                if (m * magnitude >= raw) {
                    step = m * magnitude;
                    break;
                }
            }
            double min = Math.floor(lo / step) * step;
            double max = Math.ceil(hi / step) * step;
            return new Scale(min, max, step);
        }

        List<Double> ticks() {
            List<Double> ticks = new ArrayList<>();
            long n = Math.round((max - min) / step);
            for (long i = 0; i <= n; i++) {
                ticks.add(min + i * step);
            }
            return ticks;
        }
    }
}
