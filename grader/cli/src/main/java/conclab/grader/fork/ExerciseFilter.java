package conclab.grader.fork;

import conclab.harness.GradedTest;
import java.util.Set;
import org.junit.platform.engine.FilterResult;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.PostDiscoveryFilter;

/**
 * Keeps the tests of the graded exercises and drops the others, by the same rule
 * the harness uses to score them ({@link GradedTest#exerciseOf}), so that a test class with a
 * missing or wrong tag is still placed right.
 */
final class ExerciseFilter implements PostDiscoveryFilter {

    private final Set<String> included;

    /** @param included the exercises kept, all if empty */
    ExerciseFilter(Set<String> included) {
        this.included = included;
    }

    @Override
    public FilterResult apply(TestDescriptor descriptor) {
        Class<?> testClass = descriptor.getSource().map(source -> {
            if (source instanceof MethodSource method) {
                return method.getJavaClass();
            }
            return source instanceof ClassSource type ? type.getJavaClass() : null;
        }).orElse(null);
        if (testClass == null) {
            return FilterResult.included("not a test class or method");
        }
        String exercise = GradedTest.exerciseOf(testClass);
        return FilterResult.includedIf(included.isEmpty() || included.contains(exercise), () -> "exercise " + exercise,
                () -> "exercise " + exercise + " is not graded in this run");
    }
}
