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
    void aFailureCarriesItsHintAndStaysTheSameFailure() {
        runSamples();
        Throwable failure = results.get("failsWithAHint").getThrowable().orElseThrow();
        assertInstanceOf(AssertionError.class, failure);
        assertEquals("2 + 1 ==> expected: <4> but was: <3>", failure.getMessage());
        assertEquals(java.util.Optional.of("Add the numbers again."), FailureHint.of(failure));

        // a stub's TODO carries no hint, though its test has one
        Throwable stub = results.get("throwsLikeAStub").getThrowable().orElseThrow();
        assertInstanceOf(UnsupportedOperationException.class, stub);
        assertEquals(java.util.Optional.empty(), FailureHint.of(stub));
        assertEquals(TestExecutionResult.Status.SUCCESSFUL, results.get("passes").getStatus());
    }

    @Test
    void underMavenTheResultsGoToTheFileForThePrinter(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        java.nio.file.Path file = dir.resolve("results.properties");
        System.setProperty(ScoreTableListener.FILE_PROPERTY, file.toString());
        try {
            assertEquals("", runSamples(), "nothing printed in the test JVM");
        } finally {
            System.clearProperty(ScoreTableListener.FILE_PROPERTY);
        }
        RunResults read = RunResults.read(file);
        Map<String, TestOutcome> byName = new java.util.TreeMap<>();
        read.tests().forEach(t -> byName.put(t.name(), t));
        TestOutcome hinted = byName.get("GradedSample#failsWithAHint");
        assertEquals(TestOutcome.Status.FAILED, hinted.status());
        assertEquals("conclab.harness.samples.GradedSample", hinted.testClass());
        assertEquals("samples", hinted.exercise());
        assertEquals(5, hinted.points());
        assertEquals("Add the numbers again.", hinted.hint());
        TestOutcome stub = byName.get("GradedSample#throwsLikeAStub");
        assertEquals(TestOutcome.Status.TODO, stub.status());
        assertEquals("GradedSample.throwsLikeAStub", stub.todo(), "where the TODO was thrown");
        assertEquals(TestOutcome.Status.FAILED, byName.get("GradedSample#oneInvocationFails").status());
        assertEquals(TestOutcome.Status.PASSED, byName.get("GradedSample#inheritsTheClassPoints").status(),
                "a nested class's test is named by its outer class, as -Dtest takes it");
        assertEquals(Map.of("samples", 7), read.hidden());
    }
}
