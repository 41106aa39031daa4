package conclab.grader.report;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import conclab.grader.timing.Calibration;
import java.util.List;
import java.util.function.ToIntFunction;

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
 * @param weightedScore    the sum of each exercise's score times its weight (equal to
 *                         {@code score} unless a course file gives weights); what gradebooks and
 *                         the other formats show
 * @param weightedMaxScore the same for {@code maxScore}
 * @param graded        what was graded, with what, under which limits
 * @param exercises     per exercise, its tests
 * @param warnings      files of the submission that were left out, and why
 * @param events        what happened to the test JVMs during the run
 */
@JsonPropertyOrder({"schemaVersion", "status", "message", "score", "maxScore", "weightedScore",
        "weightedMaxScore", "graded", "exercises", "warnings", "events"})
public record Report(int schemaVersion, String status, String message, int score, int maxScore,
                     double weightedScore, double weightedMaxScore, GradedWith graded, List<ExerciseResult> exercises, List<String> warnings,
                     List<RunEventRecord> events) {

    public static final int SCHEMA_VERSION = 1;

    /** This report with one more event at the end. */
    public Report withEvent(RunEventRecord event) {
        List<RunEventRecord> all = new java.util.ArrayList<>(events);
        all.add(event);
        return withEvents(List.copyOf(all));
    }

    /** This report with these events instead of its own. */
    public Report withEvents(List<RunEventRecord> events) {
        return new Report(schemaVersion, status, message, score, maxScore, weightedScore, weightedMaxScore,
                graded, exercises, warnings, events);
    }

    /** This report with these exercises instead of its own; the totals are left as they are. */
    public Report withExercises(List<ExerciseResult> exercises) {
        return new Report(schemaVersion, status, message, score, maxScore, weightedScore, weightedMaxScore,
                graded, exercises, warnings, events);
    }

    /** This report with {@code graded} instead of its own. */
    public Report withGraded(GradedWith graded) {
        return new Report(schemaVersion, status, message, score, maxScore, weightedScore, weightedMaxScore,
                graded, exercises, warnings, events);
    }

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
     * @param course         the course file's course and assignment; null when none was given
     * @param student        who the submission is from, as a roster says; null when unknown
     * @param commit         the git commit graded, when the submission is a git repository
     *                       graded at a deadline; null otherwise
     * @param calibration    what was measured of the machine before the tests, and the scale of
     *                       timing bounds derived from it; null when the tests did not run
     * @param sandbox        what the test JVM and the submission's JVM ran in, e.g.
     *                       {@code bubblewrap 0.8.0: pid, mount, net, user, ipc, uts}, or {@code none}
     * @param graderHash     the SHA-256 of the grader's jar, as its build fixed it
     */
    public record GradedWith(String graderVersion, String suiteHash, String submission,
                             String submissionHash, String jdk, String os, String startedAt,
                             long durationMs, long testsMs, Limits limits, CourseRef course,
                             StudentRef student, String commit, Calibration calibration,
                             String sandbox, String graderHash) {

        /** This with another submission folder, student and commit: where and whose it was. */
        public GradedWith withOrigin(String submission, StudentRef student, String commit) {
            return new GradedWith(graderVersion, suiteHash, submission, submissionHash, jdk, os, startedAt,
                    durationMs, testsMs, limits, course, student, commit, calibration, sandbox, graderHash);
        }
    }

    /** A student as a roster names them. */
    public record StudentRef(String id, String name) {
    }

    /** The course file a submission was graded under (its weights are on the exercises). */
    public record CourseRef(String course, String assignment) {
    }

    /** The report of a run that graded these exercises, with its totals computed from them. */
    public static Report graded(GradedWith graded, List<ExerciseResult> exercises,
                                List<String> warnings, List<RunEventRecord> events) {
        return new Report(SCHEMA_VERSION, "graded", null,
                exercises.stream().mapToInt(ExerciseResult::score).sum(),
                exercises.stream().mapToInt(ExerciseResult::maxScore).sum(),
                weighted(exercises, ExerciseResult::score), weighted(exercises, ExerciseResult::maxScore),
                graded, exercises, warnings, events);
    }

    /** The report of a run that graded nothing: the status and message say why. */
    public static Report ungraded(String status, String message, GradedWith graded) {
        return new Report(SCHEMA_VERSION, status, message, 0, 0, 0, 0, graded, List.of(), List.of(), List.of());
    }

    private static double weighted(List<ExerciseResult> exercises, ToIntFunction<ExerciseResult> points) {
        double sum = exercises.stream().mapToDouble(e -> points.applyAsInt(e) * e.weight()).sum();
        // two decimals: enough for a gradebook, and the same in every run
        return Math.round(sum * 100) / 100.0;
    }

    /**
     * @param exercises      the exercises graded; empty means all
     * @param testTimeoutMs  a test's default timeout
     * @param runTimeoutMs   the bound on the whole run
     * @param timingScale    the manual factor applied to the upper bounds of timing tests
     *                       ({@code --timing-scale}; the calibration multiplies it)
     * @param forkHeap       the test JVM's maximum heap
     * @param outputLimitBytes output kept per test
     * @param timingAttempts the attempts a timing test gets when a measured bound fails
     * @param runOutputLimitBytes output kept over the whole run
     * @param maxProcesses   processes the run may have alive at once
     * @param hangsPerExercise tests of an exercise that may hang before it gives up the rest
     * @param testJvms       test JVMs that ran the tests at once
     */
    public record Limits(List<String> exercises, long testTimeoutMs, long runTimeoutMs,
                         double timingScale, String forkHeap, int outputLimitBytes,
                         int timingAttempts, long runOutputLimitBytes, int maxProcesses,
                         int hangsPerExercise, int testJvms) {
    }

    /** Something that happened during the run: a test JVM that exited or was killed, a limit hit. */
    public record RunEventRecord(String type, String detail) {
    }
}
