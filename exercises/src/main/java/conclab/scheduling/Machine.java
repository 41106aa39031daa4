package conclab.scheduling;

/**
 * The computer the jobs run on: how many CPUs, and what a context switch costs. Given: you do
 * not write this. {@link Scheduler#run} checks the values.
 *
 * @param cpus          the number of CPUs, 1 or more; they share one ready queue
 * @param contextSwitch the ticks a CPU spends switching to a job before that job runs, 0 or more
 *                      (0: switching is free)
 */
public record Machine(int cpus, int contextSwitch) {

    /** One CPU, free context switches: the machine of the textbook examples. */
    public static final Machine SINGLE_CPU = new Machine(1, 0);

    /** {@code cpus} CPUs, free context switches. */
    public static Machine cpus(int cpus) {
        return new Machine(cpus, 0);
    }

    /** The same CPUs with context switches that cost {@code ticks}. */
    public Machine withContextSwitch(int ticks) {
        return new Machine(cpus, ticks);
    }

    @Override
    public String toString() {
        return cpus + (cpus == 1 ? " CPU" : " CPUs")
                + (contextSwitch == 0 ? "" : ", context switch " + contextSwitch);
    }
}
