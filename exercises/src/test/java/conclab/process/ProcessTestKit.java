package conclab.process;

import static org.junit.jupiter.api.Assertions.fail;

import conclab.harness.BoundedWait;
import conclab.harness.CallDidNotReturn;
import conclab.harness.CodeUnderTest;
import conclab.harness.FailureHint;
import conclab.harness.Intervals;
import conclab.harness.Say;
import conclab.harness.Timing;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.junit.jupiter.api.TestReporter;
import org.junit.jupiter.api.function.Executable;

/**
 * What the process tests share: calls into the code under test that can neither hang a test nor
 * leave a child behind, a gate that holds a child until the test lets it go, and the truth about
 * a child from the operating system.
 *
 * <p>The truth comes from {@link CodeUnderTest}: the test finds the child a handle started among
 * the processes the code under test's JVM started ({@link Launched}), and compares what the
 * handle and the child say with it. It kills only those processes, never a process it was told
 * of: a wrong {@code pid()} is a failed test with its own message, never harm to the machine.
 *
 * <p>Every text a student reads is in {@code ProcessTestKit.properties} (and {@code _zh_CN}),
 * with the hints of the failures the kit finds itself (a start() that waits, starts nothing or
 * returns null, a pid that is not the child's, a child that does not run its task).
 */
final class ProcessTestKit {

    static final Say SAY = Say.of(ProcessTestKit.class);

    /**
     * How long a child JVM may take to start, run a few lines and end: seconds on a busy
     * machine. Only a wrong implementation (a child that never starts, a join that never
     * returns) ever waits this long.
     */
    static final Duration CHILD_LIFETIME = Duration.ofSeconds(15);

    /** How long {@code start()} may take: it only asks the operating system for a process. */
    static final Duration START_BOUND = Timing.upperBound(Duration.ofMillis(500));

    private ProcessTestKit() {
    }

    /** {@link BoundedWait#within}, which says what did not return in the student's language. */
    static <T> T within(Duration bound, String what, String advice,
                        java.util.concurrent.Callable<T> call) throws Exception {
        return BoundedWait.within(bound, what, advice, call);
    }

    /**
     * Starts {@code p} and finds its child among the processes the code under test started,
     * failing the test (and killing what it started) if {@code start()} does not return in
     * time, starts nothing, or if {@code pid()} is not the pid of the child it started.
     */
    static Launched launch(JvmProcess p) throws Exception {
        // how long start() takes is judged by the tests of a gated child (startGated)
        return launch(p, CHILD_LIFETIME, SAY.text("launch.advice"));
    }

    /**
     * Starts a child that will not end before the test lets it go, failing the test (instead of
     * hanging it) if {@code start()} waits for the child.
     */
    static Launched startGated(JvmProcess p) throws Exception {
        return launch(p, START_BOUND, SAY.text("gated.advice"));
    }

    /**
     * {@code p.output()} before {@code p} was started: it must answer at once, with nothing.
     */
    static String outputBeforeStart(JvmProcess p) throws Exception {
        try {
            return SAY.hinting("output.beforeStart", () -> within(Duration.ofSeconds(1),
                    SAY.text("call.outputBeforeStart"), SAY.text("outputBeforeStart.advice"), p::output));
        } catch (UnsupportedOperationException todo) {
            throw todo;
        } catch (RuntimeException e) {
            AssertionError threw = new AssertionError(SAY.text("outputBeforeStart.threw", e), e);
            SAY.hinting("output.beforeStart", () -> {
                throw threw;
            });
            throw threw; // not reached: hinting rethrows it
        }
    }

