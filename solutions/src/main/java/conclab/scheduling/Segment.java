package conclab.scheduling;

/**
 * A stretch of time on one CPU: from tick {@code start} (included) to tick {@code end}
 * (excluded), the CPU ran a job, switched to a job, or was idle. Given: you do not write this.
 *
 * <p>A {@link Schedule}'s timeline is a list of these; {@link GanttChart} draws it.
 *
 * @param cpu   the CPU, numbered from 0
 * @param kind  what the CPU did
 * @param job   the job's id for {@link Kind#RUN} and {@link Kind#SWITCH} (the job being switched
 *              to), {@code null} for {@link Kind#IDLE}
 * @param start the first tick, included
 * @param end   the tick where it stopped, excluded; {@code end > start}
 */
public record Segment(int cpu, Kind kind, String job, int start, int end) {

    /** What a CPU does during a segment. */
    public enum Kind {
        /** It executes the job's instructions: the job makes progress on its CPU burst. */
        RUN,
        /** It saves one job's state and loads the next one's (a context switch): nobody progresses. */
        SWITCH,
        /** It has nothing to do. */
        IDLE
    }

    /** {@code job} runs on {@code cpu} from {@code start} to {@code end}. */
    public static Segment run(int cpu, String job, int start, int end) {
        return new Segment(cpu, Kind.RUN, job, start, end);
    }

    /** {@code cpu} switches to {@code job} from {@code start} to {@code end}. */
    public static Segment contextSwitch(int cpu, String job, int start, int end) {
        return new Segment(cpu, Kind.SWITCH, job, start, end);
    }

    /** {@code cpu} is idle from {@code start} to {@code end}. */
    public static Segment idle(int cpu, int start, int end) {
        return new Segment(cpu, Kind.IDLE, null, start, end);
    }

    /** The number of ticks: {@code end - start}. */
    public int length() {
        return end - start;
    }

    @Override
    public String toString() {
        String what = switch (kind) {
            case RUN -> job;
            case SWITCH -> "switch to " + job;
            case IDLE -> "idle";
        };
        return "cpu" + cpu + " " + what + " [" + start + "," + end + ")";
    }
}
