package conclab.join;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import conclab.harness.CodeUnderTest;
import conclab.harness.FailureHint;
import conclab.harness.MeasurementLog;
import conclab.harness.Say;
import conclab.harness.Timing;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;
import org.junit.jupiter.api.TestReporter;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * What the join tests share. Child JVMs cost CPU time, so each kind of run happens once per run
 * of the tests ({@link OncePerTestRun}): the first test that needs the serial (or concurrent) run
 * makes it, and every test judges one aspect of the same timeline. A run that fails, throws or hangs is remembered as such, so
 * the tests after it fail at once instead of waiting again.
 *
 * <p>Every text a student reads is in {@code JoinTestKit.properties} (and {@code _zh_CN}), with
 * the hints of the failures the kit finds itself (a run that hangs or returns null, children
 * named or counted wrong, a line the parent never saw).
 */
final class JoinTestKit {

    static final Say SAY = Say.of(JoinTestKit.class);

    /** The serial run's sleeps: short, different, not in order. */
    static final List<Duration> SERIAL = millis(150, 250, 200);

    /**
     * The concurrent run's sleeps. The longest is in the middle, so that joining only the first
     * or only the last child started returns while child 2 still sleeps.
     */
    static final List<Duration> CONCURRENT = millis(300, 600, 400);

    /** Allowance per child for a JVM's start-up on a busy machine, in the bound on a whole run. */
    private static final Duration START_UP = Duration.ofSeconds(1);

    /** The runs of the test run under way (see {@link OncePerTestRun}); none before it began. */
    private static volatile Runs runs = new Runs();

    /** The two runs, each made once, by the first test that needs it. */
    private static final class Runs {
        Outcome serial;
        Outcome concurrent;
    }

    /**
     * Keeps the runs for one run of the tests (one JUnit launcher execution), not for the JVM: a
     * tool that runs the tests again in the same JVM against changed code (PIT, mutant after
     * mutant) gets runs of that code, not the first ones. Registered on every join test class.
     */
    static final class OncePerTestRun implements BeforeAllCallback {
        @Override
        public void beforeAll(ExtensionContext context) {
            runs = context.getRoot().getStore(ExtensionContext.Namespace.create(JoinTestKit.class))
                    .getOrComputeIfAbsent(Runs.class, key -> new Runs(), Runs.class);
        }
    }

    private JoinTestKit() {
    }

    /**
     * A run as the test saw it: the timeline the student's code returned; the processes the code
     * under test started during the run (by the pids it knows them by), as the test saw them
     * while the run went on; and those still running, according to the operating system, when
     * it returned.
     */
    record Run(Timeline timeline, Set<Long> started, Set<Long> runningAtReturn, long callNanos) {
    }

    private record Outcome(Run run, Exception failure, Error error) {
    }

    /** The serial run of {@link #SERIAL}, made once. */
    static synchronized Run serialRun() throws Exception {
        Runs these = runs;
        if (these.serial == null) {
            these.serial = attempt("Joiner.serial(" + describe(SERIAL) + ")", SERIAL,
                    () -> Joiner.serial(SERIAL));
        }
        noteIntervals("serialIntervals", these.serial);
        return unpack(these.serial);
    }

    /** The concurrent run of {@link #CONCURRENT}, made once. */
    static synchronized Run concurrentRun() throws Exception {
        Runs these = runs;
        if (these.concurrent == null) {
            these.concurrent = attempt("Joiner.concurrent(" + describe(CONCURRENT) + ")",
                    CONCURRENT, () -> Joiner.concurrent(CONCURRENT));
        }
        noteIntervals("concurrentIntervals", these.concurrent);
        return unpack(these.concurrent);
    }

    /**
     * Notes the timeline for the report, as {@code LABEL:START-END} entries separated by
     * {@code ;} (milliseconds since the run began): per child, its life (launched until joined)
     * and its work (began until ended, when both were seen); then the parent's wait until it
     * went on. The instructors' dashboard draws it.
     */
    private static void noteIntervals(String key, Outcome outcome) {
        if (outcome.run() == null) {
            return;
        }
        Timeline timeline = outcome.run().timeline();
        StringBuilder text = new StringBuilder();
        for (ChildSpan child : timeline.children()) {
            String name = String.valueOf(child.name()).replaceAll("[;:\\s]", "_");
            text.append(name).append(child.joined().isPresent() ? " lived" : " lived (not joined)")
                    .append(':').append(child.launched().toMillis()).append('-')
                    .append(life(child, timeline).plus(child.launched()).toMillis()).append(';');
            if (child.began().isPresent() && child.ended().isPresent()) {
                text.append(name).append(" worked:").append(child.began().get().toMillis())
                        .append('-').append(child.ended().get().toMillis()).append(';');
            }
        }
        MeasurementLog.note(key, text.append("parent went on:0-")
                .append(timeline.wentOn().toMillis()).toString());
    }