    private static Launched launch(JvmProcess p, Duration bound, String advice)
            throws Exception {
        Set<Long> before = childPids();
        long launched = System.nanoTime();
        JvmProcess started;
        Map<Long, ProcessHandle> born;
        // Watched from before start(), not looked for after it: a child that ends at once (a task
        // that throws) may be born, end and be reaped before the test's thread runs again.
        try (Births births = new Births(before)) {
            try {
                started = within(bound, p.name() + ".start()", advice,
                        () -> fromAUserThread(p::start));
            } catch (CallDidNotReturn late) {
                births.seen().values().forEach(ProcessTestKit::kill);
                killChildrenSince(before);
                FailureHint.attach(late, SAY.hint("start.returns"));
                throw late;
            } catch (Exception | Error e) {
                births.seen().values().forEach(ProcessTestKit::kill);
                killChildrenSince(before);
                throw e;
            }
            born = births.awaitOne(Duration.ofMillis(200));
        }
        try {
            if (born.isEmpty()) {
                String none = SAY.text("start.nothing", p.name(), p.isAlive(), p.exitCode());
                SAY.hinting("start.spawns", () -> fail(none));
            }
            long pid = pidOf(p);
            ProcessHandle child = born.get(pid);
            if (child == null) {
                String wrong = SAY.text("pid.wrong", p.name(), pid, born.size() == 1
                        ? born.keySet().iterator().next() : born.keySet(),
                        pid == CodeUnderTest.pid() ? SAY.text("pid.parent", pid) : "");
                SAY.hinting("pid.child", () -> fail(wrong));
            }
            return new Launched(p, started, child, pid, born, launched);
        } catch (Exception | Error e) {
            born.values().forEach(ProcessTestKit::kill);
            killChildrenSince(before);
            throw e;
        }
    }

    /**
     * The processes the code under test's JVM starts while a launch goes on, watched every few
     * milliseconds by a thread of the test's, each kept as {@link CodeUnderTest#descendant} gave
     * it when first seen (so that it can be asked about, and killed, even once it has ended).
     */
    private static final class Births implements AutoCloseable {

        private static final long PERIOD_NANOS = TimeUnit.MILLISECONDS.toNanos(5);

        private final Set<Long> before;
        private final Map<Long, ProcessHandle> seen = new java.util.concurrent.ConcurrentHashMap<>();
        private final Thread watcher;
        private volatile boolean done;

        Births(Set<Long> before) {
            this.before = before;
            watcher = new Thread(() -> {
                while (!done) {
                    look();
                    java.util.concurrent.locks.LockSupport.parkNanos(PERIOD_NANOS);
                }
            }, "process-test-births");
            watcher.setDaemon(true);
            watcher.start();
        }

        private void look() {
            try {
                CodeUnderTest.process().children().forEach(child -> {
                    long pid = CodeUnderTest.reportedPid(child);
                    if (!before.contains(pid) && !seen.containsKey(pid)) {
                        CodeUnderTest.descendant(pid).ifPresent(handle -> seen.put(pid, handle));
                    }
                });
            } catch (RuntimeException e) {
                // a process that went away while the JDK read it: the next look sees the rest
            }
        }

        Map<Long, ProcessHandle> seen() {
            return new LinkedHashMap<>(seen);
        }

        /** The children seen so far, waiting at most {@code bound} for a first one. */
        Map<Long, ProcessHandle> awaitOne(Duration bound) {
            long deadline = System.nanoTime() + bound.toNanos();
            look();
            while (seen.isEmpty() && System.nanoTime() < deadline) {
                java.util.concurrent.locks.LockSupport.parkNanos(PERIOD_NANOS);
                look();
            }
            return seen();
        }

        @Override
        public void close() {
            done = true;
        }
    }

    /**
     * Runs {@code call} on a new thread that is not a daemon, as a program's {@code main} thread
     * is not, and waits for it: a thread the call starts inherits that, unless the call makes it a
     * daemon itself. (The test's own helper threads are daemons.)
     */
    static <T> T fromAUserThread(java.util.concurrent.Callable<T> call) throws Exception {
        FutureTask<T> task = new FutureTask<>(call);
        Thread user = new Thread(task, "process-test-main");
        user.setDaemon(false);
        user.start();
        try {
            return task.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Exception exception) {
                throw exception;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw e;
        } catch (InterruptedException e) {
            user.interrupt();
            throw e;
        }
    }

    /** {@code p.pid()}, which must answer at once. */
    private static long pidOf(JvmProcess p) throws Exception {
        return within(Duration.ofSeconds(1), p.name() + ".pid()", SAY.text("pid.advice"), p::pid);
    }

