package conclab.harness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import conclab.harness.samples.TimingSample;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.TestExecutionResult.Status;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.opentest4j.AssertionFailedError;

/** Runs timing tests that fail in different ways through the real Launcher, as {@code mvn test} would. */
class TimingAttemptsTest {

    /** The results of each sample's invocations, in order, by method name. */
    private static final Map<String, List<TestExecutionResult>> attempts = new ConcurrentHashMap<>();
    private static final Map<String, List<String>> entries = new ConcurrentHashMap<>();
    private static String scoreTable;

    @BeforeAll
    static void runSamples() {
        PrintStream original = System.out;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
        try (LauncherSession session = LauncherFactory.openSession()) {
            session.getLauncher().execute(LauncherDiscoveryRequestBuilder.request()
                    .selectors(selectClass(TimingSample.class)).forExecution()
                    .listeners(new ScoreTableListener(), new TestExecutionListener() {
                        private TestPlan plan;

                        @Override
                        public void testPlanExecutionStarted(TestPlan testPlan) {
                            plan = testPlan;
                        }

                        @Override
                        public void executionFinished(TestIdentifier id, TestExecutionResult result) {
                            if (id.isTest()) {
                                attempts.computeIfAbsent(method(id), k -> new ArrayList<>()).add(result);
                            }
                        }

                        @Override
                        public void reportingEntryPublished(TestIdentifier id, ReportEntry entry) {
                            entries.computeIfAbsent(method(id), k -> new ArrayList<>())
                                    .addAll(entry.getKeyValuePairs().keySet());
                        }

                        private String method(TestIdentifier invocation) {
                            return plan.getParent(invocation).orElseThrow().getLegacyReportingName()
                                    .replace("()", "");
                        }
                    })
                    .build());
        } finally {
            System.setOut(original);
        }
        scoreTable = printed.toString(StandardCharsets.UTF_8);
    }

    private static List<Status> statuses(String test) {
        return attempts.get(test).stream().map(TestExecutionResult::getStatus).toList();
    }

    @Test
    void aBoundExceededOnceIsTriedAgainAndThePassCounts() {
        assertEquals(List.of(Status.ABORTED, Status.SUCCESSFUL), statuses("slowOnceThenOnTime"));
        assertEquals(List.of(TimingAttempts.ENTRY_PREFIX + 1), entries.get("slowOnceThenOnTime"));
    }

    @Test
    void aBoundExceededEveryTimeUsesEveryAttemptAndFails() {
        assertEquals(List.of(Status.ABORTED, Status.ABORTED, Status.FAILED), statuses("alwaysTooSlow"));
        assertEquals(Timing.attempts(), TimingSample.calls.get("alwaysTooSlow").get());
        Throwable last = attempts.get("alwaysTooSlow").get(2).getThrowable().orElseThrow();
        // the failure is the bound itself, and the hint still reaches the student on the last attempt
        assertInstanceOf(TimingBoundExceeded.class, last);
        assertTrue(FailureHint.of(last).isPresent(), "the last attempt carries its hint");
    }

    @Test
    void aWrongValueAnExceptionOrATimeoutIsNeverTriedAgain() {
        for (String test : List.of("wrongValue", "throwsAnException", "timesOut")) {
            assertEquals(List.of(Status.FAILED), statuses(test), test);
            assertEquals(1, TimingSample.calls.get(test).get(), test);
            assertFalse(entries.containsKey(test), test);
        }
        assertInstanceOf(TimeoutException.class,
                attempts.get("timesOut").get(0).getThrowable().orElseThrow());
    }

    @Test
    void aTestOnTimeRunsOnce() {
        assertEquals(List.of(Status.SUCCESSFUL), statuses("onTime"));
    }

    @Test
    void theStudentsScoreTableCountsTheLastAttempt() {
        // slowOnceThenOnTime and onTime pass, the other four fail: 2 of 6 points
        assertTrue(scoreTable.lines().anyMatch(l -> l.contains("samples") && l.contains("2/" + 6 * Points.DEFAULT)),
                scoreTable);
    }

    @Test
    void onlyABoundExceededBeforeTheLastAttemptIsRetried() {
        TimingBoundExceeded bound = new TimingBoundExceeded("slow", Duration.ofMillis(2), Duration.ofMillis(1));
        assertTrue(TimingAttempts.retried(bound, 1, 3));
        assertTrue(TimingAttempts.retried(bound, 2, 3));
        assertFalse(TimingAttempts.retried(bound, 3, 3));
        assertTrue(TimingAttempts.retried(FailureHint.attach(bound, "hint"), 1, 3), "a hint changes nothing");
        assertFalse(TimingAttempts.retried(new AssertionFailedError("expected 4 but was 3"), 1, 3));
        assertFalse(TimingAttempts.retried(new TimeoutException("timed out after 10 s"), 1, 3));
        assertFalse(TimingAttempts.retried(new IllegalStateException("broken"), 1, 3));
        assertFalse(TimingAttempts.retried(FailureHint.attach(new AssertionError("wrong"), "hint"), 1, 3));
    }
}
