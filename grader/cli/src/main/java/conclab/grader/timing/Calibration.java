package conclab.grader.timing;

/**
 * What the grader measured of the machine before the tests, and the scale of timing bounds
 * derived from it. The tests' upper bounds are multiplied by {@code scale}: the manual factor
 * ({@code --timing-scale}) times the derived one.
 *
 * @param childJvmStartMs  time to start a trivial child JVM and read the line it prints
 * @param timerOvershootMs how late a 1 ms park woke, 90th percentile over the samples
 * @param derivedScale     from the two, against the reference machine: in [1, {@value #MAX_DERIVED}]
 * @param manualScale      {@code --timing-scale}
 * @param scale            {@code manualScale × derivedScale}, what the tests use
 * @param tookMs           what measuring cost
 * @param boundaryRoundTripMs a call's round trip from the test JVM to the submission's JVM and
 *                         back, the median of a few, measured by the first test JVM (0 before):
 *                         a few tenths of a millisecond at most, where the least slack of a
 *                         timing bound is 250 ms, so the bounds need no more for it
 */
public record Calibration(long childJvmStartMs, double timerOvershootMs, double derivedScale,
                          double manualScale, double scale, long tookMs, double boundaryRoundTripMs) {

    /**
     * A child JVM's start-up on the reference machine (this project's 2-core machine, idle), in
     * milliseconds: the typical value there (the fastest of ten was 92 ms).
     */
    public static final double REFERENCE_CHILD_JVM_START_MS = 120;

    /**
     * How much timer overshoot costs a timing test: a test waits for some ten wake-ups in a row
     * against a slack of at least 250 ms, so each millisecond of overshoot takes about 1/25 of
     * the slack.
     */
    static final double OVERSHOOT_PER_SCALE_MS = 25;

    /** The derived scale never goes past this: a machine slower than that grades wrongly anyway. */
    public static final double MAX_DERIVED = 4;

    /** The calibration from the measured values: see {@link #derive(long, double)}. */
    public static Calibration of(long childJvmStartMs, double timerOvershootMs, double manualScale,
                                 long tookMs) {
        double derived = derive(childJvmStartMs, timerOvershootMs);
        return new Calibration(childJvmStartMs, round(timerOvershootMs), derived, manualScale,
                round(manualScale * derived), tookMs, 0);
    }

    /** This, with the boundary's round trip as the first test JVM measured it. */
    public Calibration withBoundaryRoundTrip(double ms) {
        return new Calibration(childJvmStartMs, timerOvershootMs, derivedScale, manualScale, scale, tookMs,
                Math.round(ms * 1000) / 1000.0);
    }

    /**
     * {@code max(start / REFERENCE_START, 1 + overshoot / 25 ms)}, clamped to [1, 4], to two
     * decimals: a machine where a JVM starts twice as slowly as on the reference machine (CPU
     * starvation) gets bounds twice as loose, and so does one whose timer wakes 25 ms late.
     */
    static double derive(long childJvmStartMs, double timerOvershootMs) {
        double cpu = childJvmStartMs / REFERENCE_CHILD_JVM_START_MS;
        double timer = 1 + Math.max(0, timerOvershootMs) / OVERSHOOT_PER_SCALE_MS;
        return round(Math.min(MAX_DERIVED, Math.max(1, Math.max(cpu, timer))));
    }

    private static double round(double value) {
        return Math.round(value * 100) / 100.0;
    }
}