    /**
     * Runs {@code call}, which must throw {@code expected} (within a second: refusing is
     * immediate). The stub's {@code UnsupportedOperationException} goes through as it is, so
     * that an unfinished method says TODO.
     */
    static <T extends Throwable> T expectThrows(Class<T> expected, String call, String why,
                                                Executable executable) throws Exception {
        Throwable thrown;
        try {
            within(Duration.ofSeconds(1), call, SAY.text("refuse.advice", why), () -> {
                try {
                    executable.execute();
                } catch (Exception | Error e) {
                    throw e;
                } catch (Throwable t) {
                    throw new AssertionError(t);
                }
                return null;
            });
            return fail(SAY.text("refuse.returned", call, expected.getSimpleName(), why));
        } catch (UnsupportedOperationException todo) {
            throw todo;
        } catch (AssertionError e) {
            throw e;
        } catch (Exception e) {
            thrown = e;
        }
        if (!expected.isInstance(thrown)) {
            throw new AssertionError(SAY.text("refuse.other", call, expected.getName(), why,
                    thrown), thrown);
        }
        return expected.cast(thrown);
    }

    /**
     * The processes the code under test's JVM has started and that still exist, by the pid the
     * code under test knows them by; each handle is what {@link CodeUnderTest#descendant} gave.
     */
    static Map<Long, ProcessHandle> children() {
        Map<Long, ProcessHandle> children = new LinkedHashMap<>();
        CodeUnderTest.process().children().forEach(child -> {
            long pid = CodeUnderTest.reportedPid(child);
            CodeUnderTest.descendant(pid).ifPresent(handle -> children.put(pid, handle));
        });
        return children;
    }

    private static Set<Long> childPids() {
        return children().keySet();
    }

    /** The children of the code under test that were not there in {@code before}. */
    static Map<Long, ProcessHandle> childrenSince(Set<Long> before) {
        Map<Long, ProcessHandle> born = children();
        born.keySet().removeAll(before);
        return born;
    }

    /** Kills the children the code under test started since {@code before}, with theirs. */
    static void killChildrenSince(Set<Long> before) {
        childrenSince(before).values().forEach(ProcessTestKit::kill);
    }

    /**
     * Kills {@code process} and everything it started. Only ever given a process that
     * {@link CodeUnderTest#descendant} returned. Quiet: it runs in {@code finally} blocks.
     */
    static void kill(ProcessHandle process) {
        try {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        } catch (RuntimeException e) {
            // gone already, or not ours to end: nothing more to do
        }
    }

