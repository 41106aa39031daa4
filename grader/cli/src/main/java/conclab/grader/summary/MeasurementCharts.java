package conclab.grader.summary;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the measurements that tests publish for drawing (keys documented in the README):
 * <ul>
 *   <li>{@code intervals}, or a key ending in {@code Intervals}: {@code LABEL:START-END}
 *       entries separated by {@code ;}, in milliseconds, each label {@code WHO WHAT} (the
 *       process-based tests publish the children's lives as the parent saw them, join's
 *       {@code serialIntervals} and {@code concurrentIntervals}, the harness's
 *       {@code Intervals} the {@code childIntervals} of process and ipc);</li>
 *   <li>{@code gantt} and {@code ganttExpected}: one part per CPU separated by {@code " | "},
 *       each a list of {@code JOB START-END}, {@code ~JOB START-END} (a switch to JOB) or
 *       {@code - START-END} (idle), separated by commas (the scheduling tests' notation).</li>
 * </ul>
 * A value is read leniently: a part that does not parse is left out, never an error, since a
 * report may come from a broken submission.
 */
public final class MeasurementCharts {

    /** Rows or segments drawn at most per chart: a report is not trusted to be small. */
    static final int MOST = 500;

    private static final Pattern INTERVAL = Pattern.compile("(.+):(-?\\d{1,12})-(-?\\d{1,12})");
    private static final Pattern MEASURED = Pattern.compile("(.+?)(Ms|Bytes)");
    private static final Pattern SEGMENT = Pattern.compile("(~?)(\\S+)\\s+(\\d{1,9})-(\\d{1,9})");

    private MeasurementCharts() {
    }

    /** Whether the key holds intervals. */
    public static boolean isIntervals(String key) {
        return key.equals("intervals") || key.endsWith("Intervals");
    }

    /** Whether the key holds a Gantt chart. */
    public static boolean isGantt(String key) {
        return key.equals("gantt") || key.equals("ganttExpected");
    }

    /** Whether the key is drawn as a chart rather than listed as a number. */
    public static boolean isChart(String key) {
        return isIntervals(key) || isGantt(key);
    }

    public static List<Charts.Interval> intervals(String value) {
        List<Charts.Interval> intervals = new ArrayList<>();
        for (String part : value.split(";")) {
            Matcher m = INTERVAL.matcher(part.strip());
            if (m.matches() && intervals.size() < MOST) {
                intervals.add(new Charts.Interval(m.group(1).strip(), Long.parseLong(m.group(2)),
                        Long.parseLong(m.group(3))));
            }
        }
        return intervals;
    }

    public static List<List<Charts.Segment>> gantt(String value) {
        List<List<Charts.Segment>> cpus = new ArrayList<>();
        int count = 0;
        for (String cpu : value.split("\\|")) {
            List<Charts.Segment> segments = new ArrayList<>();
            for (String part : cpu.split(",")) {
                Matcher m = SEGMENT.matcher(part.strip());
                if (m.matches() && count++ < MOST) {
                    String job = m.group(2);
                    segments.add(new Charts.Segment(job.equals("-") ? null : job,
                            !m.group(1).isEmpty(), Long.parseLong(m.group(3)),
                            Long.parseLong(m.group(4))));
                }
            }
            if (!segments.isEmpty()) {
                cpus.add(segments);
            }
        }
        return cpus;
    }

    /**
     * The pairs a test published as {@code fooMs} (a number) with {@code fooBoundMs}: the
     * measured value and the bound it was judged against, keyed by {@code fooMs}.
     */
    public static Map<String, long[]> bounded(Map<String, String> measurements) {
        Map<String, long[]> pairs = new java.util.LinkedHashMap<>();
        measurements.forEach((key, value) -> {
            Matcher m = MEASURED.matcher(key);
            if (m.matches() && !key.endsWith("Bound" + m.group(2))) {
                String bound = measurements.get(m.group(1) + "Bound" + m.group(2));
                Long measured = number(value);
                Long limit = bound == null ? null : number(bound);
                if (measured != null && limit != null) {
                    pairs.put(key, new long[] {measured, limit});
                }
            }
        });
        return pairs;
    }

    private static Long number(String text) {
        try {
            return Long.parseLong(text.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
