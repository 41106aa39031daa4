package conclab.isolation;

import static org.junit.jupiter.api.Assertions.fail;

import conclab.harness.BoundedWait;
import conclab.harness.CallDidNotReturn;
import conclab.harness.Timing;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.TestReporter;

/**
 * What the isolation tests share: values chosen at run time (so that nothing can be hard-coded),
 * and calls into the code under test that can neither hang the test nor leave a child JVM behind.
 */
final class IsolationTestKit {

    /**
     * How long a whole child run may take: a JVM start (a few hundred milliseconds of CPU, more on
     * a busy machine), one line of output, and the join. Only a hang comes near it.
     */
    static final Duration CHILD_BOUND = Timing.upperBound(Duration.ofSeconds(3));

    /** The lecture's initial value of {@code money}: what every fresh program starts with. */
    static final int INITIAL_MONEY = 100;

    /**
     * How long a thread run may take: it only reads and writes a variable, but on a busy machine
     * starting a thread and waking the one that joins it can take a few hundred milliseconds.
     * Only a thread that is never started or never joined comes near it.
     */
    static final Duration THREAD_BOUND = Timing.upperBound(Duration.ofSeconds(1));

    private IsolationTestKit() {
    }

    /** {@code count} distinct values, none of them 100, some negative: chosen anew every run. */
    static int[] values(int count) {
        Set<Integer> seen = new HashSet<>();
        int[] values = new int[count];
        ThreadLocalRandom random = ThreadLocalRandom.current();
        for (int i = 0; i < count; i++) {
            int value;
            do {
                value = random.nextBoolean() ? random.nextInt(1_000, 1_000_000)
                        : -random.nextInt(1_000, 1_000_000);
            } while (value == INITIAL_MONEY || !seen.add(value));
            values[i] = value;
        }
        return values;
    }

    static long myPid() {
        return ProcessHandle.current().pid();
    }

    /** {@code Isolation.inChildProcess(newValue)}, bounded; publishes how long it took. */
    static Sighting inChildProcess(int newValue, TestReporter reporter) throws Exception {
        return inChildProcess(newValue, reporter, "childRun");
    }

    /**
     * {@code Isolation.inChildProcess(newValue)}, bounded; publishes how long it took as
     * {@code KEYMs} and its bound as {@code KEYBoundMs}.
     */
    static Sighting inChildProcess(int newValue, TestReporter reporter, String key)
            throws Exception {
        return bounded("Isolation.inChildProcess(" + newValue + ")", CHILD_BOUND, key,
                reporter, "it must start the child JVM, read what it prints to the end, and"
                        + " waitFor() it; a child whose output nobody reads blocks when the pipe"
                        + " is full, and a child that waits for input waits forever (close its"
                        + " standard input, or give it none).",
                () -> Isolation.inChildProcess(newValue));
    }

    /** {@code Isolation.inThread(newValue)}, bounded; publishes how long it took. */
    static Sighting inThread(int newValue, TestReporter reporter) throws Exception {
        return inThread(newValue, reporter, "threadRun");
    }

    /** {@code Isolation.inThread(newValue)}, bounded; publishes as {@code KEYMs}, {@code KEYBoundMs}. */
    static Sighting inThread(int newValue, TestReporter reporter, String key) throws Exception {
        return bounded("Isolation.inThread(" + newValue + ")", THREAD_BOUND, key, reporter,
                "it must start one thread that calls look(newValue), join() it, and return.",
                () -> Isolation.inThread(newValue));
    }

    /**
     * {@link BoundedWait#within}, publishing how long the call took; if it has not finished after
     * {@code bound}, also kills every process this JVM started since the call began.
     */
    private static <T> T bounded(String what, Duration bound, String key, TestReporter reporter,
                                 String advice, Callable<T> call) throws Exception {
        Instant began = Instant.now();
        long start = System.nanoTime();
        try {
            T result = BoundedWait.within(bound, what, advice, call);
            publish(reporter, key, System.nanoTime() - start, bound);
            return result;
        } catch (CallDidNotReturn e) {
            reporter.publishEntry(key + "Ms", ">" + bound.toMillis());
            reporter.publishEntry(key + "BoundMs", String.valueOf(bound.toMillis()));
            int killed = killChildrenStartedSince(began);
            throw new CallDidNotReturn(what + " did not return within " + bound.toMillis() + " ms"
                    + (killed > 0 ? " (" + killed + " process(es) it started were still running"
                    + " and have been killed)" : "") + ". " + advice, bound);
        }
    }

    private static void publish(TestReporter reporter, String key, long nanos, Duration bound) {
        reporter.publishEntry(key + "Ms", String.valueOf(TimeUnit.NANOSECONDS.toMillis(nanos)));
        reporter.publishEntry(key + "BoundMs", String.valueOf(bound.toMillis()));
    }

    /** Kills the processes this JVM started (with theirs) since {@code instant}. */
    static int killChildrenStartedSince(Instant instant) {
        int[] killed = {0};
        ProcessHandle.current().children()
                .filter(child -> child.info().startInstant()
                        .map(started -> !started.isBefore(instant.minusSeconds(1))).orElse(true))
                .forEach(child -> {
                    child.descendants().forEach(ProcessHandle::destroyForcibly);
                    if (child.destroyForcibly()) {
                        killed[0]++;
                    }
                });
        return killed[0];
    }

    /** Whether the process {@code pid} still runs (false once it has ended and been reaped). */
    static boolean running(long pid) {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }
}
