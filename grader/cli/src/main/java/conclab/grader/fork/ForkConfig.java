package conclab.grader.fork;

import java.util.List;
import java.util.Set;

/**
 * What the parent asks of one fork: the first line the parent sends on the fork's connection.
 *
 * @param suiteJars         the pristine test jars to discover tests in
 * @param exercises         the exercises to grade; empty means all
 * @param plan              whether the fork lists every test it may be given ({@link ForkEvent.Plan}):
 *                          the run's first fork does; the tests to run come later, as work
 * @param visibilityByJar   the default visibility of the tests in each jar, by the jar's path
 * @param testTimeoutMs     the default timeout of a test
 * @param outputLimitBytes  the output kept per test; the rest is counted, not kept
 */
public record ForkConfig(List<String> suiteJars, Set<String> exercises,
                         boolean plan,
                         java.util.Map<String, String> visibilityByJar, long testTimeoutMs,
                         int outputLimitBytes) {
}
