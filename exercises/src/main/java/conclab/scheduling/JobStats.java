package conclab.scheduling;

/**
 * What happened to one job in a schedule. Given: you do not write this; {@link Scheduler#run}
 * fills in {@code firstRun} and {@code completion}, the rest follows from them.
 *
 * @param job        the job's id
 * @param arrival    when it arrived (from the {@link Job})
 * @param cpuTime    the CPU ticks it needed (from the {@link Job}: {@link Job#cpuTime()})
 * @param ioTime     the I/O ticks it spent (from the {@link Job}: {@link Job#ioTime()})
 * @param firstRun   the first tick at which it ran (a {@link Segment.Kind#RUN} segment of it
 *                   starts here; a context switch to it does not count)
 * @param completion the tick at which its last CPU burst ended
 */
public record JobStats(String job, int arrival, int cpuTime, int ioTime, int firstRun,
                       int completion) {

    /** Turnaround time: from arrival to completion, {@code completion - arrival}. */
    public int turnaround() {
        return completion - arrival;
    }

    /**
     * Waiting time: the part of the turnaround spent neither on the CPU nor in I/O, that is,
     * waiting in the ready queue (and being switched in): {@code turnaround - cpuTime - ioTime}.
     */
    public int waiting() {
        return turnaround() - cpuTime - ioTime;
    }

    /** Response time: from arrival to the first moment on the CPU, {@code firstRun - arrival}. */
    public int response() {
        return firstRun - arrival;
    }
}