    private static Run unpack(Outcome outcome) throws Exception {
        if (outcome.failure() != null) {
            throw outcome.failure();
        }
        if (outcome.error() != null) {
            throw outcome.error();
        }
        return outcome.run();
    }

    /**
     * Calls the student's run on a helper thread, bounded by the sum of the sleeps plus a
     * start-up allowance per child (loose, scaled): a correct run takes a fraction of it. The
     * processes the code under test starts meanwhile are watched; any still running when the
     * call returns (or is given up) is killed after it is noted.
     */
    private static Outcome attempt(String call, List<Duration> sleeps, Callable<Timeline> run) {
        Duration expected = START_UP.multipliedBy(sleeps.size());
        for (Duration sleep : sleeps) {
            expected = expected.plus(sleep);
        }
        Duration bound = Timing.upperBound(expected);
        FutureTask<Timeline> task = new FutureTask<>(run);
        Thread helper = new Thread(task, "join-test-run");
        helper.setDaemon(true);
        try (ChildWatch watch = new ChildWatch()) {
            long start = System.nanoTime();
            helper.start();
            try {
                Timeline timeline = task.get(bound.toNanos(), TimeUnit.NANOSECONDS);
                long callNanos = System.nanoTime() - start;
                Set<Long> running = watch.running();
                watch.killNew();
                if (timeline == null) {
                    return new Outcome(null, null, hinted("returnsTimeline",
                            new AssertionError(SAY.text("returnedNull", call))));
                }
                return new Outcome(new Run(timeline, watch.started(), running, callNanos), null,
                        null);
            } catch (TimeoutException e) {
                watch.killNew();
                return new Outcome(null, null, hinted("hang", new AssertionError(SAY.text(
                        "didNotReturn", call, bound.toMillis(), describe(sleeps)))));
            } catch (ExecutionException e) {
                watch.killNew();
                Throwable cause = e.getCause();
                if (cause instanceof Exception exception) {
                    return new Outcome(null, exception, null);
                }
                if (cause instanceof Error error) {
                    return new Outcome(null, null, error);
                }
                return new Outcome(null, e, null);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                watch.killNew();
                return new Outcome(null, e, null);
            }
        }
    }

    /**
     * Watches, while a call of the code under test goes on, the processes its JVM starts: every
     * 25 ms (a child lives a few hundred at least), by the pids the code under test knows them by.
     * What it finds comes from the operating system ({@link CodeUnderTest}), never from the
     * timeline; it kills only what {@link CodeUnderTest#descendant} returns.
     */
    static final class ChildWatch implements AutoCloseable {

        private static final long PERIOD_NANOS = TimeUnit.MILLISECONDS.toNanos(25);

        private final Set<Long> before;
        private final Set<Long> started = ConcurrentHashMap.newKeySet();
        private final Thread watcher;
        private volatile boolean done;
        private final java.util.concurrent.atomic.AtomicInteger looks =
                new java.util.concurrent.atomic.AtomicInteger();
        private volatile Throwable failure;

        ChildWatch() {
            before = childPids();
            watcher = new Thread(() -> {
                try {
                    while (!done) {
                        look();
                        looks.incrementAndGet();
                        LockSupport.parkNanos(PERIOD_NANOS);
                    }
                } catch (RuntimeException | Error e) {
                    failure = e;
                }
            }, "join-test-watch");
            watcher.setDaemon(true);
            watcher.start();
        }

        /** Notes the new children there are now (one look at the system's processes). */
        private void look() {
            Set<Long> now = childPids();
            now.removeAll(before);
            started.addAll(now);
        }

        /** The new children there are now, each as {@link CodeUnderTest#descendant} gives it. */
        private Map<Long, ProcessHandle> newChildren() {
            Map<Long, ProcessHandle> now = children();
            now.keySet().removeAll(before);
            started.addAll(now.keySet());
            return now;
        }

        /** The processes the code under test started since the watch began, seen until now. */
        Set<Long> started() {
            look();
            return Set.copyOf(started);
        }

        /** Those of them that still run now (an ended child nobody reaped is a zombie: ended). */
        Set<Long> running() {
            return newChildren().entrySet().stream().filter(child -> !ended(child.getValue()))
                    .map(Map.Entry::getKey).collect(Collectors.toSet());
        }

        /** Kills the processes the code under test started since the watch began, with theirs. */
        void killNew() {
            newChildren().values().forEach(JoinTestKit::kill);
        }

        /** How the watch went, for a message: how often it looked, and what stopped it. */
        String looked() {
            return failure == null ? SAY.text("looked", looks.get())
                    : SAY.text("looked.until", looks.get(), failure);
        }

        @Override
        public void close() {
            done = true;
            LockSupport.unpark(watcher);
        }
    }

    /** The pids of the processes the code under test's JVM has started, as it knows them. */
    static Set<Long> childPids() {
        Set<Long> pids = new java.util.HashSet<>();
        CodeUnderTest.process().children().forEach(child -> pids.add(CodeUnderTest.reportedPid(child)));
        return pids;
    }

