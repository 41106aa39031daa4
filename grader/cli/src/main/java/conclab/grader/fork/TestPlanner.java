package conclab.grader.fork;

import conclab.harness.GradedTest;
import conclab.harness.Visibility;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Method;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Timeout;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

/** Lists the scored tests of a discovered plan, in the order they run, with their grading facts. */
final class TestPlanner {

    private final ForkConfig config;

    TestPlanner(ForkConfig config) {
        this.config = config;
    }

    /**
     * The planned tests by JUnit unique id, in execution order. A test's id is
     * {@code class#method}, the class being the one that runs the method (which it may inherit),
     * with the parameter types added only for an overloaded method.
     */
    Map<String, PlannedTest> plan(TestPlan plan) {
        Map<String, PlannedTest> tests = new LinkedHashMap<>();
        for (TestIdentifier root : plan.getRoots()) {
            collect(plan, root, tests);
        }
        return tests;
    }

    private void collect(TestPlan plan, TestIdentifier node, Map<String, PlannedTest> tests) {
        Optional<Method> method = node.getSource()
                .filter(MethodSource.class::isInstance)
                .map(source -> ((MethodSource) source).getJavaMethod());
        if (method.isPresent()) {
            tests.put(node.getUniqueId(), planned(plan, node, method.get()));
            return; // invocations below a method fold into it
        }
        for (TestIdentifier child : plan.getChildren(node)) {
            collect(plan, child, tests);
        }
    }

    private PlannedTest planned(TestPlan plan, TestIdentifier node, Method method) {
        MethodSource source = (MethodSource) node.getSource().orElseThrow();
        Class<?> testClass = source.getJavaClass(); // may inherit the method
        GradedTest graded = GradedTest.of(testClass, method);
        String id = testClass.getName() + "#" + method.getName();
        if (overloaded(testClass, method.getName())) {
            // only the parameter types tell overloads apart; the same in every fork
            id += "(" + source.getMethodParameterTypes() + ")";
        }
        String className = plan.getParent(node).map(TestIdentifier::getDisplayName)
                .orElse(testClass.getSimpleName());
        return new PlannedTest(id, node.getUniqueId(), className + " > " + node.getDisplayName(),
                graded.exercise(), graded.points(), graded.hint(testClass).orElse(null),
                graded.visibility().map(Visibility.Level::jsonName).orElseGet(() -> visibilityOf(testClass)),
                timeoutMs(testClass, method));
    }

    private static boolean overloaded(Class<?> testClass, String name) {
        java.util.Set<String> signatures = new java.util.HashSet<>();
        for (Class<?> c = testClass; c != null && c != Object.class; c = c.getSuperclass()) {
            for (Method m : c.getDeclaredMethods()) {
                if (m.getName().equals(name)) {
                    signatures.add(java.util.Arrays.toString(m.getParameterTypes()));
                }
            }
        }
        return signatures.size() > 1;
    }

    private String visibilityOf(Class<?> testClass) {
        CodeSource source = testClass.getProtectionDomain().getCodeSource();
        if (source == null) {
            return Visibility.Level.HIDDEN.jsonName();
        }
        try {
            String jar = Path.of(source.getLocation().toURI()).toString();
            return config.visibilityByJar().getOrDefault(jar, Visibility.Level.HIDDEN.jsonName());
        } catch (URISyntaxException | IllegalArgumentException e) {
            return Visibility.Level.HIDDEN.jsonName();
        }
    }

    private long timeoutMs(Class<?> testClass, Method method) {
        List<AnnotatedElement> places = new ArrayList<>();
        places.add(method);
        for (Class<?> c = testClass; c != null; c = c.getEnclosingClass()) {
            places.add(c);
        }
        for (AnnotatedElement place : places) {
            Timeout timeout = place.getAnnotation(Timeout.class);
            if (timeout != null) {
                return timeout.unit().toMillis(timeout.value());
            }
        }
        return config.testTimeoutMs();
    }
}
