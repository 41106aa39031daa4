package conclab.isolation;

import conclab.harness.BoundedWait;
import conclab.harness.CallDidNotReturn;
import conclab.harness.CodeUnderTest;
import conclab.harness.Say;
import conclab.harness.Timing;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;
import org.junit.jupiter.api.TestReporter;

/**
 * What the isolation tests share: values chosen at run time (so that nothing can be hard-coded),
 * calls into the code under test that can neither hang the test nor leave a child JVM behind,
 * and what the operating system says about the processes such a call started, watched from
 * outside ({@link CodeUnderTest}) while it ran: a child's sighting is believed only for a process
 * that the call really started.
 *
 * <p>Every text a student reads is in {@code IsolationTestKit.properties} (and {@code _zh_CN}),
 * with the hints of the failures the kit finds itself (a call that does not return).
 */
final class IsolationTestKit {

    static final Say SAY = Say.of(IsolationTestKit.class);

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

    /**
     * {@code count} distinct values, none of them 100, chosen anew every run; the even-numbered
     * ones positive, the odd-numbered ones negative (so that a sign lost on the way is always
     * seen where a test uses one).
     */
    static int[] values(int count) {
        Set<Integer> seen = new HashSet<>();
        int[] values = new int[count];
        ThreadLocalRandom random = ThreadLocalRandom.current();
        for (int i = 0; i < count; i++) {
            int value;
            do {
                value = random.nextInt(1_000, 1_000_000) * (i % 2 == 0 ? 1 : -1);
            } while (!seen.add(value));
            values[i] = value;
        }
        return values;
    }

    /** The pid of the JVM that runs the code under test, where a thread's sighting comes from. */
    static long myPid() {
        return CodeUnderTest.pid();
    }

    /** The pid of that JVM's parent, as the code under test numbers pids, or -1. */
    static long myParentPid() {
        return CodeUnderTest.process().parent().map(CodeUnderTest::reportedPid).orElse(-1L);
    }

    /** {@code Isolation.money} in the code under test. */
    static int money() {
        return (Integer) CodeUnderTest.readStatic(Isolation.class, "money");
    }

    /** Sets {@code Isolation.money} in the code under test. */
    static void money(int value) {
        CodeUnderTest.writeStatic(Isolation.class, "money", value);
    }

    /**
     * What one call of {@code inChildProcess} returned, and what the operating system said of the
     * processes it started: those seen while it ran, and those still running when it returned.
     */
    record ChildRun(Sighting sighting, Set<Long> started, Set<Long> runningAtReturn,
                    String watched) {
    }

    /** {@code Isolation.inChildProcess(newValue)}, bounded and watched; publishes how long it took. */
    static ChildRun inChildProcess(int newValue, TestReporter reporter) throws Exception {
        return inChildProcess(newValue, reporter, "childRun");
    }

    /**
     * {@code Isolation.inChildProcess(newValue)}, bounded, watching the processes it starts;
     * publishes how long it took as {@code KEYMs} and its bound as {@code KEYBoundMs}.
     */
    static ChildRun inChildProcess(int newValue, TestReporter reporter, String key)
            throws Exception {
        try (ChildWatch watch = new ChildWatch()) {
            Sighting sighting = bounded("Isolation.inChildProcess(" + newValue + ")", CHILD_BOUND,
                    key, reporter, watch, "child", () -> Isolation.inChildProcess(newValue));
            Set<Long> running = watch.running();
            Set<Long> started = watch.started();
            watch.killNew();
            return new ChildRun(sighting, started, running, watch.looked());
        }
    }

    /** {@code Isolation.inThread(newValue)}, bounded; publishes how long it took. */
    static Sighting inThread(int newValue, TestReporter reporter) throws Exception {
        return inThread(newValue, reporter, "threadRun");
    }

    /** {@code Isolation.inThread(newValue)}, bounded; publishes as {@code KEYMs}, {@code KEYBoundMs}. */
    static Sighting inThread(int newValue, TestReporter reporter, String key) throws Exception {
        return bounded("Isolation.inThread(" + newValue + ")", THREAD_BOUND, key, reporter, null,
                "thread", () -> Isolation.inThread(newValue));
    }