    /**
     * The processes the code under test's JVM has started and that still exist, by the pid the
     * code under test knows them by; each handle is what {@link CodeUnderTest#descendant} gave.
     */
    static Map<Long, ProcessHandle> children() {
        Map<Long, ProcessHandle> children = new HashMap<>();
        CodeUnderTest.process().children().forEach(child -> {
            long pid = CodeUnderTest.reportedPid(child);
            CodeUnderTest.descendant(pid).ifPresent(handle -> children.put(pid, handle));
        });
        return children;
    }

    /** Kills {@code process} (one that {@link CodeUnderTest#descendant} gave) and its own. */
    static void kill(ProcessHandle process) {
        try {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        } catch (RuntimeException e) {
            // gone already: nothing more to do
        }
    }

    /** Whether {@code process} has ended, as the operating system sees it. */
    static boolean ended(ProcessHandle process) {
        if (!process.isAlive()) {
            return true;
        }
        try { // ended but not yet reaped: a zombie, "alive" to the JDK
            String stat = Files.readString(Path.of("/proc", process.pid() + "", "stat"));
            return stat.charAt(stat.lastIndexOf(')') + 2) == 'Z';
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    static List<Duration> millis(long... values) {
        List<Duration> list = new ArrayList<>();
        for (long value : values) {
            list.add(Duration.ofMillis(value));
        }
        return List.copyOf(list);
    }

    static String describe(List<Duration> sleeps) {
        return sleeps.stream().map(d -> d.toMillis() + " ms")
                .collect(Collectors.joining(", ", "[", "]"));
    }

    /** Lets {@code failure} carry the kit's hint {@code hintKey}; returns it. */
    static <T extends Throwable> T hinted(String hintKey, T failure) {
        FailureHint.attach(failure, SAY.hint(hintKey));
        return failure;
    }

    /** Checks that the timeline has one child per sleep, named 1..n, in order. */
    static void checkChildren(Timeline timeline, List<Duration> sleeps, String run) {
        List<ChildSpan> children = timeline.children();
        SAY.hinting("count", () -> assertEquals(sleeps.size(), children.size(),
                SAY.text("children.count", run, sleeps.size(), children.size())));
        for (int i = 0; i < sleeps.size(); i++) {
            ChildSpan child = children.get(i);
            int number = i + 1;
            SAY.hinting("children.names", () -> assertEquals(String.valueOf(number), child.name(),
                    SAY.text("children.name", run, number, child.name())));
            Duration sleep = sleeps.get(i);
            SAY.hinting("children.sleeps", () -> assertEquals(sleep, child.sleep(),
                    SAY.text("children.sleep", run, child.name(), sleep.toMillis(),
                            child.sleep() == null ? "null" : ms(child.sleep()))));
        }
    }

    /** When the parent saw child's first line; fails the test if it never did. */
    static Duration began(ChildSpan child, String run) {
        return child.began().orElseGet(() -> SAY.hinting("readLines", () -> fail(
                SAY.text("began.never", run, child.name()))));
    }

    /** When the parent saw child's second line; fails the test if it never did. */
    static Duration ended(ChildSpan child, String run) {
        return child.ended().orElseGet(() -> SAY.hinting("joinEvery", () -> fail(
                SAY.text("ended.never", run, child.name()))));
    }

    /**
     * How long the child lived as the parent saw it: from its launch until its join returned
     * (the child had ended, exit included). For a child never joined: until its 'ended' line
     * arrived, or, if the parent went on without seeing that either, at least until then.
     */
    static Duration life(ChildSpan child, Timeline timeline) {
        return child.joined().or(child::ended).orElse(timeline.wentOn()).minus(child.launched());
    }

    static String ms(Duration d) {
        return d.toMillis() + " ms";
    }

    static String ms(Optional<Duration> d) {
        return d.map(JoinTestKit::ms).orElseGet(() -> SAY.text("never"));
    }

    /** The timeline as a table, for failure messages. */
    static String table(Timeline timeline) {
        StringBuilder text = new StringBuilder("\n  ").append(SAY.text("table.header"));
        for (ChildSpan c : timeline.children()) {
            text.append(String.format("%n  %5s  %8s  %6s  %6s  %6s", c.name(),
                    c.launched().toMillis(), c.began().map(d -> d.toMillis() + "").orElse("-"),
                    c.ended().map(d -> d.toMillis() + "").orElse("-"),
                    c.joined().map(d -> d.toMillis() + "").orElse("-")));
        }
        return text.append(String.format("%n  ")).append(SAY.text("table.wentOn",
                timeline.wentOn().toMillis())).toString();
    }

    /** Publishes a measured duration and the bound it was judged against. */
    static void publish(TestReporter reporter, String key, Duration measured, Duration bound) {
        reporter.publishEntry(key, String.valueOf(measured.toMillis()));
        reporter.publishEntry(key.replaceFirst("Ms$", "") + "BoundMs",
                String.valueOf(bound.toMillis()));
    }
}
