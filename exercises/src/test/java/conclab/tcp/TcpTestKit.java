package conclab.tcp;

import static conclab.harness.BoundedWait.within;
import static org.junit.jupiter.api.Assertions.fail;

import conclab.harness.BoundedWait;
import conclab.harness.CallDidNotReturn;
import conclab.harness.CodeUnderTest;
import conclab.harness.CodeUnderTest.ThreadView;
import conclab.harness.Say;
import conclab.harness.Timing;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.junit.jupiter.api.TestReporter;

/**
 * What the tcp tests share: real sockets on the loopback address, each with a read timeout, and
 * calls into the code under test that can neither hang the test nor wait longer than a bound.
 *
 * <p>Every text a student reads is in {@code TcpTestKit.properties} (and {@code _zh_CN}), with
 * the hints of the failures the kit finds itself (a server that does not return from start or
 * close, a thread that is not a daemon or does not end, a port of every interface, an echo
 * that does not come whole).
 */
final class TcpTestKit {

    static final Say SAY = Say.of(TcpTestKit.class);

    /** The loopback address the server must listen on. */
    static final InetAddress LOOPBACK = loopback();

    /**
     * How long a peer waits for bytes that a correct server sends at once (in well under a
     * millisecond): generous, so that a busy machine never fails a correct server.
     */
    static final Duration REPLY_WAIT = Timing.upperBound(Duration.ofMillis(250));

    /** How long {@code start} and {@code close} may take: they only open or close sockets. */
    static final Duration LIFECYCLE_WAIT = Timing.upperBound(Duration.ofMillis(250));

    /** Name of the helper threads that run calls into the code under test. */
    static final String CALL_THREAD = BoundedWait.CALL_THREAD;

    /**
     * Another loopback address, where Linux and Windows answer for all of 127.0.0.0/8; empty
     * where it cannot be bound (macOS configures 127.0.0.1 only). A server listening on 127.0.0.1
     * leaves its port free on 127.0.0.2; one listening on every interface takes it there too.
     */
    static final Optional<InetAddress> SECOND_LOOPBACK = secondLoopback();

    /**
     * How many servers a hidden test starts and closes, looking at once each time whether close()
     * returned before its thread had ended: a thread that close() does not wait for usually ends
     * within microseconds of its sockets' closing, so one look may miss it; many rarely do.
     */
    static final int CLOSE_ROUNDS = 10;

    private TcpTestKit() {
    }

    /** Starts an echo server, failing the test if {@code start} does not return in time. */
    static TcpEchoServer startServer(int port) throws Exception {
        return SAY.hinting("startReturns", () -> within(LIFECYCLE_WAIT,
                "TcpEchoServer.start(" + port + ")", SAY.text("start.advice"),
                () -> TcpEchoServer.start(port)));
    }

    /**
     * Closes a server within the lifecycle bound and returns the threads started since
     * {@code before} that still run the exercise's code, looked at the moment {@code close()}
     * returned, on the thread that called it: close() returns only once its thread has ended, so
     * this must be empty ({@link #expectEndedWhenCloseReturned}).
     */
    static List<ThreadView> closeAndLook(TcpEchoServer server, Set<Long> before) throws Exception {
        return SAY.hinting("closeReturns", () -> within(LIFECYCLE_WAIT, "TcpEchoServer.close()",
                SAY.text("close.advice"), () -> {
                    server.close();
                    return exerciseThreads(before);
                }));
    }

    /** Closes a server, failing the test if {@code close} does not return in time. */
    static void closeWithin(TcpEchoServer server) throws Exception {
        SAY.hinting("closeReturns", () -> within(LIFECYCLE_WAIT, "TcpEchoServer.close()",
                SAY.text("close.advice"), () -> {
                    server.close();
                    return null;
                }));
    }

