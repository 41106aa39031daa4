package conclab.harness;

import java.lang.reflect.Method;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;
import org.opentest4j.TestAbortedException;

/** Registered by {@link Hint}: attaches the test's hint to its failure. */
final class HintExtension implements TestExecutionExceptionHandler {

    @Override
    public void handleTestExecutionException(ExtensionContext context, Throwable failure)
            throws Throwable {
        if (failure instanceof TestAbortedException || failure instanceof HintedFailure) {
            throw failure;
        }
        Method method = context.getRequiredTestMethod();
        var hint = GradedTest.of(method).hint(context.getRequiredTestClass());
        throw hint.isPresent() ? new HintedFailure(failure, hint.get()) : failure;
    }
}
