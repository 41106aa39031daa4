package conclab.ipc;

import static conclab.harness.BoundedWait.within;
import static org.junit.jupiter.api.Assertions.fail;

import conclab.harness.BoundedWait;
import conclab.harness.CodeUnderTest;
import conclab.harness.Intervals;
import conclab.harness.Timing;
import conclab.lab.ChildJvm;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.FutureTask;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.TestReporter;

/**
 * What the ipc tests share: real child JVMs running {@link IpcChild} against the code under test,
 * and calls into that code that can neither hang a test nor leave a child behind. The children's
 * lives, and the parent's gets and closes, are noted as the test saw them
 * ({@link Intervals#CHILDREN}).
 */
final class IpcTestKit {

    /**
     * How long a child may take to start and do a small job: a JVM start (a few hundred
     * milliseconds of CPU, more on a busy machine) and a few thousand messages.
     */
    static final Duration CHILD_BOUND = Timing.upperBound(Duration.ofSeconds(4));

    /**
     * How long a {@code get} may wait for a message that has already been put: it only has to
     * cross the loopback connection. Generous, so that a busy machine never fails a correct queue.
     */
    static final Duration DELIVERY = Timing.upperBound(Duration.ofMillis(500));

    /** How long getting all the messages of a test may take, when each is there at once. */
    static final Duration DRAIN_BOUND = Timing.upperBound(Duration.ofSeconds(2));

    /** How long creating or closing a queue may take: a socket is opened or closed. */
    static final Duration LIFECYCLE = Timing.upperBound(Duration.ofMillis(250));

    /** Messages that a framing by lines, or a careless encoding, would break (see {@link IpcChild#ODD}). */
    static final List<String> ODD = IpcChild.ODD;

    private IpcTestKit() {
    }

    /** Creates the parent's queue, failing the test if {@code create()} does not return in time. */
    static ProcessQueue create() throws Exception {
        return within(LIFECYCLE, "ProcessQueue.create()", "create() must bind the server socket,"
                + " start a thread that accepts children, and return; it must not accept in the"
                + " calling thread.", ProcessQueue::create);
    }

    /**
     * Creates the parent's queue from a new thread that is not a daemon, as a program's
     * {@code main} thread is not: a thread the queue starts inherits that, unless the queue makes
     * it a daemon itself. (The test's own helper threads are daemons.)
     */
    static ProcessQueue createFromAUserThread() throws Exception {
        return within(LIFECYCLE, "ProcessQueue.create()", "create() must bind the server socket,"
                + " start a thread that accepts children, and return.", () -> {
                    FutureTask<ProcessQueue> task = new FutureTask<>(ProcessQueue::create);
                    Thread user = new Thread(task, "ipc-test-main");
                    user.setDaemon(false);
                    user.start();
                    try {
                        return task.get();
                    } catch (java.util.concurrent.ExecutionException e) {
                        throw e.getCause() instanceof Exception cause ? cause : e;
                    }
                });
    }

    /** Closes a queue, failing the test if {@code close()} does not return in time. */
    static void close(ProcessQueue queue) throws Exception {
        Intervals lives = Intervals.of(Intervals.CHILDREN);
        lives.begin("parent", "close()");
        within(LIFECYCLE, "close()", "close() must close the sockets (which wakes the threads"
                + " blocked on them) rather than wait for those threads.", () -> {
                    queue.close();
                    return null;
                });
        lives.end("parent", "close()");
    }

    /**
     * Gets {@code count} messages in the parent, each within {@link #DELIVERY}, and publishes
     * the slowest get; fails (naming how many came) if one does not come.
     */
    static List<String> drain(ProcessQueue queue, int count, String what, TestReporter reporter)
            throws Exception {
        List<String> got = Collections.synchronizedList(new ArrayList<>());
        long[] slowest = {0};
        Intervals lives = Intervals.of(Intervals.CHILDREN);
        String gets = "gets (" + count + " messages)";
        lives.begin("parent", gets);
        try {
            within(DRAIN_BOUND, "getting " + count + " messages", "each get must return at once"
                    + " a message that is there, and a get(timeout) must never wait longer than"
                    + " its timeout.", () -> {
                        for (int i = 0; i < count; i++) {
                            long start = System.nanoTime();
                            try {
                                got.add(queue.get(DELIVERY));
                            } catch (TimeoutException e) {
                                fail(what + ": only " + got.size() + " of " + count
                                        + " messages arrived; the next one did not come within "
                                        + DELIVERY.toMillis() + " ms. " + lost(got, count));
                            } finally {
                                slowest[0] = Math.max(slowest[0], System.nanoTime() - start);
                            }
                        }
                        return null;
                    });
            lives.end("parent", gets);
        } finally {
            publish(reporter, "slowestGetMs", slowest[0], DELIVERY);
        }
        return new ArrayList<>(got);
    }

