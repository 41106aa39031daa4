package conclab.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

/**
 * Collects how each test method ended and, when the run ends, hands the students' summary on:
 * under Maven ({@value #FILE_PROPERTY} set) as {@link RunResults} for the build's
 * {@link ScoreTablePrinter}, which prints each failure once and the score table after
 * Surefire; elsewhere (an IDE, which shows the failures itself) it prints the score table.
 * Registered through {@code META-INF/services}, so {@code mvn test} and IDEs pick it up; the
 * grader turns it off and writes its own report.
 *
 * <p>A test method counts once: a parameterized or repeated test earns its points only if every
 * invocation passed (the first failure is the one shown); a {@link TimingTest} if its last
 * attempt did.
 */
public final class ScoreTableListener implements TestExecutionListener {

    /**
     * System property naming the file the results go to instead of standard output: the
     * exercises' build prints them after Surefire's own output, so the run ends with the table.
     */
    public static final String FILE_PROPERTY = "conclab.scoreTable.file";

    /**
     * System property that says the hidden tests run too (the solutions build): the table is
     * then titled for both, and says nothing of points held elsewhere.
     */
    public static final String HIDDEN_RAN_PROPERTY = "conclab.scoreTable.hiddenRan";

    private final Map<TestMethod, Ending> endings = new LinkedHashMap<>();
    private volatile TestPlan plan;

    /** A test method as run by a test class, which may inherit it. */
    private record TestMethod(Class<?> testClass, Method method) {
    }

    /** Whether a method passed so far, and the failure to show if it did not. */
    private record Ending(boolean passed, Throwable failure, String why) {
        Ending and(Ending later) {
            return passed ? later : this; // the first failure is the one shown
        }
    }

    @Override
    public void testPlanExecutionStarted(TestPlan testPlan) {
        synchronized (endings) {
            endings.clear();
        }
        plan = testPlan;
    }

    @Override
    public void executionSkipped(TestIdentifier identifier, String reason) {
        javaMethod(identifier).ifPresent(m -> merge(m, new Ending(false, null, "skipped: " + reason), false));
    }

    @Override
    public void executionFinished(TestIdentifier identifier, TestExecutionResult result) {
        boolean passed = result.getStatus() == TestExecutionResult.Status.SUCCESSFUL;
        Ending ending = new Ending(passed, result.getThrowable().orElse(null),
                passed ? "" : result.getStatus().name().toLowerCase(Locale.ROOT));
        Optional<TestMethod> method = javaMethod(identifier);
        // the attempts of a timing test come in order: the last counts
        method.ifPresent(m -> merge(m, ending, m.method().isAnnotationPresent(TimingTest.class) && identifier.isTest()));
        if (!passed && method.isEmpty() && plan != null) {
            // a class that failed around its tests (a @BeforeAll) never reports them: they failed
            plan.getDescendants(identifier).forEach(test -> javaMethod(test).ifPresent(m -> merge(m, ending, false)));
        }
    }

    private void merge(TestMethod method, Ending ending, boolean replace) {
        synchronized (endings) {
            endings.merge(method, ending, (old, now) -> replace ? now : old.and(now));
        }
    }

    @Override
    public void testPlanExecutionFinished(TestPlan testPlan) {
        List<TestOutcome> tests = new ArrayList<>();
        Set<ClassLoader> loaders = new HashSet<>();
        synchronized (endings) {
            if (endings.isEmpty()) {
                return;
            }
            endings.forEach((method, ending) -> {
                tests.add(outcome(method, ending));
                loaders.add(method.testClass().getClassLoader());
            });
        }
        boolean hiddenRan = Boolean.getBoolean(HIDDEN_RAN_PROPERTY);
        Map<String, Integer> hidden = new TreeMap<>();
        if (!hiddenRan) {
            loaders.forEach(loader -> hidden.putAll(HiddenPoints.load(loader)));
        }
        RunResults results = new RunResults(tests, hidden, hiddenRan);
        String file = System.getProperty(FILE_PROPERTY, "").trim();
        if (!file.isEmpty()) {
            try {
                results.write(Path.of(file));
                return;
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write the test results to " + file, e);
            }
        }
        Locale locale = Messages.locale();
        RunSummary summary = new RunSummary(results, CompileReport.none(), null);
        // System.out, whatever it is: under Surefire it is the channel to Maven, which encodes it
        System.out.print(summary.table().render(locale, summary.title(locale), hidden));
        System.out.flush();
    }

    private static TestOutcome outcome(TestMethod method, Ending ending) {
        GradedTest graded = GradedTest.of(method.testClass(), method.method());
        Class<?> outer = Messages.outermost(method.testClass());
        String name = outer.getSimpleName() + "#" + method.method().getName();
        if (ending.passed()) {
            return TestOutcome.passed(graded.exercise(), outer.getName(), name, graded.points());
        }
        if (ending.failure() == null) {
            return new TestOutcome(graded.exercise(), outer.getName(), name, graded.points(),
                    TestOutcome.Status.FAILED, ending.why(), "", "");
        }
        return TestOutcome.failed(graded.exercise(), outer.getName(), name, graded.points(), ending.failure());
    }

    private static Optional<TestMethod> javaMethod(TestIdentifier identifier) {
        return identifier.getSource()
                .filter(MethodSource.class::isInstance)
                .map(source -> (MethodSource) source)
                .map(source -> new TestMethod(source.getJavaClass(), source.getJavaMethod()));
    }
}
