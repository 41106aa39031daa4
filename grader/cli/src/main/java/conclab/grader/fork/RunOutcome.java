package conclab.grader.fork;

import conclab.grader.submission.CompileOutcome;
import java.util.List;
import java.util.Map;

/**
 * What a run of the tests gave, over however many forks it took.
 *
 * @param compile      what compiling the submission gave
 * @param plan         every test discovered, in order
 * @param results      a result for each test that ran or was given one, by test id
 * @param measurements what each test published, by test id
 * @param events       what happened to the forks along the way
 * @param testsMs      how long at least one test JVM was running tests (set-up included): from
 *                     the first work it was given to its end
 * @param boundaryRoundTripMs a call's round trip to the submission's JVM, as the first fork
 *                     measured it; 0 if none did
 */
public record RunOutcome(CompileOutcome compile, List<PlannedTest> plan, Map<String, TestOutcome> results,
                         Map<String, Map<String, String>> measurements, List<RunEvent> events,
                         long testsMs, double boundaryRoundTripMs) {

    /**
     * A test's result as the run saw it; the message may be cut, {@code messageLength} is how
     * long it was; {@code attempts} is how many times it ran; {@code hint} is the hint the
     * failure carried, which fits what failed better than the test's own (null if none).
     */
    public record TestOutcome(String status, long durationMs, String message, int messageLength,
                              String output, long outputBytes, int attempts, String hint) {

        /** The outcome of a test that ran once. */
        public TestOutcome(String status, long durationMs, String message, int messageLength,
                           String output, long outputBytes) {
            this(status, durationMs, message, messageLength, output, outputBytes, 1, null);
        }

        public TestOutcome(String status, long durationMs, String message, int messageLength,
                           String output, long outputBytes, int attempts) {
            this(status, durationMs, message, messageLength, output, outputBytes, attempts, null);
        }
    }

    /** Something that happened to a fork: it exited, was killed, or the run's time was up. */
    public record RunEvent(String type, String detail) {
    }
}