    private static String lost(List<String> got, int count) {
        return got.isEmpty() ? "Does the parent read what its children send (a thread per"
                + " connection, reading message after message), and does each put flush?"
                : "The last one that came was \"" + abbreviate(got.get(got.size() - 1)) + "\".";
    }

    /** Checks that a get finds the queue empty: nothing more was put, nothing came twice. */
    static void expectEmpty(ProcessQueue queue, String what) throws Exception {
        Duration wait = Duration.ofMillis(100);
        within(Timing.upperBound(wait), "get(" + wait.toMillis() + " ms) on an empty queue",
                "get must give up after its timeout with a TimeoutException.", () -> {
                    try {
                        String extra = queue.get(wait);
                        fail(what + ", but one more came: \"" + abbreviate(extra) + "\". Is a"
                                + " message delivered twice?");
                    } catch (TimeoutException expected) {
                        // empty, as it should be
                    }
                    return null;
                });
    }

    /**
     * Checks that {@code got} is exactly {@code expected}, in order; otherwise fails and says
     * what went wrong first: a message lost, one that came twice, or one out of order.
     */
    static void expectExactly(List<String> expected, List<String> got, String what) {
        if (expected.equals(got)) {
            return;
        }
        Map<String, Integer> expectedCounts = new HashMap<>();
        expected.forEach(m -> expectedCounts.merge(m, 1, Integer::sum));
        Map<String, Integer> gotCounts = new HashMap<>();
        got.forEach(m -> gotCounts.merge(m, 1, Integer::sum));
        String stranger = got.stream().filter(m -> !expectedCounts.containsKey(m)).findFirst()
                .orElse(null);
        for (String m : expected) {
            if (!gotCounts.containsKey(m)) {
                fail(what + ": \"" + abbreviate(m) + "\" never arrived" + (stranger != null
                        ? ", and \"" + abbreviate(stranger) + "\", which was never put, did."
                        + " Frame each message (its length first, e.g. writeUTF/readUTF): a"
                        + " message may contain line breaks, and TCP may split or join what you"
                        + " write."
                        : ". A queue must never drop a message: keep every one until it is got"
                        + " (no bounded buffer that refuses when full)."));
            }
        }
        for (String m : got) {
            int times = gotCounts.get(m);
            if (times > expectedCounts.getOrDefault(m, 0)) {
                fail(what + ": \"" + abbreviate(m) + "\" arrived " + times + " times but was"
                        + " put " + expectedCounts.getOrDefault(m, 0) + " times; every message"
                        + " must be got exactly once.");
            }
        }
        for (int i = 0; i < Math.min(got.size(), expected.size()); i++) {
            if (!got.get(i).equals(expected.get(i))) {
                fail(what + ": message " + i + " should be \"" + abbreviate(expected.get(i))
                        + "\" but was \"" + abbreviate(got.get(i)) + "\": messages must come"
                        + " out in the order they went in (first in, first out).");
            }
        }
        fail(what + ": expected " + expected.size() + " messages, got " + got.size());
    }

    static String abbreviate(String message) {
        String shown = message.replace("\r", "\\r").replace("\n", "\\n").replace("\0", "\\0");
        return shown.length() <= 40 ? shown
                : shown.substring(0, 30) + "... (" + message.length() + " characters)";
    }

