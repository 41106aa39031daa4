package conclab.grader.fork;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import conclab.grader.submission.CompileOutcome;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a fork tells its parent, one JSON object per line, on the fork's standard output.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
        @JsonSubTypes.Type(value = ForkEvent.Compiled.class, name = "compiled"),
        @JsonSubTypes.Type(value = ForkEvent.Plan.class, name = "plan"),
        @JsonSubTypes.Type(value = ForkEvent.Started.class, name = "started"),
        @JsonSubTypes.Type(value = ForkEvent.Entry.class, name = "entry"),
        @JsonSubTypes.Type(value = ForkEvent.Waiting.class, name = "waiting"),
        @JsonSubTypes.Type(value = ForkEvent.Finished.class, name = "finished"),
        @JsonSubTypes.Type(value = ForkEvent.Done.class, name = "done"),
        @JsonSubTypes.Type(value = ForkEvent.ExecutorEnded.class, name = "executor_ended"),
        @JsonSubTypes.Type(value = ForkEvent.Boundary.class, name = "boundary"),
        @JsonSubTypes.Type(value = ForkEvent.Idle.class, name = "idle"),
})
public sealed interface ForkEvent {

    /**
     * The first fork compiled the submission: what compiled, and the exercises whose tests are
     * therefore not run (their code is broken or missing).
     */
    record Compiled(CompileOutcome outcome, Set<String> excluded) implements ForkEvent {
    }

    /** Every test of the graded exercises, in the suite's order: the first fork's. */
    record Plan(List<PlannedTest> tests) implements ForkEvent {
    }

    /**
     * The fork is ready for work: it ran what it was last given, or is ready to begin. The parent
     * answers with the next tests to run, or with none, which ends the fork.
     */
    record Idle() implements ForkEvent {
    }

    /**
     * A test began, or one of its invocations did (a repeated or parameterized test): the
     * parent's watchdog starts the test's clock again.
     */
    record Started(String id) implements ForkEvent {
    }

    /** A measurement the test published through JUnit's {@code TestReporter}. */
    record Entry(String id, Map<String, String> values) implements ForkEvent {
    }

    /**
     * The running test began a wait with a bound of its own ({@code conclab.harness.BoundedWait}):
     * the parent lets it run until that wait is over, though never past its declared timeout.
     */
    record Waiting(long boundMs) implements ForkEvent {
    }

    /**
     * A test ended, or was skipped, or could not run because its class failed. The message is
     * cut to {@link #MESSAGE_LIMIT} characters, {@code messageLength} telling how long it was.
     * {@code attempts} is how many times it ran: more than 1 for a timing test that went past a
     * bound and was tried again. {@code hint} is the hint the failure carries (the one that fits
     * what failed, {@code conclab.harness.FailureHint}); null if it carries none.
     */
    record Finished(String id, String status, long durationMs, String message, int messageLength,
                    String output, long outputBytes, int attempts, String hint) implements ForkEvent {

        public Finished(String id, String status, long durationMs, String message, int messageLength,
                        String output, long outputBytes, int attempts) {
            this(id, status, durationMs, message, messageLength, output, outputBytes, attempts, null);
        }

        /** Longest failure message sent, in characters. */
        public static final int MESSAGE_LIMIT = 4000;
    }

    /**
     * The fork ran everything it was given and was given nothing more. {@code leftovers}
     * processes the submission started were still running; they end with its JVM (and, in a
     * sandbox, with its PID namespace).
     */
    record Done(long leftovers) implements ForkEvent {
    }

    /**
     * The submission's JVM ended before the tests were done, with {@code status}; {@code output}
     * is the last of what it printed outside the boundary. The test JVM ends right after.
     */
    record ExecutorEnded(int status, String output) implements ForkEvent {
    }

    /** The submission's JVM is connected; a call there and back took {@code roundTripMicros} (median). */
    record Boundary(long roundTripMicros) implements ForkEvent {
    }
}
