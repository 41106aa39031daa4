package conclab.grader;

import conclab.grader.course.Course;
import java.time.Duration;
import java.util.Set;

/**
 * What to grade and under which limits.
 *
 * @param exercises        the exercises to grade; empty means all
 * @param testTimeout      a test's default timeout (a test may declare its own)
 * @param runTimeout       the bound on the whole run of the tests
 * @param timingScale      the factor applied to the upper bounds of timing tests, at least 1
 * @param forkHeap         the test JVM's maximum heap, as for {@code -Xmx}
 * @param outputLimitBytes the output kept per test
 * @param course           the course file's assignment, whose weights apply; null for none
 * @param limits           output per run, processes, hangs per exercise
 * @param timingAttempts   the attempts a timing test gets when a measured bound fails, at least 1
 * @param sandbox          whether the test JVM and the submission's run in sandboxes
 */
public record GradeRequest(Set<String> exercises, Duration testTimeout,
                           Duration runTimeout, double timingScale, String forkHeap,
                           int outputLimitBytes, Course course,
                           conclab.grader.fork.RunLimits limits, int timingAttempts,
                           conclab.grader.sandbox.SandboxMode sandbox) {

    /** The weight of an exercise in the weighted total: the course's, or 1. */
    public double weight(String exercise) {
        return course == null ? 1 : course.weight(exercise);
    }

    /** How long past a test's timeout the parent waits before it kills the test JVM. */
    public static final Duration GRACE = Duration.ofSeconds(3);
}