    /** Whether {@code process} has ended, as the operating system sees it. */
    static boolean ended(ProcessHandle process) {
        if (!process.isAlive()) {
            return true;
        }
        try { // an ended process nobody reaped yet is a zombie: ended, though "alive" to the JDK
            String stat = Files.readString(Path.of("/proc", process.pid() + "", "stat"));
            return stat.charAt(stat.lastIndexOf(')') + 2) == 'Z';
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /** The {@code key=value} lines of a child's output, in order. */
    static Map<String, String> values(String output) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String line : output.split("\\R")) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                values.putIfAbsent(line.substring(0, eq), line.substring(eq + 1));
            }
        }
        return values;
    }

    /** A child's output, quoted for a failure message. */
    static String quoted(String output) {
        String shown = output.length() > 1500 ? output.substring(0, 1500) + "..." : output;
        return shown.isEmpty() ? SAY.text("output.none") : "\n" + SAY.text("output.begin") + "\n"
                + shown + (shown.endsWith("\n") ? "" : "\n") + "---";
    }

    /** Publishes a measured duration and the bound it was judged against. */
    static void publish(TestReporter reporter, String key, long nanos, Duration bound) {
        reporter.publishEntry(key, String.valueOf(TimeUnit.NANOSECONDS.toMillis(nanos)));
        reporter.publishEntry(key.replaceFirst("Ms$", "") + "BoundMs",
                String.valueOf(bound.toMillis()));
    }

    /**
     * The child a handle started, as the operating system knows it: found by the test among the
     * processes the code under test's JVM started, not taken from the handle. Closing it kills
     * the child (and anything it started) if it still runs, and any other process that
     * {@code start()} started beside it.
     */
    static final class Launched implements AutoCloseable {

        private final JvmProcess handle;
        private final JvmProcess started;
        private final ProcessHandle child;
        private final long pid;
        private final Map<Long, ProcessHandle> born;
        private final Intervals lives = Intervals.of(Intervals.CHILDREN);

        private Launched(JvmProcess handle, JvmProcess started, ProcessHandle child, long pid,
                         Map<Long, ProcessHandle> born, long launched) {
            this.handle = handle;
            this.started = started;
            this.child = child;
            this.pid = pid;
            this.born = born;
            lives.begin("child", "lived", launched);
        }

        /** What {@code start()} returned: the handle itself, or the student's mistake. */
        JvmProcess started() {
            if (started == null) {
                SAY.hinting("start.returnThis", () -> fail(SAY.text("start.null", handle.name())));
            }
            return started;
        }

        /** The child's pid, as the code under test numbers pids; {@code pid()} answered it. */
        long pid() {
            return pid;
        }

        /** Whether the child has ended, as the operating system sees it. */
        boolean ended() {
            return ProcessTestKit.ended(child);
        }

        /** Ends the child's {@code lived} interval if the operating system says it has ended. */
        void seenToEnd() {
            if (ended()) {
                lives.end("child", "lived");
            }
        }

        /** The child's output so far, or what the failure to read it was. */
        String output() {
            FutureTask<String> output = new FutureTask<>(handle::output);
            Thread helper = new Thread(output, "process-test-output");
            helper.setDaemon(true);
            helper.start();
            try {
                return output.get(1, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return SAY.text("output.interrupted");
            } catch (ExecutionException | TimeoutException e) {
                return e instanceof TimeoutException ? SAY.text("output.slow")
                        : SAY.text("output.failed", e.getCause());
            }
        }

        @Override
        public void close() {
            born.values().forEach(ProcessTestKit::kill);
        }
    }

    /**
     * The test's side of {@link ProcessTasks.Gated} and {@link ProcessTasks.Lingering}: a
     * loopback port the child connects to, and the means to let it go. Closing the gate lets
     * the child go too (it sees the end of the connection), so a test that fails half-way never
     * leaves a child waiting.
     */
    static final class Gate implements AutoCloseable {

        private final ServerSocket server;
        private Socket child;

        Gate() throws IOException {
            server = new ServerSocket(0, 5, InetAddress.getLoopbackAddress());
        }

        /** The port to give the child as its argument. */
        String port() {
            return String.valueOf(server.getLocalPort());
        }

        /**
         * Waits until the child has connected and checks the pid it sent against the child the
         * operating system knows: from then on the child is up and waits for {@link #release()}.
         * Fails the test if the child ends or does not connect within {@code bound}.
         */
        void awaitChild(Duration bound, Launched launched, Supplier<String> output)
                throws IOException {
            long deadline = System.nanoTime() + bound.toNanos();
            server.setSoTimeout(50);
            while (child == null) {
                try {
                    child = server.accept();
                } catch (SocketTimeoutException e) {
                    if (launched.ended()) {
                        String ended = SAY.text("gate.ended", launched.pid(), quoted(output.get()));
                        SAY.hinting("spawn.runs", () -> fail(ended));
                    }
                    if (System.nanoTime() > deadline) {
                        String slow = SAY.text("gate.slow", launched.pid(), bound.toMillis(),
                                quoted(output.get()));
                        SAY.hinting("spawn.runs", () -> fail(slow));
                    }
                }
            }
            child.setSoTimeout((int) bound.toMillis());
            String line = new BufferedReader(new InputStreamReader(child.getInputStream(),
                    StandardCharsets.US_ASCII)).readLine();
            if (line == null) {
                fail(SAY.text("gate.nothing", quoted(output.get())));
            }
            long said = Long.parseLong(line.trim());
            if (said != launched.pid()) {
                String elsewhere = SAY.text("gate.otherPid", said, launched.pid(),
                        quoted(output.get()));
                SAY.hinting("spawn.inChild", () -> fail(elsewhere));
            }
        }

        /** Lets the waiting child go on. */
        void release() throws IOException {
            if (child != null) {
                child.getOutputStream().write('g');
                child.getOutputStream().flush();
            }
        }

        @Override
        public void close() throws IOException {
            if (child != null) {
                child.close();
            }
            server.close();
        }
    }

}
