package conclab.grader.fork;

/**
 * The limits that keep a hostile submission's run bounded, beyond the per-test timeout and the
 * run's time bound.
 *
 * @param runOutputBytes   output kept over the whole run (on top of the per-test limit); past
 *                         it, a test's output is only counted, and a marker says so
 * @param maxProcesses     processes the run may have alive at once (its forks and all they
 *                         started); past it, the test JVM is killed with all of them
 * @param hangsPerExercise tests of one exercise that may run past their timeout before the
 *                         exercise gives up its remaining tests
 * @param testJvms         test JVMs (each with a submission's JVM of its own) that may run the
 *                         tests at once; only a sandbox that gives each a work folder of its own
 *                         lets more than one run
 */
public record RunLimits(long runOutputBytes, int maxProcesses, int hangsPerExercise, int testJvms) {

    public static final long DEFAULT_RUN_OUTPUT_BYTES = 1 << 20;
    public static final int DEFAULT_MAX_PROCESSES = 200;
    public static final int DEFAULT_HANGS_PER_EXERCISE = 2;
    /**
     * One, for now: three side by side halve a reference grading, but beside the child JVMs that
     * other exercises' tests start, async's timing tests failed twice in 282 fixture checks
     * (CI, 6 Dec 2026); until every timing test holds beside them, side by side is asked for.
     */
    public static final int DEFAULT_TEST_JVMS = 1;

    public static final RunLimits DEFAULTS = new RunLimits(DEFAULT_RUN_OUTPUT_BYTES,
            DEFAULT_MAX_PROCESSES, DEFAULT_HANGS_PER_EXERCISE, DEFAULT_TEST_JVMS);
}
