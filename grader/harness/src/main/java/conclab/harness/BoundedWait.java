package conclab.harness;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * The waits of a test that have a bound of their own: a call into the code under test that must
 * return in time, a line a child process must print, a condition polled with Awaitility.
 *
 * <p>A test announces such a wait before it begins, so that whoever runs the test knows it is
 * waiting on purpose. The grader stops a test that runs much longer than the reference solution
 * needs on it (a hang); an announced wait moves that point past the wait's own end, so a wrong
 * implementation still fails with the test's own message, after the wait it was given. Under
 * {@code mvn test} nobody listens, and announcing costs nothing.
 *
 * <pre>{@code
 * UdpEchoServer server = BoundedWait.within(Duration.ofSeconds(3), "UdpEchoServer.start(0)",
 *         "start() must bind the socket, start a thread that serves, and return.",
 *         () -> UdpEchoServer.start(0));
 *
 * BoundedWait.announce(bound);
 * await().atMost(bound).until(() -> server.clients() == 2);
 * }</pre>
 */
public final class BoundedWait {

    /** The name of the helper thread that makes the call in {@link #within}. */
    public static final String CALL_THREAD = "conclab-test-call";

    private static volatile Consumer<Duration> listener = bound -> { };

    private BoundedWait() {
    }

    /**
     * Sets who hears the announcements: the grader's test JVM, before any test runs.
     * Code under test that replaces it only loses the announcements of its own tests.
     */
    public static void listen(Consumer<Duration> heard) {
        listener = Objects.requireNonNull(heard, "heard");
    }

    /** Tells whoever runs the test that it now waits up to {@code bound} on purpose. */
    public static void announce(Duration bound) {
        try {
            listener.accept(bound);
        } catch (RuntimeException e) {
            // a lost announcement may cost the test its patience, never its verdict
        }
    }

    /**
     * Runs {@code call} on a helper (daemon) thread named {@value #CALL_THREAD} and returns its
     * result, or rethrows what it threw. If it has not returned after {@code bound}, fails the
     * test with a {@link CallDidNotReturn}: "{@code what} did not return within N ms", then
     * {@code advice}, in the student's language ({@code wait.didNotReturn} of the harness's
     * {@link Messages}: pass {@code what} and {@code advice} in that language too). The helper is interrupted and left behind: a blocked socket call or a
     * busy loop cannot be stopped.
     *
     * @param what   the call, as the student wrote it, e.g. {@code "UdpEchoServer.start(0)"}
     * @param advice what the call must do to return, and what to look for
     */
    public static <T> T within(Duration bound, String what, String advice, Callable<T> call)
            throws Exception {
        announce(bound);
        FutureTask<T> task = new FutureTask<>(call);
        Thread helper = new Thread(task, CALL_THREAD);
        helper.setDaemon(true);
        helper.start();
        try {
            return task.get(bound.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            helper.interrupt(); // wakes a call blocked in an interruptible wait; a spin goes on
            throw new CallDidNotReturn(Messages.get("wait.didNotReturn", what, bound.toMillis(), advice),
                    bound);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof Exception exception) {
                throw exception;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw e;
        }
    }
}
