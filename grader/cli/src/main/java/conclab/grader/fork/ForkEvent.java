package conclab.grader.fork;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import conclab.grader.submission.CompileOutcome;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a fork tells its parent, one JSON object per line. Every event carries the run's token,
 * so that a fork started for one run cannot feed another.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
        @JsonSubTypes.Type(value = ForkEvent.Hello.class, name = "hello"),
        @JsonSubTypes.Type(value = ForkEvent.Compiled.class, name = "compiled"),
        @JsonSubTypes.Type(value = ForkEvent.Plan.class, name = "plan"),
        @JsonSubTypes.Type(value = ForkEvent.Started.class, name = "started"),
        @JsonSubTypes.Type(value = ForkEvent.Entry.class, name = "entry"),
        @JsonSubTypes.Type(value = ForkEvent.Finished.class, name = "finished"),
        @JsonSubTypes.Type(value = ForkEvent.Done.class, name = "done"),
})
public sealed interface ForkEvent {

    /** The first line on the connection: proves the fork knows the run's secret token. */
    record Hello(String token, long pid) implements ForkEvent {
    }

    /**
     * The first fork compiled the submission: what compiled, and the exercises whose tests are
     * therefore not run (their code is broken or missing).
     */
    record Compiled(CompileOutcome outcome, Set<String> excluded) implements ForkEvent {
    }

    /** Every test the fork discovered, in the order it will run them. */
    record Plan(List<PlannedTest> tests) implements ForkEvent {
    }

    /** A test began; the parent's watchdog starts its clock. */
    record Started(String id) implements ForkEvent {
    }

    /** A measurement the test published through JUnit's {@code TestReporter}. */
    record Entry(String id, Map<String, String> values) implements ForkEvent {
    }

    /** A test ended, or was skipped, or could not run because its class failed. */
    record Finished(String id, String status, long durationMs, String message, String output,
                    long outputBytes) implements ForkEvent {
    }

    /** The fork ran everything it was asked to run. */
    record Done() implements ForkEvent {
    }
}
