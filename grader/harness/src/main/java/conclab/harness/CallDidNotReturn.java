package conclab.harness;

import java.time.Duration;
import org.opentest4j.AssertionFailedError;

/**
 * A call into the code under test did not return within its bound: the test saw it hang. The
 * grader counts it as a hang of the exercise, like a test it had to stop itself, and replaces
 * the test JVM afterwards, since the call's thread may spin on.
 */
public class CallDidNotReturn extends AssertionFailedError {

    private static final long serialVersionUID = 1L;

    private final long boundMs;

    /**
     * @param message what was expected, what happened and what to try, for the student
     * @param bound   how long the call was given
     */
    public CallDidNotReturn(String message, Duration bound) {
        super(message);
        this.boundMs = bound.toMillis();
    }

    /** How long the call was given, in milliseconds. */
    public long boundMs() {
        return boundMs;
    }
}
