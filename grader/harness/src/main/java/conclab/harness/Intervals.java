package conclab.harness;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * What a test saw happen over time, on its own clock: the lives of the child processes it (or
 * the code under test) started, and the parent's calls that waited for them. Published after the
 * test as one measurement ({@link MeasurementLog}), passed or failed, for the instructors'
 * dashboard to draw as a timeline: {@code LABEL:START-END} entries joined by {@code ;}, in
 * milliseconds since the test began.
 *
 * <p>A label is {@code WHO WHAT}: {@code WHO} is one word (a child, {@code parent}), and the
 * dashboard draws everything of one {@code WHO} in one colour. An interval that has begun but not
 * ended when the test ends (a child not seen to end, a call that failed or never returned) is
 * published as lasting until then, its label ending in {@value #NO_END}.
 *
 * <p>Noting never fails and never waits: it runs beside the assertions and must not change a
 * verdict. Safe to call from any thread (a child's exit is seen on one of the JDK's).
 */
public final class Intervals {

    /**
     * The key of the children's lives as the test's JVM (their parent) saw them, and of the
     * parent's calls that waited for them.
     */
    public static final String CHILDREN = "childIntervals";

    /** The end of the label of an interval still open when the test ended. */
    public static final String NO_END = " (unfinished)";

    /** Intervals kept at most: a report keeps a test's measurements small. */
    static final int MOST = 40;

    private record Interval(String label, long start, long end) {
    }

    private final long origin;
    private final List<Interval> intervals = new ArrayList<>();

    private Intervals(long origin) {
        this.origin = origin;
    }

    /** The intervals noted under {@code key} in the running test: made at the first call. */
    public static Intervals of(String key) {
        return MeasurementLog.noted(key, Intervals.class,
                () -> new Intervals(MeasurementLog.testStartNanos()));
    }

    /** An interval of {@code who} begins now. */
    public void begin(String who, String what) {
        begin(who, what, System.nanoTime());
    }

    /**
     * An interval of {@code who} began at {@code nanoTime} ({@link System#nanoTime()}): noted
     * once the test knows it did, e.g. a child's life once the call that launched it returned.
     */
    public synchronized void begin(String who, String what, long nanoTime) {
        if (intervals.size() < MOST) {
            intervals.add(new Interval(label(who, what), nanoTime, -1));
        }
    }

    /** The earliest interval of {@code who} and {@code what} still open ends now; none is open: nothing. */
    public synchronized void end(String who, String what) {
        String label = label(who, what);
        for (int i = 0; i < intervals.size(); i++) {
            Interval interval = intervals.get(i);
            if (interval.end() < 0 && interval.label().equals(label)) {
                intervals.set(i, new Interval(label, interval.start(), System.nanoTime()));
                return;
            }
        }
    }

    /** The intervals as published, open ones lasting until now. */
    @Override
    public synchronized String toString() {
        long now = System.nanoTime();
        StringBuilder text = new StringBuilder();
        for (Interval interval : intervals) {
            boolean open = interval.end() < 0;
            text.append(text.length() == 0 ? "" : ";").append(interval.label())
                    .append(open ? NO_END : "").append(':').append(millis(interval.start()))
                    .append('-').append(millis(open ? now : interval.end()));
        }
        return text.toString();
    }

    private long millis(long nanos) {
        return Math.max(0, TimeUnit.NANOSECONDS.toMillis(nanos - origin));
    }

    /** {@code WHO WHAT}, with {@code WHO} one word and nothing that would split the entries. */
    private static String label(String who, String what) {
        return String.valueOf(who).strip().replaceAll("[\\s;:]+", "_") + " "
                + String.valueOf(what).strip().replaceAll("[;\\r\\n]", ",");
    }
}