    /** {@code PREFIX0} .. {@code PREFIX(count-1)}. */
    static List<String> numbered(String prefix, int count) {
        List<String> messages = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            messages.add(prefix + i);
        }
        return messages;
    }

    static void publish(TestReporter reporter, String key, long nanos, Duration bound) {
        reporter.publishEntry(key, String.valueOf(TimeUnit.NANOSECONDS.toMillis(nanos)));
        reporter.publishEntry(key.replaceFirst("Ms$", "") + "BoundMs",
                String.valueOf(bound.toMillis()));
    }

    /**
     * One {@code get(timeout)} of a queue, made on a thread of the test's own, which notes when
     * it began and ended. The test can wait until the call waits inside {@code get} (its thread
     * waiting, as {@link CodeUnderTest} sees the thread doing its work), so that what it does
     * next happens while the get waits, not before.
     */
    static final class Getter {

        private final String call;
        private final Thread thread;
        private final FutureTask<Object> task;
        private volatile long began;
        private volatile long ended;

        Getter(ProcessQueue queue, Duration timeout, String name) {
            call = "get(" + timeout.toMillis() + " ms)";
            task = new FutureTask<>(() -> {
                began = System.nanoTime();
                try {
                    return queue.get(timeout);
                } catch (Exception e) {
                    return e;
                } finally {
                    ended = System.nanoTime();
                }
            });
            thread = new Thread(task, name);
            thread.setDaemon(true);
            thread.start();
        }

        /**
         * Waits, at most {@code bound}, until the get waits inside {@code ProcessQueue.get}:
         * fails if it returns first (nothing was put), or never waits.
         */
        void awaitWaiting(Duration bound) throws Exception {
            BoundedWait.announce(bound);
            long deadline = System.nanoTime() + bound.toNanos();
            Thread.State state = null;
            while (System.nanoTime() < deadline) {
                if (task.isDone()) {
                    Object outcome = task.get();
                    if (outcome instanceof UnsupportedOperationException todo) {
                        throw todo;
                    }
                    fail(call + " on an empty queue returned before anything was put: "
                            + describe(outcome) + ". It must wait for a message, up to its"
                            + " timeout.");
                }
                state = CodeUnderTest.stateOf(thread);
                if ((state == Thread.State.WAITING || state == Thread.State.TIMED_WAITING)
                        && insideGet()) {
                    return;
                }
                java.util.concurrent.locks.LockSupport.parkNanos(1_000_000); // poll, every ms
            }
            fail(call + " on an empty queue never waited within " + bound.toMillis() + " ms (its"
                    + " thread was " + state + "): while the queue is empty and time is left, get"
                    + " must wait (Object.wait, Condition.awaitNanos, BlockingQueue.poll with the"
                    + " time left), not spin.");
        }

        /**
         * Waits, at most {@code bound}, until the get is inside {@code ProcessQueue.get}, waiting
         * or reading (a connected end waits in a socket read, which the JDK calls RUNNABLE).
         */
        void awaitInsideGet(Duration bound) throws Exception {
            BoundedWait.announce(bound);
            long deadline = System.nanoTime() + bound.toNanos();
            while (System.nanoTime() < deadline) {
                if (task.isDone()) {
                    Object outcome = task.get();
                    if (outcome instanceof UnsupportedOperationException todo) {
                        throw todo;
                    }
                    fail(call + " on an empty queue returned before anything happened: "
                            + describe(outcome) + ". It must wait for a message, up to its"
                            + " timeout.");
                }
                if (insideGet()) {
                    return;
                }
                java.util.concurrent.locks.LockSupport.parkNanos(1_000_000); // poll, every ms
            }
            fail(call + " was not under way " + bound.toMillis() + " ms after it was called");
        }

        /**
         * Waits, at most {@code bound}, until the get reads from a socket inside
         * {@code ProcessQueue.get}: a connected end's get that has sent its request and waits for
         * the answer. False if it was not seen doing so within the bound (an end may read on a
         * thread of its own); fails only if the get returned.
         */
        boolean awaitReadingASocket(Duration bound) throws Exception {
            BoundedWait.announce(bound);
            long deadline = System.nanoTime() + bound.toNanos();
            while (System.nanoTime() < deadline) {
                if (task.isDone()) {
                    Object outcome = task.get();
                    if (outcome instanceof UnsupportedOperationException todo) {
                        throw todo;
                    }
                    fail(call + " on an empty queue returned before anything happened: "
                            + describe(outcome) + ". It must wait for a message, up to its"
                            + " timeout.");
                }
                boolean reading = false;
                for (StackTraceElement frame : CodeUnderTest.stackOf(thread)) {
                    String owner = frame.getClassName();
                    if ((owner.startsWith("java.net.") || owner.startsWith("sun.nio.ch."))
                            && frame.getMethodName().toLowerCase(java.util.Locale.ROOT)
                            .contains("read")) {
                        reading = true; // a socket read, below ...
                    } else if (reading && owner.startsWith(ProcessQueue.class.getName())
                            && frame.getMethodName().equals("get")) {
                        return true; // ... ProcessQueue.get
                    }
                }
                java.util.concurrent.locks.LockSupport.parkNanos(1_000_000); // poll, every ms
            }
            return false;
        }

        private boolean insideGet() {
            for (StackTraceElement frame : CodeUnderTest.stackOf(thread)) {
                if (frame.getClassName().startsWith(ProcessQueue.class.getName())
                        && frame.getMethodName().equals("get")) {
                    return true;
                }
            }
            return false;
        }

        boolean done() {
            return task.isDone();
        }

        /** What the get returned (a message) or threw, waiting at most {@code bound}; empty if it still waits. */
        Optional<Object> outcome(Duration bound) throws Exception {
            try {
                return Optional.of(task.get(bound.toNanos(), TimeUnit.NANOSECONDS));
            } catch (TimeoutException e) {
                return Optional.empty();
            }
        }

        /** How long the get took, once it is done. */
        long tookNanos() {
            return ended - began;
        }

        /** When it ended ({@link System#nanoTime()}), once it is done. */
        long endedNanos() {
            return ended;
        }

        String call() {
            return call;
        }

        static String describe(Object outcome) {
            return outcome instanceof String message ? "\"" + abbreviate(message) + "\""
                    : String.valueOf(outcome);
        }
    }

    /** The ids of the threads the code under test runs now. */
    static java.util.Set<Long> threadIds() {
        java.util.Set<Long> ids = new java.util.HashSet<>();
        CodeUnderTest.threads().forEach(thread -> ids.add(thread.id()));
        return ids;
    }

    /** The threads of the code under test that are not in {@code before} and not daemons. */
    static List<String> newNonDaemonThreads(java.util.Set<Long> before) {
        List<String> found = new ArrayList<>();
        for (CodeUnderTest.ThreadView thread : CodeUnderTest.threads()) {
            if (!before.contains(thread.id()) && !thread.daemon()
                    && !thread.name().equals("ipc-test-main")) { // the test's own, ending
                found.add("'" + thread.name() + "' (" + thread.state() + ")");
            }
        }
        return found;
    }

    /**
     * The local address of the listening TCP socket on {@code port} in the network of the code
     * under test's JVM, as its {@code /proc/PID/net/tcp} and {@code tcp6} tell (Linux); empty
     * where they cannot be read. {@code "127.0.0.1"} for a socket bound to the loopback address.
     */
    static Optional<String> listeningAddress(int port) {
        long pid = CodeUnderTest.process().pid();
        String hexPort = String.format("%04X", port);
        boolean readable = false;
        for (String table : List.of("tcp", "tcp6")) {
            List<String> lines;
            try {
                lines = Files.readAllLines(Path.of("/proc", String.valueOf(pid), "net", table));
                readable = true;
            } catch (IOException | RuntimeException e) {
                continue;
            }
            for (String line : lines) {
                String[] f = line.trim().split("\\s+");
                if (f.length > 3 && f[3].equals("0A") && f[1].endsWith(":" + hexPort)) {
                    return Optional.of(address(f[1].substring(0, f[1].indexOf(':'))));
                }
            }
        }
        return readable ? Optional.of("(no listening socket on port " + port + ")")
                : Optional.empty();
    }

    /**
     * Whether the code under test's JVM itself still has a socket listening on {@code port}
     * (Linux: a listening socket in its {@code /proc/PID/net/tcp} or {@code tcp6} whose inode is
     * one of its open files); empty where {@code /proc} cannot tell. Another process that binds
     * the freed port at once is not the code under test's, and does not count.
     */
    static Optional<Boolean> stillListening(int port) {
        long pid = CodeUnderTest.process().pid();
        String hexPort = String.format("%04X", port);
        List<String> inodes = new ArrayList<>();
        try {
            for (String table : List.of("tcp", "tcp6")) {
                for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid), "net",
                        table))) {
                    String[] f = line.trim().split("\\s+");
                    if (f.length > 9 && f[3].equals("0A") && f[1].endsWith(":" + hexPort)) {
                        inodes.add(f[9]);
                    }
                }
            }
            if (inodes.isEmpty()) {
                return Optional.of(false);
            }
            try (var fds = Files.list(Path.of("/proc", String.valueOf(pid), "fd"))) {
                return Optional.of(fds.anyMatch(fd -> {
                    try {
                        String target = Files.readSymbolicLink(fd).toString();
                        return inodes.stream().anyMatch(inode -> target.equals("socket:[" + inode + "]"));
                    } catch (IOException | RuntimeException e) {
                        return false; // closed meanwhile
                    }
                }));
            }
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /**
     * How many connections to the queue on {@code port} the code under test's JVM holds open on
     * the parent's side (Linux: sockets in its {@code /proc/PID/net/tcp} or {@code tcp6} with
     * that local port, not the listening one, whose inode is one of its open files: a socket the
     * parent has closed is not, whatever state TCP keeps it in); empty where {@code /proc}
     * cannot tell.
     */
    static Optional<Integer> parentSideConnections(int port) {
        long pid = CodeUnderTest.process().pid();
        String hexPort = String.format("%04X", port);
        java.util.Set<String> inodes = new java.util.HashSet<>();
        try {
            for (String table : List.of("tcp", "tcp6")) {
                for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid), "net",
                        table))) {
                    String[] f = line.trim().split("\\s+");
                    if (f.length > 9 && !f[3].equals("0A") && f[1].endsWith(":" + hexPort)
                            && !f[9].equals("0")) {
                        inodes.add("socket:[" + f[9] + "]");
                    }
                }
            }
            if (inodes.isEmpty()) {
                return Optional.of(0);
            }
            try (var fds = Files.list(Path.of("/proc", String.valueOf(pid), "fd"))) {
                return Optional.of((int) fds.filter(fd -> {
                    try {
                        return inodes.contains(Files.readSymbolicLink(fd).toString());
                    } catch (IOException | RuntimeException e) {
                        return false; // closed meanwhile
                    }
                }).count());
            }
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /**
     * Waits, at most {@code bound}, until the code under test holds at most {@code most}
     * connections to the queue on {@code port} open on the parent's side, and returns how many
     * it holds then (more than {@code most} if it never came down); empty where {@code /proc}
     * cannot tell ({@link #parentSideConnections(int)}).
     */
    static Optional<Integer> awaitParentSideConnectionsAtMost(int port, int most, Duration bound) {
        BoundedWait.announce(bound);
        long deadline = System.nanoTime() + bound.toNanos();
        while (true) {
            Optional<Integer> open = parentSideConnections(port);
            if (open.isEmpty() || open.get() <= most || System.nanoTime() >= deadline) {
                return open;
            }
            java.util.concurrent.locks.LockSupport.parkNanos(2_000_000); // poll, every 2 ms
        }
    }

    /** The port of a queue address {@code HOST:PORT}. */
    static int portOf(String address) {
        return Integer.parseInt(address.substring(address.lastIndexOf(':') + 1));
    }

    /** A /proc/net address in hex (32-bit words in the machine's order) as text. */
    private static String address(String hex) {
        if (hex.equals("0100007F") || hex.equals("0000000000000000FFFF00000100007F")) {
            return "127.0.0.1";
        }
        if (hex.equals("00000000000000000000000001000000")) {
            return "::1";
        }
        if (hex.matches("0+")) {
            return hex.length() == 8 ? "0.0.0.0 (every address)" : ":: (every address)";
        }
        return hex;
    }

    /**
     * A child JVM running {@link IpcChild}: its output lines as they come, its standard input,
     * and {@link #close()} that kills it (with anything it started) if it still runs.
     */
    static final class Child implements AutoCloseable {

        private static final String EOF = "\0end of output";

        private final String name;
        private final Process process;
        private final Intervals lives;
        private final String who;
        private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        private final List<String> seen = Collections.synchronizedList(new ArrayList<>());

        private Child(String name, Process process, long launched) {
            this.name = name;
            this.process = process;
            lives = Intervals.of(Intervals.CHILDREN);
            who = name.replaceFirst("^the ", "");
            lives.begin(who, "lived", launched);
            // an exit no test waits for is seen here; the JDK calls this a little after waitFor
            // returns, maybe after the test ended, so awaitExit and kill note the exit themselves
            process.onExit().thenRun(this::seenToExit);
            Thread reader = new Thread(this::read, "ipc-child-output");
            reader.setDaemon(true);
            reader.start();
        }

        /**
         * Starts {@code IpcChild JOB ARGS...}, and notes its life: from now until this JVM sees
         * it exit.
         */
        static Child start(String name, String... args) throws IOException {
            long launched = System.nanoTime();
            return new Child(name, ChildJvm.processBuilder(IpcChild.class, args)
                    .redirectErrorStream(true).start(), launched);
        }

        /** Ends the child's life as noted (once: later calls find it ended). */
        private void seenToExit() {
            lives.end(who, "lived");
        }

        private void read() {
            try (BufferedReader out = new BufferedReader(new InputStreamReader(
                    process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = out.readLine(); line != null; line = out.readLine()) {
                    seen.add(line);
                    lines.add(line);
                }
            } catch (IOException e) {
                // killed: the output ends here
            } finally {
                lines.add(EOF);
            }
        }

        long pid() {
            return process.pid();
        }

        /**
         * The next line of the child's output that starts with one of {@code prefixes}, waiting
         * at most {@code bound}; fails with {@code whenMissing} and the child's output if none
         * comes. Lines before it are skipped.
         */
        String awaitLine(Duration bound, String whenMissing, String... prefixes)
                throws InterruptedException {
            BoundedWait.announce(bound);
            long deadline = System.nanoTime() + bound.toNanos();
            while (true) {
                String line = lines.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
                if (line == null || line.equals(EOF)) {
                    if (line != null) {
                        lines.add(EOF);
                    }
                    return fail(name + " (pid " + pid() + ") " + (line == null
                            ? "said nothing of it within " + bound.toMillis() + " ms"
                            : "ended (exit status " + exitStatus() + ") without saying it")
                            + ": " + whenMissing + " Its output: " + output());
                }
                for (String prefix : prefixes) {
                    if (line.startsWith(prefix)) {
                        return line;
                    }
                }
            }
        }

        /**
         * Waits until the child has reported {@code count} messages got, at most {@code bound},
         * and returns how long that took (nanoseconds); fails with {@code whenMissing} and the
         * child's output if it has not.
         */
        long awaitGot(int count, Duration bound, String whenMissing) {
            BoundedWait.announce(bound);
            long start = System.nanoTime();
            try {
                Awaitility.await().atMost(bound).pollDelay(Duration.ZERO)
                        .pollInterval(Duration.ofMillis(5)).until(() -> gotLines() >= count);
                return System.nanoTime() - start;
            } catch (ConditionTimeoutException e) {
                fail(name + " (pid " + pid() + ") had got " + gotLines() + " of " + count
                        + " messages after " + bound.toMillis() + " ms: " + whenMissing
                        + " Its output: " + output());
                return -1;
            }
        }

        private int gotLines() {
            synchronized (seen) {
                return (int) seen.stream().filter(line -> line.startsWith("got ")).count();
            }
        }

        /** The messages the child reported with "got" lines until now, decoded. */
        List<String> got() {
            List<String> got = new ArrayList<>();
            synchronized (seen) {
                for (String line : seen) {
                    if (line.startsWith("got ")) {
                        got.add(new String(Base64.getDecoder().decode(line.substring(4)),
                                StandardCharsets.UTF_8));
                    }
                }
            }
            return got;
        }

        /** Writes a line to the child's standard input. */
        void tell(String line) throws IOException {
            OutputStream in = process.getOutputStream();
            in.write((line + "\n").getBytes(StandardCharsets.UTF_8));
            in.flush();
        }

        /**
         * Waits for the child to end by itself, at most {@code bound}, and checks that it ended
         * well; otherwise fails with {@code advice} and its output.
         */
        void awaitExit(Duration bound, String advice) throws InterruptedException {
            BoundedWait.announce(bound);
            if (!process.waitFor(bound.toNanos(), TimeUnit.NANOSECONDS)) {
                kill();
                fail(name + " (pid " + pid() + ") was still running after " + bound.toMillis()
                        + " ms and has been killed. " + advice + " Its output: " + output());
            }
            seenToExit();
            if (process.exitValue() != 0) {
                fail(name + " failed (exit status " + process.exitValue() + "). " + advice
                        + " Its output: " + output());
            }
        }

        /** Kills the child at once and waits for it to be gone. */
        void kill() throws InterruptedException {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            if (process.waitFor(10, TimeUnit.SECONDS)) {
                seenToExit();
            }
        }

        private String exitStatus() {
            try {
                return String.valueOf(process.waitFor(1, TimeUnit.SECONDS)
                        ? process.exitValue() : "still running");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return "unknown";
            }
        }

        /** What the child printed so far, shortened; messages it got are not repeated. */
        String output() {
            StringBuilder text = new StringBuilder();
            int gotLines = 0;
            synchronized (seen) {
                for (String line : seen) {
                    if (line.startsWith("got ")) {
                        gotLines++;
                        continue;
                    }
                    text.append(line.length() > 300 ? line.substring(0, 300) + "..." : line)
                            .append(" | ");
                    if (text.length() > 2000) {
                        text.append("...");
                        break;
                    }
                }
            }
            return (gotLines > 0 ? "[" + gotLines + " messages got] " : "")
                    + (text.length() == 0 ? "(nothing)" : text.toString());
        }

        @Override
        public void close() throws InterruptedException {
            if (process.isAlive()) {
                kill();
            }
        }
    }
}
