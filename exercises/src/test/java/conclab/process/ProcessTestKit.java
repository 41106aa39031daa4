package conclab.process;

import static conclab.harness.BoundedWait.within;
import static org.junit.jupiter.api.Assertions.fail;

import conclab.harness.Intervals;
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
 * a pid from the operating system.
 */
final class ProcessTestKit {

    /**
     * How long a child JVM may take to start, run a few lines and end: seconds on a busy
     * machine. Only a wrong implementation (a child that never starts, a join that never
     * returns) ever waits this long.
     */
    static final Duration CHILD_LIFETIME = Duration.ofSeconds(15);

    private ProcessTestKit() {
    }

    /** How long {@code start()} may take: it only asks the operating system for a process. */
    static final Duration START_BOUND = Timing.upperBound(Duration.ofMillis(500));

    /**
     * Starts a child that will not end before the test lets it go, failing the test (instead of
     * hanging it) if {@code start()} waits for the child.
     */
    static void startGated(JvmProcess p) throws Exception {
        within(START_BOUND, p.name() + ".start()", "The child waits until the test lets it go,"
                + " which the test does only after start() has returned: start() must create the"
                + " child and return at once, without waiting for it (no waitFor(), no join(), no"
                + " reading its output to the end).", p::start);
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
            within(Duration.ofSeconds(1), call, "It must refuse at once: " + why, () -> {
                try {
                    executable.execute();
                } catch (Exception | Error e) {
                    throw e;
                } catch (Throwable t) {
                    throw new AssertionError(t);
                }
                return null;
            });
            return fail(call + " returned normally; it must throw " + expected.getSimpleName()
                    + ": " + why);
        } catch (UnsupportedOperationException todo) {
            throw todo;
        } catch (AssertionError e) {
            throw e;
        } catch (Exception e) {
            thrown = e;
        }
        if (!expected.isInstance(thrown)) {
            throw new AssertionError(call + " must throw " + expected.getName() + " (" + why
                    + "), but it threw " + thrown, thrown);
        }
        return expected.cast(thrown);
    }

    /** Whether the process {@code pid} has ended, as the operating system sees it. */
    static boolean ended(long pid) {
        return ProcessHandle.of(pid).map(ProcessTestKit::ended).orElse(true);
    }

    private static boolean ended(ProcessHandle process) {
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

    /**
     * Ends the child's {@code lived} interval if the operating system says the child {@code pid}
     * has ended: a handle that only says so leaves the life open, as the test saw it.
     */
    static void seenToEnd(Intervals lives, long pid) {
        if (ended(pid)) {
            lives.end("child", "lived");
        }
    }

    /**
     * Ends a test's child, whatever the code under test does: through the operating system, by
     * pid. Quiet: it runs in {@code finally} blocks.
     */
    static void kill(JvmProcess process) {
        FutureTask<Long> pid = new FutureTask<>(process::pid);
        Thread helper = new Thread(pid, "process-test-kill");
        helper.setDaemon(true);
        helper.start();
        try {
            kill(pid.get(1, TimeUnit.SECONDS));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            // never started, or pid() does not answer: nothing we can find
        }
    }

    static void kill(long pid) {
        ProcessHandle.of(pid).ifPresent(handle -> {
            handle.descendants().forEach(ProcessHandle::destroyForcibly);
            handle.destroyForcibly();
        });
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
        return shown.isEmpty() ? "(no output at all)" : "\n--- the child's output ---\n" + shown
                + (shown.endsWith("\n") ? "" : "\n") + "---";
    }

    /** Publishes a measured duration and the bound it was judged against. */
    static void publish(TestReporter reporter, String key, long nanos, Duration bound) {
        reporter.publishEntry(key, String.valueOf(TimeUnit.NANOSECONDS.toMillis(nanos)));
        reporter.publishEntry(key.replaceFirst("Ms$", "") + "BoundMs",
                String.valueOf(bound.toMillis()));
    }

    /**
     * The test's side of {@link ProcessTasks.Gated}: a loopback port the child connects to, and
     * the means to let it go. Closing the gate lets the child go too (it sees the end of the
     * connection), so a test that fails half-way never leaves a child waiting.
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
         * Waits until the child {@code pid} has connected, and returns the pid it sent: from then
         * on the child is up and waits for {@link #release()}. Fails the test if the child ends
         * or does not connect within {@code bound}.
         */
        long awaitChild(Duration bound, long pid, Supplier<String> output) throws IOException {
            long deadline = System.nanoTime() + bound.toNanos();
            server.setSoTimeout(50);
            while (child == null) {
                try {
                    child = server.accept();
                } catch (SocketTimeoutException e) {
                    if (ended(pid)) {
                        return fail("the child (pid " + pid + ") ended without running its task."
                                + " Did start() run SpawnMain with the task's class and arguments,"
                                + " and does SpawnMain run the task?" + quoted(output.get()));
                    }
                    if (System.nanoTime() > deadline) {
                        return fail("the child (pid " + pid + ") did not run its task within "
                                + bound.toMillis() + " ms of start()." + quoted(output.get()));
                    }
                }
            }
            child.setSoTimeout((int) bound.toMillis());
            String line = new BufferedReader(new InputStreamReader(child.getInputStream(),
                    StandardCharsets.US_ASCII)).readLine();
            if (line == null) {
                return fail("the child connected but sent nothing" + quoted(output.get()));
            }
            return Long.parseLong(line.trim());
        }

        /** Lets the waiting child end. */
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
