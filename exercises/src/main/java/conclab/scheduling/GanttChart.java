package conclab.scheduling;

import conclab.lab.Given;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Draws a timeline as a text Gantt chart, and a schedule's times as a table. Given: you do not
 * write this; the tests use it to show you the expected and the actual schedule one above the
 * other, and {@link Scheduler#main(String[])} prints with it.
 *
 * <p>One bar per CPU, one cell per segment, the ticks where segments begin and end underneath.
 * A running job shows its id, a context switch to job {@code C} shows {@code ~C}, idle time
 * shows {@code -}. Cells are roughly as wide as their segments are long:
 * <pre>
 * cpu0 |P1  |P2     |P3 |-|~P4|P4     |
 *      0    2       6   7 8   9       13
 * </pre>
 */
@Given
public final class GanttChart {

    private static final int TARGET_WIDTH = 72;

    private GanttChart() {
    }

    /** The chart of a schedule's timeline. */
    public static String render(Schedule schedule) {
        return render(schedule.timeline());
    }

    /** The chart of a timeline: one bar (and its ticks) per CPU, in the order of the CPUs. */
    public static String render(List<Segment> timeline) {
        if (timeline.isEmpty()) {
            return "(empty timeline)\n";
        }
        int cpus = 0;
        int end = 1;
        for (Segment segment : timeline) {
            cpus = Math.max(cpus, segment.cpu() + 1);
            end = Math.max(end, segment.end());
        }
        double charsPerTick = Math.min(2.0, (double) TARGET_WIDTH / end);
        StringBuilder chart = new StringBuilder();
        for (int cpu = 0; cpu < cpus; cpu++) {
            String name = "cpu" + cpu + " ";
            StringBuilder bar = new StringBuilder("|");
            StringBuilder ticks = new StringBuilder();
            int previousEnd = -1;
            for (Segment segment : timeline) {
                if (segment.cpu() != cpu) {
                    continue;
                }
                if (previousEnd != segment.start()) { // the first one, or a gap, or an overlap
                    pad(ticks, bar.length() - 1);
                    ticks.append(segment.start());
                }
                String label = label(segment);
                int width = Math.max(Math.max(label.length(), digits(segment.start())) + 1,
                        (int) Math.round(segment.length() * charsPerTick));
                bar.append(label);
                pad(bar, bar.length() + width - label.length() - 1);
                bar.append('|');
                pad(ticks, bar.length() - 1);
                ticks.append(segment.end());
                previousEnd = segment.end();
            }
            chart.append(name).append(bar).append('\n');
            chart.append(" ".repeat(name.length())).append(ticks).append('\n');
        }
        return chart.toString();
    }

    /**
     * Two timelines, one above the other, under their titles: how the tests show an expected
     * schedule next to yours.
     */
    public static String compare(String firstTitle, List<Segment> first, String secondTitle,
                                 List<Segment> second) {
        return firstTitle + ":\n" + render(first) + secondTitle + ":\n" + render(second);
    }

    /** The times of every job, their averages, and the CPU utilisation, as a table. */
    public static String times(Schedule schedule) {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"job", "arrival", "cpu", "io", "first run", "completion",
            "turnaround", "waiting", "response"});
        for (JobStats job : schedule.jobs()) {
            rows.add(new String[] {job.job(), "" + job.arrival(), "" + job.cpuTime(),
                "" + job.ioTime(), "" + job.firstRun(), "" + job.completion(),
                "" + job.turnaround(), "" + job.waiting(), "" + job.response()});
        }
        rows.add(new String[] {"average", "", "", "", "", "",
            format(schedule.averageTurnaround()), format(schedule.averageWaiting()),
            format(schedule.averageResponse())});
        int[] widths = new int[rows.get(0).length];
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        StringBuilder table = new StringBuilder();
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                String cell = i == 0 ? row[i] + " ".repeat(widths[i] - row[i].length())
                        : " ".repeat(widths[i] - row[i].length()) + row[i];
                table.append(i == 0 ? "" : "  ").append(cell);
            }
            table.append('\n');
        }
        table.append(String.format(Locale.ROOT, "makespan %d, CPU utilisation %.1f %%%n",
                schedule.makespan(), 100 * schedule.utilisation()));
        return table.toString();
    }

    private static String label(Segment segment) {
        return switch (segment.kind()) {
            case RUN -> String.valueOf(segment.job());
            case SWITCH -> "~" + segment.job();
            case IDLE -> "-";
        };
    }

    private static String format(double value) {
        return String.format(Locale.ROOT, "%.2f", value);
    }

    private static int digits(int value) {
        return String.valueOf(value).length();
    }

    private static void pad(StringBuilder text, int length) {
        while (text.length() < length) {
            text.append(' ');
        }
    }
}
