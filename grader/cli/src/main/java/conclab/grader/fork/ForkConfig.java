package conclab.grader.fork;

import java.util.List;
import java.util.Set;

/**
 * What the parent asks of one fork: the first line the parent sends on the fork's connection.
 *
 * @param suiteJars         the pristine test jars to discover tests in
 * @param exercises         the exercises to grade; empty means all
 * @param excludedExercises exercises whose tests are listed in the plan but not run
 * @param selection         JUnit unique ids of the tests to run; empty means the whole plan
 * @param visibilityByJar   the default visibility of the tests in each jar, by the jar's path
 * @param testTimeoutMs     the default timeout of a test
 * @param outputLimitBytes  the output kept per test; the rest is counted, not kept
 */
public record ForkConfig(List<String> suiteJars, Set<String> exercises,
                         Set<String> excludedExercises, List<String> selection,
                         java.util.Map<String, String> visibilityByJar, long testTimeoutMs,
                         int outputLimitBytes) {
}
