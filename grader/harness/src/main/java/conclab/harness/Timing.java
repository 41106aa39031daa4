package conclab.harness;

import java.time.Duration;

/**
 * Bounds for tests that judge time. Lower bounds are exact (a sleep or a socket timeout never
 * ends early); upper bounds are loose and multiplied by the machine's scale, so that a correct
 * solution passes on a busy machine while a wrong one (no timeout at all, a serial loop) still
 * lands far outside.
 *
 * <p>The scale is the system property {@value #SCALE_PROPERTY} (default 1.0). The grader sets
 * it and records it in the report.
 */
public final class Timing {

    /** System property holding the factor applied to every upper bound; at least 1. */
    public static final String SCALE_PROPERTY = "conclab.timing.scale";

    /**
     * System property holding how many attempts a {@link TimingTest} gets in all (default
     * {@value #DEFAULT_ATTEMPTS}); at least 1.
     */
    public static final String ATTEMPTS_PROPERTY = "conclab.timing.attempts";

    /** Attempts of a {@link TimingTest} when {@value #ATTEMPTS_PROPERTY} is not set. */
    public static final int DEFAULT_ATTEMPTS = 3;

    private static final Duration MIN_SLACK = Duration.ofMillis(250);

    private Timing() {
    }

    /**
     * The factor applied to upper bounds on this machine, read from {@value #SCALE_PROPERTY} once,
     * at the first call: code under test that sets the property later changes nothing.
     */
    public static double scale() {
        return Scale.VALUE;
    }

    /**
     * The latest acceptable duration of something expected to take {@code expected}:
     * {@code max(3 × expected, expected + 250 ms)}, times {@link #scale()}.
     */
    public static Duration upperBound(Duration expected) {
        return upperBound(expected, scale());
    }

    static Duration upperBound(Duration expected, double scale) {
        Duration loose = max(expected.multipliedBy(3), expected.plus(MIN_SLACK));
        return Duration.ofNanos(Math.round(loose.toNanos() * scale));
    }

    /**
     * How many attempts a {@link TimingTest} gets in all, read from {@value #ATTEMPTS_PROPERTY}
     * once, like {@link #scale()}.
     */
    public static int attempts() {
        return Scale.ATTEMPTS;
    }

    /**
     * Fails with {@link TimingBoundExceeded} if {@code measured} is longer than {@code bound}:
     * "{@code what} took N ms; expected at most M ms.", then {@code advice}, in the student's
     * language ({@code timing.tooLong} of the harness's {@link Messages}: pass {@code what} and
     * {@code advice} in that language too).
     *
     * @param what   what was timed, e.g. {@code "join(200 ms)"}
     * @param advice what a correct solution does, for the student
     */
    public static void assertWithin(Duration measured, Duration bound, String what, String advice) {
        if (measured.compareTo(bound) > 0) {
            throw new TimingBoundExceeded(Messages.get("timing.tooLong", what, measured.toMillis(),
                    bound.toMillis(), advice), measured, bound);
        }
    }

    static int parseAttempts(String value) {
        try {
            int attempts = Integer.parseInt(value.trim());
            if (attempts >= 1) {
                return attempts;
            }
        } catch (NumberFormatException e) {
            // fall through to the error below
        }
        throw new IllegalStateException(ATTEMPTS_PROPERTY + " must be a whole number of at least 1, not '"
                + value + "'");
    }

    static double parseScale(String value) {
        try {
            double scale = Double.parseDouble(value);
            if (scale >= 1 && Double.isFinite(scale)) {
                return scale;
            }
        } catch (NumberFormatException e) {
            // fall through to the error below
        }
        throw new IllegalStateException(SCALE_PROPERTY + " must be a number of at least 1, not '"
                + value + "'");
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    private static final class Scale {
        static final double VALUE = parseScale(System.getProperty(SCALE_PROPERTY, "1"));
        static final int ATTEMPTS = parseAttempts(System.getProperty(ATTEMPTS_PROPERTY,
                String.valueOf(DEFAULT_ATTEMPTS)));
    }
}
