package conclab.grader.summary;

import conclab.harness.Intervals;
import java.util.List;
import java.util.Locale;

/**
 * Charts as inline SVG, drawn here so that the dashboard needs no script and no network. Every
 * label goes through {@link Html#escape}. Each chart's root has the class {@code chart} and one
 * naming its kind; its marks have classes a test (or a style) can find them by.
 */
public final class Charts {

    /** A bar of a bar chart: a label, a length between 0 and 100, the text shown beside it. */
    public record Bar(String label, double percent, String text) {
    }

    /**
     * An interval of a timeline, in milliseconds. Its label is {@code WHO WHAT}: the first word
     * says whose it is (a child, the parent), and gives its colour.
     */
    public record Interval(String label, long start, long end) {

        /** Whose interval it is: the label's first word. */
        String who() {
            return label.strip().split("\\s+", 2)[0];
        }

        /** Whether it had not ended when its test did (drawn with an open end). */
        boolean unfinished() {
            return label.endsWith(Intervals.NO_END);
        }
    }

    /** A segment of a Gantt chart: {@code job} null for idle; {@code contextSwitch} for a switch. */
    public record Segment(String job, boolean contextSwitch, long start, long end) {
    }

    private static final String[] PALETTE = {"#4e79a7", "#f28e2b", "#59a14f", "#e15759",
            "#76b7b2", "#edc948", "#b07aa1", "#ff9da7", "#9c755f", "#86bcb6"};

    private Charts() {
    }

    /** A histogram: one bar ({@code rect.bar}) per bin, its count above it, its label below. */
    public static String histogram(List<String> labels, int[] counts) {
        int width = 60 + labels.size() * 52;
        int height = 200;
        int base = 160;
        int most = 1;
        for (int count : counts) {
            most = Math.max(most, count);
        }
        StringBuilder svg = open("histogram", width, height,
                "Histogram of scores: number of submissions per score band");
        svg.append(line(40, base, width - 10, base, "axis"));
        for (int i = 0; i < labels.size(); i++) {
            int x = 48 + i * 52;
            int h = (int) Math.round(130.0 * counts[i] / most);
            svg.append(String.format(Locale.ROOT,
                    "<rect class=\"bar\" x=\"%d\" y=\"%d\" width=\"44\" height=\"%d\" data-count=\"%d\">"
                            + "<title>%s: %d</title></rect>",
                    x, base - h, Math.max(h, 0), counts[i], Html.escape(labels.get(i)), counts[i]));
            svg.append(text(x + 22, base - h - 4, "count", String.valueOf(counts[i]), "middle"));
            svg.append(text(x + 22, base + 16, "label", labels.get(i), "middle"));
        }
        svg.append(text(width / 2, base + 34, "label", "score (% of the weighted maximum)", "middle"));
        return svg.append("</svg>").toString();
    }

    /** Horizontal bars ({@code rect.bar}), one per row, on a 0 to 100 scale. */
    public static String bars(String kind, String title, List<Bar> bars) {
        int labelWidth = 200;
        int width = labelWidth + 300 + 260;
        int height = 20 + bars.size() * 24;
        StringBuilder svg = open(kind, width, height, title);
        for (int i = 0; i < bars.size(); i++) {
            Bar bar = bars.get(i);
            int y = 10 + i * 24;
            double percent = Math.max(0, Math.min(100, bar.percent()));
            svg.append(text(labelWidth - 6, y + 14, "label", bar.label(), "end"));
            svg.append(String.format(Locale.ROOT, "<rect class=\"track\" x=\"%d\" y=\"%d\" width=\"300\" height=\"18\"/>",
                    labelWidth, y));
            svg.append(String.format(Locale.ROOT,
                    "<rect class=\"bar\" x=\"%d\" y=\"%d\" width=\"%.1f\" height=\"18\"><title>%s: %s</title></rect>",
                    labelWidth, y, 3 * percent, Html.escape(bar.label()), Html.escape(bar.text())));
            svg.append(text(labelWidth + 306, y + 14, "value", bar.text(), "start"));
        }
        return svg.append("</svg>").toString();
    }

    /**
     * A timeline: one row per interval ({@code rect.interval}, also {@code unfinished} for one
     * that had not ended), on a millisecond axis from 0 to the latest end, coloured by whose it
     * is, whatever test published it.
     */
    public static String timeline(String title, List<Interval> intervals) {
        long last = 1;
        for (Interval interval : intervals) {
            last = Math.max(last, interval.end());
        }
        int labelWidth = 170;
        int plot = 520;
        int width = labelWidth + plot + 30;
        int height = 40 + intervals.size() * 20;
        StringBuilder svg = open("timeline", width, height, title);
        for (int i = 0; i < intervals.size(); i++) {
            Interval interval = intervals.get(i);
            int y = 6 + i * 20;
            double x0 = labelWidth + plot * (double) Math.max(0, interval.start()) / last;
            double x1 = labelWidth + plot * (double) Math.max(interval.start(), interval.end()) / last;
            svg.append(text(labelWidth - 6, y + 12, "label", interval.label(), "end"));
            svg.append(String.format(Locale.ROOT,
                    "<rect class=\"interval%s\" x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"14\" fill=\"%s\">"
                            + "<title>%s: %d–%d ms</title></rect>",
                    interval.unfinished() ? " unfinished" : "", x0, y, Math.max(1, x1 - x0),
                    color(interval.who()), Html.escape(interval.label()), interval.start(), interval.end()));
        }
        axis(svg, labelWidth, plot, height - 28, last, "ms");
        return svg.append("</svg>").toString();
    }

