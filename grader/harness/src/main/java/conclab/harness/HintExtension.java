package conclab.harness;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;
import org.opentest4j.TestAbortedException;

/**
 * Registered by {@link Hint}: lets a test's failure carry the test's hint ({@link FailureHint}),
 * unless a step of the test attached one that fits better ({@link Say#hinting}).
 */
final class HintExtension implements TestExecutionExceptionHandler {

    @Override
    public void handleTestExecutionException(ExtensionContext context, Throwable failure)
            throws Throwable {
        if (!(failure instanceof TestAbortedException)) {
            GradedTest.of(context.getRequiredTestMethod()).hint(context.getRequiredTestClass())
                    .ifPresent(hint -> FailureHint.attach(failure, hint));
        }
        throw failure;
    }
}