    /**
     * What one thread of the test saw: {@code look(money)} called by that thread itself (which
     * changes nothing), then {@code inThread(newValue)} called by the same thread, and whether the
     * thread named by the second sighting was still alive when {@code inThread} returned.
     */
    record ThreadRun(Sighting caller, Sighting thread, boolean threadAliveAfter) {
    }

    /**
     * From one thread, {@code look(money)} and then {@code inThread(newValue)}, bounded: the
     * first sighting names the calling thread (as the code under test numbers threads), so the
     * second one can be told apart from it.
     */
    static ThreadRun lookThenInThread(int newValue, TestReporter reporter) throws Exception {
        return bounded(SAY.text("call.lookThenThread", newValue), THREAD_BOUND, "threadRun",
                reporter, null, "lookThenThread", () -> {
                    Sighting caller = Isolation.look(money());
                    Sighting thread = Isolation.inThread(newValue);
                    boolean alive = thread != null && CodeUnderTest.threads().stream()
                            .anyMatch(t -> t.id() == thread.threadId());
                    return new ThreadRun(caller, thread, alive);
                });
    }

    /**
     * {@link BoundedWait#within}, publishing how long the call took; if it has not finished after
     * {@code bound}, also kills every process the code under test started since the call began.
     * {@code kind} names the advice ({@code advice.KIND}) and the hint ({@code returns.KIND}) of
     * a call that does not return.
     */
    private static <T> T bounded(String what, Duration bound, String key, TestReporter reporter,
                                 ChildWatch watch, String kind, Callable<T> call)
            throws Exception {
        ChildWatch children = watch != null ? watch : new ChildWatch(false);
        String advice = SAY.text("advice." + kind);
        long start = System.nanoTime();
        try {
            T result = BoundedWait.within(bound, what, advice, call);
            publish(reporter, key, System.nanoTime() - start, bound);
            return result;
        } catch (CallDidNotReturn e) {
            reporter.publishEntry(key + "Ms", ">" + bound.toMillis());
            reporter.publishEntry(key + "BoundMs", String.valueOf(bound.toMillis()));
            int killed = children.killNew();
            CallDidNotReturn late = killed > 0 ? new CallDidNotReturn(SAY.text("didNotReturn.killed",
                    what, bound.toMillis(), killed, advice), bound) : e;
            SAY.hinting("returns." + kind, () -> {
                throw late;
            });
            throw late; // not reached: hinting rethrows it
        } finally {
            if (watch == null) {
                children.close();
            }
        }
    }

    private static void publish(TestReporter reporter, String key, long nanos, Duration bound) {
        reporter.publishEntry(key + "Ms", String.valueOf(TimeUnit.NANOSECONDS.toMillis(nanos)));
        reporter.publishEntry(key + "BoundMs", String.valueOf(bound.toMillis()));
    }

    /**
     * Watches, while a call of the code under test goes on, the processes its JVM starts: every
     * 30 ms (a child JVM lives a few hundred at least), by the pids the code under test knows
     * them by. What it finds comes from the operating system, never from a sighting; it kills
     * only what {@link CodeUnderTest#descendant} returns.
     */
    static final class ChildWatch implements AutoCloseable {

        private static final long PERIOD_NANOS = TimeUnit.MILLISECONDS.toNanos(30);

        private final Set<Long> before;
        private final Set<Long> started = ConcurrentHashMap.newKeySet();
        private final Thread watcher;
        private volatile boolean done;
        private final java.util.concurrent.atomic.AtomicInteger looks =
                new java.util.concurrent.atomic.AtomicInteger();
        private volatile Throwable failure;

        ChildWatch() {
            this(true);
        }

        /** A watch that only looks when asked, if {@code watching} is false. */
        ChildWatch(boolean watching) {
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
            }, "isolation-test-watch");
            watcher.setDaemon(true);
            if (watching) {
                watcher.start();
            }
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

        /** Kills what the code under test started since the watch began; how many were alive. */
        int killNew() {
            int killed = 0;
            for (ProcessHandle child : newChildren().values()) {
                try {
                    child.descendants().forEach(ProcessHandle::destroyForcibly);
                    if (child.destroyForcibly()) {
                        killed++;
                    }
                } catch (RuntimeException e) {
                    // gone already
                }
            }
            return killed;
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
}