    /**
     * A Gantt chart: one row per CPU, a {@code rect.segment} per segment, coloured by job;
     * switches grey, idle time blank. Ticks are the scheduler's virtual time.
     */
    public static String gantt(String title, List<List<Segment>> cpus) {
        long last = 1;
        for (List<Segment> cpu : cpus) {
            for (Segment segment : cpu) {
                last = Math.max(last, segment.end());
            }
        }
        int labelWidth = 60;
        int plot = 600;
        int width = labelWidth + plot + 30;
        int height = 40 + cpus.size() * 30;
        StringBuilder svg = open("gantt", width, height, title);
        for (int c = 0; c < cpus.size(); c++) {
            int y = 6 + c * 30;
            svg.append(text(labelWidth - 6, y + 16, "label", "CPU" + c, "end"));
            for (Segment segment : cpus.get(c)) {
                double x0 = labelWidth + plot * (double) Math.max(0, segment.start()) / last;
                double x1 = labelWidth + plot * (double) Math.max(segment.start(), segment.end()) / last;
                String what = segment.job() == null ? "idle"
                        : (segment.contextSwitch() ? "switch to " : "") + segment.job();
                String fill = segment.job() == null ? "none"
                        : segment.contextSwitch() ? "#bbb" : color(segment.job());
                svg.append(String.format(Locale.ROOT,
                        "<rect class=\"segment%s\" x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"24\" fill=\"%s\">"
                                + "<title>%s [%d, %d)</title></rect>",
                        segment.job() == null ? " idle" : "", x0, y, Math.max(1, x1 - x0), fill,
                        Html.escape(what), segment.start(), segment.end()));
                if (segment.job() != null && !segment.contextSwitch() && x1 - x0 >= 8 * Math.min(segment.job().length(), 6)) {
                    svg.append(text((x0 + x1) / 2, y + 16, "job", segment.job(), "middle"));
                }
            }
        }
        axis(svg, labelWidth, plot, height - 28, last, "");
        return svg.append("</svg>").toString();
    }

    /** A measured value against its bound: a short bar, red past the bound. */
    public static String gauge(long value, long bound) {
        double share = bound <= 0 ? 1 : Math.min(1.5, Math.max(0, (double) value / bound));
        return String.format(Locale.ROOT,
                "<svg class=\"chart gauge\" width=\"160\" height=\"12\" viewBox=\"0 0 160 12\" role=\"img\">"
                        + "<title>%d of %d</title><rect class=\"track\" x=\"0\" y=\"2\" width=\"100\" height=\"8\"/>"
                        + "<rect class=\"bar%s\" x=\"0\" y=\"2\" width=\"%.1f\" height=\"8\"/></svg>",
                value, bound, value > bound ? " over" : "", 100 * share);
    }

    private static void axis(StringBuilder svg, int x, int plot, int y, long last, String unit) {
        svg.append(line(x, y, x + plot, y, "axis"));
        long step = niceStep(last);
        for (long t = 0; t <= last; t += step) {
            double tx = x + plot * (double) t / last;
            svg.append(line(tx, y, tx, y + 4, "axis"));
            svg.append(text(tx, y + 16, "tick", t + (t == 0 ? "" : unit.isEmpty() ? "" : " " + unit), "middle"));
        }
    }

    /** A step of 1, 2 or 5 times a power of ten that gives at most ten ticks. */
    static long niceStep(long span) {
        for (long power = 1; ; power *= 10) {
            for (long m : new long[] {1, 2, 5}) {
                if (span / (m * power) <= 10) {
                    return m * power;
                }
            }
        }
    }

    private static StringBuilder open(String kind, int width, int height, String title) {
        return new StringBuilder(String.format(Locale.ROOT,
                "<svg class=\"chart %s\" xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\""
                        + " viewBox=\"0 0 %d %d\" role=\"img\"><title>%s</title>",
                kind, width, height, width, height, Html.escape(title)));
    }

    private static String line(double x1, double y1, double x2, double y2, String css) {
        return String.format(Locale.ROOT, "<line class=\"%s\" x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\"/>",
                css, x1, y1, x2, y2);
    }

    private static String text(double x, double y, String css, String content, String anchor) {
        return String.format(Locale.ROOT, "<text class=\"%s\" x=\"%.1f\" y=\"%.1f\" text-anchor=\"%s\">%s</text>",
                css, x, y, anchor, Html.escape(content));
    }

    /** A colour per name, the same in every chart of the page. */
    static String color(String name) {
        return PALETTE[Math.floorMod(name == null ? 0 : name.hashCode(), PALETTE.length)];
    }
}
