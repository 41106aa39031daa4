package conclab.grader.fork;

import conclab.grader.io.FileSeal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.concurrent.CompletableFuture;

/**
 * How the parent runs its forks.
 *
 * @param java              the {@code java} executable of the forks
 * @param classpath         the fork's classpath: the grader, the test suite, the submission
 * @param jvmOptions        options for every fork (heap, timing scale, ...)
 * @param executorOptions   the options of the submission's JVM, which each fork starts
 * @param workDir           the run's folder, where each fork gets a fresh working folder ({@code work}),
 *                          removed after it
 * @param sandbox           what the forks are sandboxed with, if anything
 * @param wrap              what a fork's command becomes: itself, or itself in its sandbox
 * @param suiteJars         the pristine test jars
 * @param visibilityByJar   default visibility of the tests of each jar
 * @param exercises         the exercises graded; empty means all
 * @param compile           what the first fork compiles
 * @param testTimeout       the default timeout of one test
 * @param grace             how long past a test's timeout the parent waits before killing
 * @param runTimeout        the bound on the whole run, forks and restarts included
 * @param outputLimitBytes  output kept per test
 * @param sealed            the files a fork must not change (the test jars, the grader): checked
 *                          before each fork starts
 * @param environment       added to the forks' environment; inherited by every process they
 *                          start, it marks them, and all marked processes are killed after each fork
 * @param limits            output per run, processes, hangs per exercise
 * @param timeouts          how long the parent lets each test run
 * @param testJvms          how many test JVMs run the tests at once: more than one only where
 *                          each has a work folder of its own (see {@link RunLimits#testJvms})
 * @param whileTestsRun     work of the grader's own, done on a side thread once the first test
 *                          JVM has listed its tests: until then the machine's cores are busy
 *                          compiling and starting JUnit, and during the tests they mostly wait
 */
public record ForkSettings(Path java, List<Path> classpath, List<String> jvmOptions, List<String> executorOptions, Path workDir,
                           Optional<String> sandbox, UnaryOperator<List<String>> wrap, List<Path> suiteJars, Map<String, String> visibilityByJar,
                           Set<String> exercises, CompileRequest compile,
                           Duration testTimeout, Duration grace, Duration runTimeout,
                           int outputLimitBytes, FileSeal sealed, Map<String, String> environment,
                           RunLimits limits, CompletableFuture<TestTimeouts> timeouts,
                           int testJvms, Runnable whileTestsRun) {
}
