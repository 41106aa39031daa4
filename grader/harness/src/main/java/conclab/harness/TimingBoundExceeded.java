package conclab.harness;

import java.time.Duration;
import org.opentest4j.AssertionFailedError;

/**
 * A measured duration went past its upper bound: the one failure of a {@link TimingTest} that
 * earns it another attempt, because a busy machine can cause it. A wrong value, an exception or
 * a timeout is never retried.
 */
public class TimingBoundExceeded extends AssertionFailedError {

    private static final long serialVersionUID = 1L;

    private final long measuredMs;
    private final long boundMs;

    /**
     * @param message  what was expected, what happened and what to try, for the student
     * @param measured the duration measured
     * @param bound    the upper bound it went past
     */
    public TimingBoundExceeded(String message, Duration measured, Duration bound) {
        super(message);
        this.measuredMs = measured.toMillis();
        this.boundMs = bound.toMillis();
    }

    /** The duration measured, in milliseconds. */
    public long measuredMs() {
        return measuredMs;
    }

    /** The bound it went past, in milliseconds. */
    public long boundMs() {
        return boundMs;
    }
}