    /**
     * Starts a server from a thread of the test's own that is not a daemon: a thread takes the
     * daemon status of the thread that creates it, so only a server started this way shows
     * whether it makes its thread a daemon itself (as {@code main} would start it).
     */
    static TcpEchoServer startFromANonDaemonThread(int port) throws Exception {
        FutureTask<TcpEchoServer> start = new FutureTask<>(() -> TcpEchoServer.start(port));
        Thread starter = new Thread(start, "tcp-test-non-daemon-starter");
        starter.setDaemon(false); // like main; it ends as soon as start() returns
        BoundedWait.announce(LIFECYCLE_WAIT);
        starter.start();
        try {
            return start.get(LIFECYCLE_WAIT.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            starter.interrupt();
            CallDidNotReturn late = new CallDidNotReturn(SAY.text("didNotReturn",
                    "TcpEchoServer.start(" + port + ")", LIFECYCLE_WAIT.toMillis(),
                    SAY.text("start.advice")), LIFECYCLE_WAIT);
            SAY.hinting("startReturns", () -> {
                throw late;
            });
            throw late; // not reached: hinting rethrows it
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
    }

    /** The ids of the code under test's live threads, to tell the threads a server starts later. */
    static Set<Long> threadIds() {
        return CodeUnderTest.threads().stream().map(ThreadView::id).collect(Collectors.toSet());
    }

    /**
     * The live threads of the code under test that were not in {@code before} and show code of
     * the exercise on their stacks (not the tests' code, not the helper threads that make the
     * tests' calls): the threads a server started.
     */
    static List<ThreadView> exerciseThreads(Set<Long> before) {
        return CodeUnderTest.threads().stream()
                .filter(thread -> !before.contains(thread.id()))
                .filter(thread -> !thread.name().equals(CALL_THREAD))
                .filter(thread -> thread.stack().stream().anyMatch(TcpTestKit::isExerciseCode))
                .toList();
    }

    /**
     * Fails unless {@code runningWhenClosed}, the threads of the exercise seen the moment
     * {@code close()} returned, is empty: close() returns only once its serving thread has ended.
     * Called after {@link #expectThreadsEnd}, so that a thread that never ends is told as such.
     */
    static void expectEndedWhenCloseReturned(List<ThreadView> runningWhenClosed) {
        if (!runningWhenClosed.isEmpty()) {
            SAY.hinting("joinThread", () -> fail(SAY.text("threadsAfterClose",
                    describe(runningWhenClosed))));
        }
    }

    /** {@code 'tcp-echo-server-4000' (RUNNABLE, daemon)}, for messages. */
    static String describe(List<ThreadView> threads) {
        return threads.stream().map(thread -> SAY.text(thread.daemon() ? "thread.daemon"
                : "thread.notDaemon", thread.name(), thread.state()))
                .collect(Collectors.joining(SAY.text("list.separator")));
    }

    private static boolean isExerciseCode(StackTraceElement frame) {
        String name = frame.getClassName();
        if (!name.startsWith("conclab.tcp.")) {
            return false;
        }
        String topLevel = name.substring("conclab.tcp.".length()).split("\\$", 2)[0];
        return !topLevel.endsWith("Test") && !topLevel.equals("TcpTestKit");
    }

    /** Fails unless every thread of the server (started since {@code before}) is a daemon. */
    static void expectDaemons(Set<Long> before) {
        List<ThreadView> notDaemons = exerciseThreads(before).stream()
                .filter(thread -> !thread.daemon()).toList();
        if (!notDaemons.isEmpty()) {
            SAY.hinting("daemon", () -> fail(SAY.text("notDaemon", describe(notDaemons))));
        }
    }

    /**
     * Waits (briefly) until no thread started since {@code before} runs the exercise's code any
     * more: close() must end the server's threads. Publishes how long that took.
     */
    static void expectThreadsEnd(Set<Long> before, TestReporter reporter) {
        Duration bound = Timing.upperBound(Duration.ofMillis(100));
        long closedAt = System.nanoTime();
        BoundedWait.announce(bound);
        try {
            org.awaitility.Awaitility.await().atMost(bound).pollInSameThread()
                    .pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(5))
                    .until(() -> exerciseThreads(before).isEmpty());
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            SAY.hinting("threadsEnd", () -> fail(SAY.text("threadsRun", bound.toMillis(),
                    describe(exerciseThreads(before)))));
        }
        publish(reporter, "threadsEndedMs", System.nanoTime() - closedAt, bound);
    }

    /**
     * Fails if a server listening on {@code port} took the port on every interface rather than
     * on 127.0.0.1 only (checked on 127.0.0.2 where the machine has it; elsewhere not at all).
     */
    static void expectLoopbackOnly(int port, String server) throws IOException {
        if (SECOND_LOOPBACK.isEmpty()) {
            return; // no second loopback address here: nothing to check it with
        }
        try (ServerSocket beside = new ServerSocket(port, 1, SECOND_LOOPBACK.get())) {
            if (beside.getLocalPort() != port) {
                fail(SAY.text("rebound", "127.0.0.2", port, beside.getLocalPort()));
            }
        } catch (BindException e) {
            SAY.hinting("loopbackOnly", () -> fail(SAY.text("everyInterface", server, port,
                    e.getMessage())));
        }
    }

    /**
     * Whether {@code thread}, inside a call to the code under test, is blocked in a socket read
     * that found no bytes yet: then the bytes sent so far have been taken, and the next ones
     * arrive on their own.
     */
    static boolean waitsForBytes(Thread thread) {
        for (StackTraceElement frame : CodeUnderTest.stackOf(thread)) {
            String type = frame.getClassName();
            String method = frame.getMethodName();
            // a read with a timeout polls; one without blocks in read0 (JDK 17's NioSocketImpl)
            if ((type.startsWith("sun.nio.ch.") && (method.equals("park") || method.equals("poll")
                    || method.equals("read0"))) || method.equals("socketRead0")) {
                return true;
            }
        }
        return false;
    }

    /**
     * Waits (briefly) until {@code caller}, inside a call to the code under test, has run since
     * its CPU time was {@code ranBefore} and waits in a socket read again: then it has taken the
     * bytes sent before, and the next ones arrive on their own (a thread merely seen in a read
     * may be about to return with them, and two pieces would arrive as one). Returns early when
     * {@code done} says the call is over; gives up quietly after a bound (another JDK's
     * internals), so that the rest is sent anyway.
     */
    static void awaitWaitingForMore(Thread caller, long ranBefore,
                                    java.util.function.BooleanSupplier done) {
        try {
            org.awaitility.Awaitility.await().atMost(Timing.upperBound(Duration.ofMillis(100)))
                    .pollInSameThread().pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(1))
                    .until(() -> done.getAsBoolean() || (ranSince(caller, ranBefore)
                            && waitsForBytes(caller)));
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            // not seen waiting: send the rest anyway
        }
    }

