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
    private final java.util.Set<String> ids = new java.util.HashSet<>();

    TestPlanner(ForkConfig config) {
        this.config = config;
    }

    /**
     * The planned tests by JUnit unique id, in execution order. A test's id is
     * {@code class#method}, with the parameter types added only for an overloaded method.
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
        Class<?> testClass = method.getDeclaringClass();
        GradedTest graded = GradedTest.of(method);
        String id = testClass.getName() + "#" + method.getName();
        if (!ids.add(id)) {
            // an overloaded test method: only its parameter types tell it apart
            id += "(" + ((MethodSource) node.getSource().orElseThrow()).getMethodParameterTypes() + ")";
        }
        String className = plan.getParent(node).map(TestIdentifier::getDisplayName)
                .orElse(testClass.getSimpleName());
        return new PlannedTest(id, node.getUniqueId(), className + " > " + node.getDisplayName(),
                graded.exercise(), graded.points(), graded.hint(testClass).orElse(null),
                graded.visibility().map(Visibility.Level::jsonName).orElseGet(() -> visibilityOf(testClass)),
                timeoutMs(method));
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

    private long timeoutMs(Method method) {
        List<AnnotatedElement> places = new ArrayList<>();
        places.add(method);
        for (Class<?> c = method.getDeclaringClass(); c != null; c = c.getEnclosingClass()) {
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
