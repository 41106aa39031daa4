package conclab.harness;

import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

/**
 * Prints the students' score table when a test run ends, whatever passed or failed. Registered
 * through {@code META-INF/services}, so {@code mvn test} and IDEs pick it up; the grader turns it
 * off and writes its own report.
 *
 * <p>A test method counts once: a parameterized or repeated test earns its points only if every
 * invocation passed; a {@link TimingTest} if its last attempt did.
 */
public final class ScoreTableListener implements TestExecutionListener {

    /**
     * System property naming a file to write the table to instead of standard output: the
     * exercises' build prints that file after Surefire's own summary, so the run ends with it.
     */
    public static final String FILE_PROPERTY = "conclab.scoreTable.file";

    /**
     * System property that says the hidden tests run too (the solutions build): the table is
     * then titled for both, and says nothing of points held elsewhere.
     */
    public static final String HIDDEN_RAN_PROPERTY = "conclab.scoreTable.hiddenRan";

    private final Map<TestMethod, Boolean> passedByMethod = new ConcurrentHashMap<>();
    private volatile TestPlan plan;

    /** A test method as run by a test class, which may inherit it. */
    private record TestMethod(Class<?> testClass, Method method) {
    }

    @Override
    public void testPlanExecutionStarted(TestPlan testPlan) {
        passedByMethod.clear();
        plan = testPlan;
    }

    @Override
    public void executionSkipped(TestIdentifier identifier, String reason) {
        javaMethod(identifier).ifPresent(m -> passedByMethod.merge(m, false, Boolean::logicalAnd));
    }

    @Override
    public void executionFinished(TestIdentifier identifier, TestExecutionResult result) {
        boolean passed = result.getStatus() == TestExecutionResult.Status.SUCCESSFUL;
        javaMethod(identifier).ifPresent(m -> {
            if (m.method().isAnnotationPresent(TimingTest.class) && identifier.isTest()) {
                passedByMethod.put(m, passed); // the attempts come in order: the last counts
            } else {
                passedByMethod.merge(m, passed, Boolean::logicalAnd);
            }
        });
        if (!passed && javaMethod(identifier).isEmpty() && plan != null) {
            // a class that failed around its tests (a @BeforeAll) never reports them: they failed
            plan.getDescendants(identifier).forEach(test ->
                    javaMethod(test).ifPresent(m -> passedByMethod.merge(m, false, Boolean::logicalAnd)));
        }
    }

    @Override
    public void testPlanExecutionFinished(TestPlan testPlan) {
        if (passedByMethod.isEmpty()) {
            return;
        }
        ScoreTable table = new ScoreTable();
        Set<ClassLoader> loaders = new HashSet<>();
        passedByMethod.forEach((method, passed) -> {
            GradedTest test = GradedTest.of(method.testClass(), method.method());
            table.add(test.exercise(), test.points(), passed);
            loaders.add(method.testClass().getClassLoader());
        });
        boolean hiddenRan = Boolean.getBoolean(HIDDEN_RAN_PROPERTY);
        Map<String, Integer> hidden = new java.util.TreeMap<>();
        if (!hiddenRan) {
            loaders.forEach(loader -> hidden.putAll(HiddenPoints.load(loader)));
        }
        String titleKey = hiddenRan ? "table.title.all" : "table.title";
        Locale locale = Messages.locale();
        String text = table.render(locale, Messages.get(locale, titleKey), hidden);
        String file = System.getProperty(FILE_PROPERTY, "").trim();
        if (!file.isEmpty()) {
            try {
                Path path = Path.of(file);
                Files.createDirectories(path.toAbsolutePath().getParent());
                Files.writeString(path, text, StandardCharsets.UTF_8);
                // for a console that cannot show the student's language (an ASCII one)
                String english = table.render(Locale.ROOT, Messages.get(Locale.ROOT, titleKey), hidden);
                Files.writeString(ScoreTablePrinter.englishFile(path), english, StandardCharsets.UTF_8);
                return;
            } catch (IOException e) {
                // printed below instead
            }
        }
        // System.out, whatever it is: under Surefire it is the channel to Maven, which encodes it
        System.out.print(text);
        System.out.flush();
    }

    private static Optional<TestMethod> javaMethod(TestIdentifier identifier) {
        return identifier.getSource()
                .filter(MethodSource.class::isInstance)
                .map(source -> (MethodSource) source)
                .map(source -> new TestMethod(source.getJavaClass(), source.getJavaMethod()));
    }
}
