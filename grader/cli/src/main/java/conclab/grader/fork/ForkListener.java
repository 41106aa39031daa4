package conclab.grader.fork;

import conclab.harness.TimingTest;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

/**
 * Turns the Launcher's callbacks into events for the parent, one result per planned test. A test
 * method is the unit that is scored: the invocations of a parameterized or repeated test fold
 * into it (the first failure counts), and a class that fails before its tests run gives each of
 * them a result that says so. The attempts of a {@link TimingTest} are its invocations (the
 * harness starts another only after a measured bound failed): they are counted, and the last
 * one gives the verdict.
 */
final class ForkListener implements TestExecutionListener {

    private final EventChannel channel;
    private final OutputCapture capture;
    private final Map<String, PlannedTest> plannedByUniqueId;
    private final Map<String, Long> startedAt = new HashMap<>();
    /** The verdict of a test's invocations: the first that failed; a timing test's last attempt. */
    private final Map<String, TestExecutionResult> firstFailure = new HashMap<>();
    private final Map<String, Integer> attempts = new HashMap<>();
    private final Set<String> finished = new HashSet<>();
    private TestPlan plan;

    ForkListener(EventChannel channel, OutputCapture capture, Map<String, PlannedTest> planned) {
        this.channel = channel;
        this.capture = capture;
        this.plannedByUniqueId = planned;
    }

    @Override
    public void testPlanExecutionStarted(TestPlan testPlan) {
        plan = testPlan;
    }

    @Override
    public void executionStarted(TestIdentifier identifier) {
        PlannedTest test = plannedByUniqueId.get(identifier.getUniqueId());
        if (test != null) {
            startedAt.put(test.uniqueId(), System.nanoTime());
            channel.send(new ForkEvent.Started(test.id()));
        } else {
            // each invocation of a repeated or parameterized test has its own timeout: tell the
            // parent, whose watchdog then starts the test's clock again
            planned(identifier).ifPresent(owner -> channel.send(new ForkEvent.Started(owner.id())));
        }
    }

    @Override
    public void reportingEntryPublished(TestIdentifier identifier, ReportEntry entry) {
        planned(identifier).ifPresent(test ->
                channel.send(new ForkEvent.Entry(test.id(), entry.getKeyValuePairs())));
    }

    @Override
    public void executionSkipped(TestIdentifier identifier, String reason) {
        PlannedTest test = plannedByUniqueId.get(identifier.getUniqueId());
        if (test != null) {
            finish(test, "skipped", "skipped: " + reason);
        } else {
            forEachUnfinishedDescendant(identifier, t -> finish(t, "skipped", "skipped: " + reason));
        }
    }

    @Override
    public void executionFinished(TestIdentifier identifier, TestExecutionResult result) {
        PlannedTest test = plannedByUniqueId.get(identifier.getUniqueId());
        if (test != null) {
            TestExecutionResult worst = result.getStatus() == TestExecutionResult.Status.SUCCESSFUL
                    ? firstFailure.getOrDefault(test.uniqueId(), result) : result;
            finish(test, worst);
            return;
        }
        Optional<PlannedTest> owner = planned(identifier);
        if (owner.isPresent()) {
            String id = owner.get().uniqueId();
            if (timingTest(identifier)) {
                // an attempt: only the harness starts another, after a bound failed; the last counts
                attempts.merge(id, 1, Integer::sum);
                firstFailure.put(id, result);
            } else if (result.getStatus() != TestExecutionResult.Status.SUCCESSFUL) {
                // an invocation of a parameterized or repeated test
                firstFailure.putIfAbsent(id, result);
            }
        } else if (result.getStatus() != TestExecutionResult.Status.SUCCESSFUL) {
            // a class (or engine) failed around its tests: each unfinished test gets that reason
            String status = result.getStatus() == TestExecutionResult.Status.ABORTED ? "skipped" : "error";
            String why = result.getThrowable().map(TrustedFailure::describe).orElse("no reason given");
            forEachUnfinishedDescendant(identifier, t -> finish(t, status,
                    "The test class failed before or after this test: " + why));
        }
    }

    private void finish(PlannedTest test, TestExecutionResult result) {
        switch (result.getStatus()) {
            case SUCCESSFUL -> finish(test, "passed", null);
            case ABORTED -> finish(test, "skipped",
                    result.getThrowable().map(TrustedFailure::describe).orElse("aborted"));
            case FAILED -> {
                Throwable failure = result.getThrowable().orElse(null);
                finish(test, failure == null ? "error" : TrustedFailure.status(failure),
                        failure == null ? "failed without an exception" : TrustedFailure.describe(failure),
                        failure == null ? null : TrustedFailure.hint(failure));
            }
        }
    }

    private void finish(PlannedTest test, String status, String message) {
        finish(test, status, message, null);
    }

    private void finish(PlannedTest test, String status, String message, String hint) {
        if (ForkMain.executorGone()) {
            // the test failed because the submission's JVM went: the parent, told why, gives
            // it its result, and this JVM ends in a moment
            awaitHalt();
        }
        if (!finished.add(test.uniqueId())) {
            return;
        }
        Long start = startedAt.get(test.uniqueId());
        long durationMs = start == null ? 0 : (System.nanoTime() - start) / 1_000_000;
        OutputCapture.Taken output = capture.take();
        int length = message == null ? 0 : message.length();
        String kept = length <= ForkEvent.Finished.MESSAGE_LIMIT ? message
                : message.substring(0, ForkEvent.Finished.MESSAGE_LIMIT);
        channel.send(new ForkEvent.Finished(test.id(), status, durationMs, kept, length,
                output.text(), output.bytes(), attempts.getOrDefault(test.uniqueId(), 1), hint));
    }

    /** Whether a test (or invocation) belongs to a method of the pristine suite marked {@link TimingTest}. */
    private static boolean timingTest(TestIdentifier identifier) {
        return identifier.getSource().filter(MethodSource.class::isInstance)
                .map(source -> ((MethodSource) source).getJavaMethod().isAnnotationPresent(TimingTest.class))
                .orElse(false);
    }

    private Optional<PlannedTest> planned(TestIdentifier identifier) {
        for (TestIdentifier i = identifier; i != null; i = plan.getParent(i).orElse(null)) {
            PlannedTest test = plannedByUniqueId.get(i.getUniqueId());
            if (test != null) {
                return Optional.of(test);
            }
        }
        return Optional.empty();
    }

    private void forEachUnfinishedDescendant(TestIdentifier container,
                                             java.util.function.Consumer<PlannedTest> action) {
        for (TestIdentifier descendant : plan.getDescendants(container)) {
            PlannedTest test = plannedByUniqueId.get(descendant.getUniqueId());
            if (test != null && !finished.contains(test.uniqueId())) {
                action.accept(test);
            }
        }
    }

    private static void awaitHalt() {
        while (true) {
            try {
                Thread.sleep(Long.MAX_VALUE);
            } catch (InterruptedException e) {
                // keep waiting: the JVM halts
            }
        }
    }
}