    /** Whether {@code thread} used CPU time after {@code before} (always, where it is not counted). */
    private static boolean ranSince(Thread thread, long before) {
        long now = CodeUnderTest.cpuTimeNanos(thread);
        return before < 0 || now < 0 || now > before;
    }

    /** Publishes a measured duration and the bound it was judged against: {@code fooMs}, {@code fooBoundMs}. */
    static void publish(TestReporter reporter, String key, long nanos, Duration bound) {
        reporter.publishEntry(key, String.valueOf(TimeUnit.NANOSECONDS.toMillis(nanos)));
        reporter.publishEntry(key.replaceFirst("Ms$", "") + "BoundMs",
                String.valueOf(bound.toMillis()));
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** {@code length} arbitrary bytes, the same ones on every run. */
    static byte[] arbitraryBytes(int length) {
        byte[] bytes = new byte[length];
        new Random(length).nextBytes(bytes);
        return bytes;
    }

    /** A short human description of some bytes, for failure messages. */
    static String describe(byte[] bytes) {
        if (bytes.length == 0) {
            return SAY.text("bytes.none");
        }
        String text = new String(bytes, StandardCharsets.UTF_8);
        boolean printable = Arrays.equals(bytes, utf8(text))
                && text.codePoints().allMatch(c -> c >= 0x20 && c != 0x7f);
        if (printable && text.length() <= 60) {
            return SAY.text("bytes.text", text, bytes.length);
        }
        int shown = Math.min(bytes.length, 16);
        return SAY.text("bytes.hex", bytes.length, HexFormat.ofDelimiter(" ").formatHex(bytes, 0,
                shown) + (shown < bytes.length ? " ..." : ""));
    }

    private static Optional<InetAddress> secondLoopback() {
        try {
            InetAddress second = InetAddress.getByAddress("localhost", new byte[] {127, 0, 0, 2});
            try (ServerSocket probe = new ServerSocket(0, 1, second)) {
                return Optional.of(second);
            }
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static InetAddress loopback() {
        try {
            return InetAddress.getByAddress("localhost", new byte[] {127, 0, 0, 1});
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    /** What a peer's read found: bytes, the end of the stream, a reset, or nothing in time. */
    enum Ending { END_OF_STREAM, RESET, TIMED_OUT }

    /**
     * A client played by the test: a socket connected to the server with a read timeout of
     * {@link #REPLY_WAIT}, whose reads keep what arrived even when they fail.
     */
    static final class Peer implements AutoCloseable {

        private final String name;
        private final Socket socket;
        private long sentAt;
        private long maxLatencyNanos;

        Peer(String name, int port) throws IOException {
            this.name = name;
            this.socket = new Socket();
            try {
                socket.connect(new InetSocketAddress(LOOPBACK, port), (int) REPLY_WAIT.toMillis());
                socket.setSoTimeout((int) REPLY_WAIT.toMillis());
                socket.setTcpNoDelay(true);
            } catch (IOException e) {
                socket.close();
                throw e;
            }
        }

        String name() {
            return name;
        }

        Socket socket() {
            return socket;
        }

        /** The longest time this peer waited between a send and the whole echo. */
        long maxLatencyNanos() {
            return maxLatencyNanos;
        }

        void send(byte[] bytes) throws IOException {
            sentAt = System.nanoTime();
            socket.getOutputStream().write(bytes);
            socket.getOutputStream().flush();
        }

        /**
         * Reads exactly {@code expected.length} bytes and checks that they are {@code expected};
         * fails, saying what did arrive and {@code whenMissing}, if they do not come within
         * {@link #REPLY_WAIT} of the last byte.
         */
        void expectEcho(byte[] expected, String whenMissing) throws IOException {
            ByteArrayOutputStream got = new ByteArrayOutputStream();
            Ending ending = readUpTo(got, expected.length);
            byte[] echo = got.toByteArray();
            if (ending != null) {
                String how = switch (ending) {
                    case END_OF_STREAM -> SAY.text("ended.closed");
                    case RESET -> SAY.text("ended.reset");
                    case TIMED_OUT -> SAY.text("ended.timedOut", REPLY_WAIT.toMillis());
                };
                fail(SAY.text("echo.missing", name, describe(expected), describe(echo), how,
                        whenMissing));
            }
            maxLatencyNanos = Math.max(maxLatencyNanos, System.nanoTime() - sentAt);
            if (!Arrays.equals(expected, echo)) {
                SAY.hinting("echo.bytes", () -> fail(SAY.text("echo.wrong", name,
                        describe(expected), describe(echo))));
            }
        }

        /** How many bytes have arrived and wait to be read, without waiting for any. */
        int waiting() throws IOException {
            return socket.getInputStream().available();
        }

        /** Sends {@code message} and expects its echo. */
        void exchange(String message, String whenMissing) throws IOException {
            send(utf8(message));
            expectEcho(utf8(message), whenMissing);
        }

        /**
         * Waits for the server to end the connection: its end of the stream (or a reset). Returns
         * how it ended, or {@link Ending#TIMED_OUT} if it did not within {@link #REPLY_WAIT};
         * bytes that arrive instead are reported in {@code unexpected}.
         */
        Ending awaitEnd(ByteArrayOutputStream unexpected) throws IOException {
            Ending ending = readUpTo(unexpected, Integer.MAX_VALUE);
            return ending == null ? Ending.TIMED_OUT : ending;
        }

        /** Reads into {@code into} until {@code limit} bytes came or the read ended otherwise. */
        private Ending readUpTo(ByteArrayOutputStream into, int limit) throws IOException {
            InputStream in = socket.getInputStream();
            byte[] buffer = new byte[8192];
            while (into.size() < limit) {
                int n;
                try {
                    n = in.read(buffer, 0, Math.min(buffer.length, limit - into.size()));
                } catch (SocketTimeoutException e) {
                    return Ending.TIMED_OUT;
                } catch (SocketException e) {
                    return Ending.RESET;
                }
                if (n == -1) {
                    return Ending.END_OF_STREAM;
                }
                into.write(buffer, 0, n);
            }
            return null;
        }

        /** Half-closes: the server's next read after our bytes returns -1; we can still read. */
        void shutdownOutput() throws IOException {
            socket.shutdownOutput();
        }

        /** Leaves rudely: SO_LINGER 0 makes close() send an RST instead of a FIN. */
        void reset() throws IOException {
            socket.setSoLinger(true, 0);
            socket.close();
        }

        @Override
        public void close() {
            try {
                socket.close();
            } catch (IOException e) {
                // nothing to do
            }
        }
    }

    /**
     * A one-connection server played by the test, for the client's tests: it accepts one
     * connection, with a read timeout of {@link #REPLY_WAIT}.
     */
    static final class FakeServer implements AutoCloseable {

        private final ServerSocket listener;
        private Socket connection;

        FakeServer() throws IOException {
            listener = new ServerSocket(0, 1, LOOPBACK);
            listener.setSoTimeout((int) REPLY_WAIT.toMillis());
        }

        InetSocketAddress address() {
            return new InetSocketAddress(LOOPBACK, listener.getLocalPort());
        }

        /** Accepts the client's connection, or fails if none came within {@link #REPLY_WAIT}. */
        Socket accept() throws IOException {
            try {
                connection = listener.accept();
            } catch (SocketTimeoutException e) {
                fail(SAY.text("noConnection", address(), REPLY_WAIT.toMillis()));
            }
            connection.setSoTimeout((int) REPLY_WAIT.toMillis());
            connection.setTcpNoDelay(true);
            return connection;
        }

        Socket connection() {
            return connection;
        }

        @Override
        public void close() {
            try {
                if (connection != null) {
                    connection.close();
                }
                listener.close();
            } catch (IOException e) {
                // nothing to do
            }
        }
    }
}
