package conclab.harness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import conclab.harness.samples.GradedSample;
import conclab.harness.samples.OtherExerciseSample;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/** Runs the sample tests through the real Launcher, as {@code mvn test} would. */
class ScoreTableListenerTest {

    private final Map<String, TestExecutionResult> results = new ConcurrentHashMap<>();

    private String runSamples() {
        PrintStream original = System.out;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
        try (LauncherSession session = LauncherFactory.openSession()) {
            session.getLauncher().execute(LauncherDiscoveryRequestBuilder.request()
                    .selectors(selectClass(GradedSample.class), selectClass(OtherExerciseSample.class))
                    .forExecution()
                    // registered here: the build turns off the one found through META-INF/services
                    .listeners(new ScoreTableListener(), new TestExecutionListener() {
                        @Override
                        public void executionFinished(TestIdentifier id, TestExecutionResult result) {
                            id.getSource().filter(MethodSource.class::isInstance)
                                    .map(s -> ((MethodSource) s).getMethodName())
                                    .ifPresent(name -> results.putIfAbsent(name, result));
                        }
                    })
                    .build());
        } finally {
            System.setOut(original);
        }
        return printed.toString(StandardCharsets.UTF_8);
    }

    @Test
    void printsPointsPerExerciseAndTheHiddenPoints() {
        String table = runSamples();
        // samples: passes 2, failsWithAHint 0/5, throwsLikeAStub 0/2, worthNothing 0/0,
        // oneInvocationFails 0/3 (one of three invocations failed), Inner 2: 4 of 14, 3 of 6 passed
        assertTrue(table.contains("samples") && table.contains("3/6") && table.contains("4/14"), table);
        assertTrue(table.lines().anyMatch(l -> l.contains("other") && l.contains("1/1")), table);
        assertTrue(table.lines().anyMatch(l -> l.contains("total") && l.contains("4/7") && l.contains("5/15")), table);
        assertTrue(table.contains("7 more points"), table);
    }

    @Test
    void aFailureCarriesItsHintAndKeepsTheOriginalAsCause() {
        runSamples();
        Throwable failure = results.get("failsWithAHint").getThrowable().orElseThrow();
        HintedFailure hinted = assertInstanceOf(HintedFailure.class, failure);
        assertEquals("Add the numbers again.", hinted.hint());
        assertInstanceOf(AssertionError.class, hinted.getCause());
        assertTrue(hinted.getMessage().startsWith("2 + 1 ==> expected: <4> but was: <3>"), hinted.getMessage());
        assertTrue(hinted.getMessage().endsWith("Hint: Add the numbers again."), hinted.getMessage());

        String stub = results.get("throwsLikeAStub").getThrowable().orElseThrow().getMessage();
        assertTrue(stub.startsWith("java.lang.UnsupportedOperationException: TODO"), stub);
        assertEquals(TestExecutionResult.Status.SUCCESSFUL, results.get("passes").getStatus());
    }
}
