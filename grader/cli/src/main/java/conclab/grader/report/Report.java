package conclab.grader.report;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;

/**
 * A graded submission. Version {@value #SCHEMA_VERSION} of the schema; a change that removes or
 * changes the meaning of a field raises the version.
 *
 * @param schemaVersion {@value #SCHEMA_VERSION}
 * @param status        {@code graded}; {@code invalid_submission} when there was nothing to grade;
 *                      {@code error} when the grader itself failed ({@link #message} says why)
 * @param message       why the status is not {@code graded}; null otherwise
 * @param score         points earned
 * @param maxScore      points possible
 * @param graded        what was graded, with what, under which limits
 * @param exercises     per exercise, its tests
 * @param warnings      files of the submission that were left out, and why
 * @param events        what happened to the test JVMs during the run
 */
@JsonPropertyOrder({"schemaVersion", "status", "message", "score", "maxScore", "graded",
        "exercises", "warnings", "events"})
public record Report(int schemaVersion, String status, String message, int score, int maxScore,
                     GradedWith graded, List<ExerciseResult> exercises, List<String> warnings,
                     List<RunEventRecord> events) {

    public static final int SCHEMA_VERSION = 1;

    /**
     * What was graded and how.
     *
     * @param graderVersion  the grader's version
     * @param suiteHash      SHA-256 of the test suite's jars
     * @param submission     the submission folder
     * @param submissionHash SHA-256 of the submission's sources (paths and contents)
     * @param jdk            the JDK the tests ran on
     * @param os             the operating system
     * @param startedAt      ISO-8601 instant
     * @param durationMs     wall time of the whole grading
     * @param testsMs        of which running the test classes (their set-up included), in the
     *                       test JVMs that finished; the rest is the grader's own work
     * @param limits         the limits applied
     */
    public record GradedWith(String graderVersion, String suiteHash, String submission,
                             String submissionHash, String jdk, String os, String startedAt,
                             long durationMs, long testsMs, Limits limits) {
    }

    /**
     * @param exercises      the exercises graded; empty means all
     * @param testTimeoutMs  a test's default timeout
     * @param runTimeoutMs   the bound on the whole run
     * @param timingScale    the factor applied to the upper bounds of timing tests
     * @param forkHeap       the test JVM's maximum heap
     * @param outputLimitBytes output kept per test
     */
    public record Limits(List<String> exercises, long testTimeoutMs, long runTimeoutMs,
                         double timingScale, String forkHeap, int outputLimitBytes) {
    }

    /** Something that happened during the run: a test JVM that exited or was killed, a limit hit. */
    public record RunEventRecord(String type, String detail) {
    }
}
