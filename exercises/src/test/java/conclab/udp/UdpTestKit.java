package conclab.udp;

import static conclab.harness.BoundedWait.within;
import static org.junit.jupiter.api.Assertions.fail;

import conclab.harness.BoundedWait;
import conclab.harness.CodeUnderTest;
import conclab.harness.CodeUnderTest.ThreadView;
import conclab.harness.Say;
import conclab.harness.Timing;
import java.io.IOException;
import java.net.BindException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
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
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.junit.jupiter.api.TestReporter;

/**
 * What the udp tests share: real sockets on the loopback address, and calls into the code under
 * test that can neither hang the test nor wait longer than a bound.
 *
 * <p>Every socket here has a receive timeout, so a missing reply fails the test after
 * {@link #REPLY_WAIT} instead of blocking it; every call that could block in student code
 * ({@code start}, {@code close}, {@code request}) runs on a helper thread and is given up after
 * a bound.
 *
 * <p>Every text a student reads is in {@code UdpTestKit.properties} (and {@code _zh_CN}), with
 * the hints of the failures the kit finds itself (a server that does not return from start or
 * close, a thread that is not a daemon or does not end, a port of every interface).
 */
final class UdpTestKit {

    static final Say SAY = Say.of(UdpTestKit.class);

    /** The loopback address the servers must listen on. */
    static final InetAddress LOOPBACK = loopback();

    /**
     * Another loopback address, where Linux and Windows answer for all of 127.0.0.0/8; empty
     * where it cannot be bound (macOS configures 127.0.0.1 only). A socket bound to 127.0.0.1
     * leaves its port free on 127.0.0.2; one bound to every interface (0.0.0.0) takes it there
     * too, and on any other address of the machine.
     */
    static final Optional<InetAddress> SECOND_LOOPBACK = secondLoopback();

    /**
     * How long a probe waits for a reply that a correct server sends at once (in well under a
     * millisecond): generous, so that a busy machine never fails a correct server; a server that
     * drops the datagram fails after this long.
     */
    static final Duration REPLY_WAIT = Timing.upperBound(Duration.ofMillis(250));

    /** How long {@code start} and {@code close} may take: they only open or close a socket. */
    static final Duration LIFECYCLE_WAIT = Timing.upperBound(Duration.ofMillis(250));

    /**
     * How many servers a hidden test starts and closes, looking at once each time whether close()
     * returned before its thread had ended: a thread that close() does not wait for usually ends
     * within microseconds of the socket's closing, so one look may miss it; many rarely do.
     */
    static final int CLOSE_ROUNDS = 10;

    private UdpTestKit() {
    }

    /** Starts an echo server, failing the test if {@code start} does not return in time. */
    static UdpEchoServer startEcho(int port) throws Exception {
        return SAY.hinting("startReturns", () -> within(LIFECYCLE_WAIT,
                "UdpEchoServer.start(" + port + ")", SAY.text("start.advice"),
                () -> UdpEchoServer.start(port)));
    }

    /** Starts a time server, failing the test if {@code start} does not return in time. */
    static UdpTimeServer startTime(int port) throws Exception {
        return SAY.hinting("startReturns", () -> within(LIFECYCLE_WAIT,
                "UdpTimeServer.start(" + port + ")", SAY.text("start.advice"),
                () -> UdpTimeServer.start(port)));
    }

    /** Closes a server, failing the test if {@code close} does not return in time. */
    static void closeWithin(AutoCloseable server, String what) throws Exception {
        SAY.hinting("closeReturns", () -> within(LIFECYCLE_WAIT, what + ".close()",
                SAY.text("close.advice"), () -> {
                    server.close();
                    return null;
                }));
    }

    /**
     * Closes a server as {@link #closeWithin} does, and returns the threads started since
     * {@code before} that still run the exercise's code, looked at the moment {@code close()}
     * returned, on the thread that called it: close() returns only once its thread has ended, so
     * this must be empty ({@link #expectEndedWhenCloseReturned}).
     */
    static List<ThreadView> closeAndLook(AutoCloseable server, String what, Set<Long> before)
            throws Exception {
        return SAY.hinting("closeReturns", () -> within(LIFECYCLE_WAIT, what + ".close()",
                SAY.text("close.advice"), () -> {
                    server.close();
                    return exerciseThreads(before);
                }));
    }

    /**
     * Starts an echo server from a thread of the test's own that is not a daemon: a thread takes
     * the daemon status of the thread that creates it, so only a server started this way shows
     * whether it makes its thread a daemon itself (as {@code main} would start it).
     */
    static UdpEchoServer startEchoFromANonDaemonThread(int port) throws Exception {
        return fromANonDaemonThread("UdpEchoServer.start(" + port + ")",
                () -> UdpEchoServer.start(port));
    }

    /** As {@link #startEchoFromANonDaemonThread}, for the time server. */
    static UdpTimeServer startTimeFromANonDaemonThread(int port) throws Exception {
        return fromANonDaemonThread("UdpTimeServer.start(" + port + ")",
                () -> UdpTimeServer.start(port));
    }

    private static <T> T fromANonDaemonThread(String what, java.util.concurrent.Callable<T> start)
            throws Exception {
        FutureTask<T> task = new FutureTask<>(start);
        Thread starter = new Thread(task, "udp-test-non-daemon-starter");
        starter.setDaemon(false); // like main; it ends as soon as start() returns
        BoundedWait.announce(LIFECYCLE_WAIT);
        starter.start();
        try {
            return task.get(LIFECYCLE_WAIT.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            starter.interrupt();
            conclab.harness.CallDidNotReturn late = new conclab.harness.CallDidNotReturn(
                    SAY.text("didNotReturn", what, LIFECYCLE_WAIT.toMillis(),
                            SAY.text("start.advice")), LIFECYCLE_WAIT);
            SAY.hinting("startReturns", () -> {
                throw late;
            });
            throw late; // not reached: hinting rethrows it
        } catch (java.util.concurrent.ExecutionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
    }

    /** Fails unless every thread started since {@code before} that runs the exercise's code is a daemon. */
    static void expectDaemons(Set<Long> before) {
        List<ThreadView> notDaemons = exerciseThreads(before).stream()
                .filter(thread -> !thread.daemon()).toList();
        if (!notDaemons.isEmpty()) {
            SAY.hinting("daemon", () -> fail(SAY.text("notDaemon", describe(notDaemons))));
        }
    }

    /**
     * {@code call}, a request of the client to {@code server}, made on a helper thread and given
     * {@code bound}. If it has not returned by then, the server answers every request that reached
     * it ("too late"), which frees a client blocked in receive(), and the test fails with
     * {@code what} and {@code advice}; only a call that does not end even then counts as a hang.
     */
    static <T> T requestWithin(Duration bound, Probe server, String what, String advice,
                               java.util.concurrent.Callable<T> call) throws Exception {
        FutureTask<T> task = new FutureTask<>(call);
        Thread caller = new Thread(task, BoundedWait.CALL_THREAD);
        caller.setDaemon(true);
        BoundedWait.announce(bound.plus(REPLY_WAIT));
        caller.start();
        try {
            return task.get(bound.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            server.answerWaitingRequests();
            try {
                task.get(REPLY_WAIT.toNanos(), TimeUnit.NANOSECONDS);
            } catch (TimeoutException stillStuck) {
                caller.interrupt();
                throw new conclab.harness.CallDidNotReturn(SAY.text("didNotReturn", what,
                        bound.toMillis(), advice), bound);
            } catch (java.util.concurrent.ExecutionException ended) {
                // it ended once answered: a plain failure, not a hang
            }
            return fail(SAY.text("didNotReturn", what, bound.toMillis(), advice));
        } catch (java.util.concurrent.ExecutionException e) {
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
                .filter(thread -> thread.state() != Thread.State.TERMINATED)
                .filter(thread -> !thread.name().equals(BoundedWait.CALL_THREAD))
                .filter(thread -> thread.stack().stream().anyMatch(UdpTestKit::isExerciseCode))
                .toList();
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

    /** {@code 'udp-echo-server-4000' (RUNNABLE, daemon)}, for messages. */
    static String describe(List<ThreadView> threads) {
        return threads.stream().map(thread -> SAY.text(thread.daemon() ? "thread.daemon"
                : "thread.notDaemon", thread.name(), thread.state()))
                .collect(Collectors.joining(SAY.text("list.separator")));
    }

    private static boolean isExerciseCode(StackTraceElement frame) {
        String name = frame.getClassName();
        if (!name.startsWith("conclab.udp.")) {
            return false;
        }
        String topLevel = name.substring("conclab.udp.".length()).split("\\$", 2)[0];
        return !topLevel.endsWith("Test") && !topLevel.equals("UdpTestKit");
    }

    /**
     * Fails unless {@code port} is free on 127.0.0.1 (the test binds it for a moment): what a
     * socket leaves once it is closed. A socket of the code under test that is still open on that
     * port, on 127.0.0.1 or on every interface, holds it.
     */
    static void expectFreeOnLoopback(int port, String whenTaken) throws IOException {
        try (DatagramSocket rebound = new DatagramSocket(new InetSocketAddress(LOOPBACK, port))) {
            if (rebound.getLocalPort() != port) {
                fail(SAY.text("rebound", "127.0.0.1", port, rebound.getLocalPort()));
            }
        } catch (BindException e) {
            fail(SAY.text("stillBound", port, e.getMessage(), whenTaken));
        }
    }

    /**
     * Fails if a server on {@code port} took the port on every interface rather than on 127.0.0.1
     * only (checked on 127.0.0.2 where the machine has it; elsewhere not at all).
     */
    static void expectLoopbackOnly(int port, String server) throws IOException {
        if (SECOND_LOOPBACK.isEmpty()) {
            return; // no second loopback address here: nothing to check it with
        }
        try (DatagramSocket beside = new DatagramSocket(
                new InetSocketAddress(SECOND_LOOPBACK.get(), port))) {
            if (beside.getLocalPort() != port) {
                fail(SAY.text("rebound", "127.0.0.2", port, beside.getLocalPort()));
            }
        } catch (BindException e) {
            SAY.hinting("loopbackOnly", () -> fail(SAY.text("everyInterface", server, port,
                    e.getMessage())));
        }
    }

    /** Publishes a measured duration and the bound it was judged against. */
    static void publish(TestReporter reporter, String key, long nanos, Duration bound) {
        reporter.publishEntry(key, String.valueOf(TimeUnit.NANOSECONDS.toMillis(nanos)));
        reporter.publishEntry(key.replaceFirst("Ms$", "") + "BoundMs",
                String.valueOf(bound.toMillis()));
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** {@code length} arbitrary bytes, the same ones on every run (no repeating pattern). */
    static byte[] arbitraryBytes(int length) {
        byte[] bytes = new byte[length];
        new Random(length).nextBytes(bytes);
        return bytes;
    }

    /** A short human description of a datagram's payload, for failure messages. */
    static String describe(byte[] bytes) {
        if (bytes.length == 0) {
            return SAY.text("bytes.empty");
        }
        boolean printable = true;
        for (byte b : bytes) {
            printable &= b >= 0x20 && b < 0x7f;
        }
        if (printable && bytes.length <= 60) {
            return SAY.text("bytes.text", new String(bytes, StandardCharsets.US_ASCII),
                    bytes.length);
        }
        int shown = Math.min(bytes.length, 16);
        return SAY.text("bytes.hex", bytes.length, HexFormat.ofDelimiter(" ").formatHex(bytes, 0,
                shown) + (shown < bytes.length ? " ..." : ""));
    }

    /**
     * Says what probably went wrong when {@code got} came back for {@code expected}: the common
     * mistakes have recognisable fingerprints.
     */
    static String diagnose(byte[] expected, byte[] got) {
        if (got.length > expected.length
                && Arrays.equals(expected, Arrays.copyOf(got, expected.length))) {
            return SAY.text("diagnose.longer");
        }
        if (got.length < expected.length
                && Arrays.equals(got, Arrays.copyOf(expected, got.length))) {
            return SAY.text("diagnose.cut");
        }
        if (containsReplacementCharacter(got) && !containsReplacementCharacter(expected)) {
            return SAY.text("diagnose.replaced");
        }
        return "";
    }

    /** The hint for the mistake {@link #diagnose} recognises, or the general echo hint. */
    static String fingerprint(byte[] expected, byte[] got) {
        if (got.length > expected.length
                && Arrays.equals(expected, Arrays.copyOf(got, expected.length))) {
            return "echo.longer";
        }
        if (got.length < expected.length
                && Arrays.equals(got, Arrays.copyOf(expected, got.length))) {
            return "echo.cut";
        }
        if (containsReplacementCharacter(got) && !containsReplacementCharacter(expected)) {
            return "echo.replaced";
        }
        return "echo.bytes";
    }

    private static String capitalized(String sentence) {
        return sentence.isEmpty() ? sentence
                : Character.toUpperCase(sentence.charAt(0)) + sentence.substring(1);
    }

    private static boolean containsReplacementCharacter(byte[] bytes) {
        for (int i = 0; i + 2 < bytes.length; i++) {
            if (bytes[i] == (byte) 0xEF && bytes[i + 1] == (byte) 0xBF
                    && bytes[i + 2] == (byte) 0xBD) {
                return true;
            }
        }
        return false;
    }

    private static Optional<InetAddress> secondLoopback() {
        try {
            InetAddress second = InetAddress.getByAddress("localhost", new byte[] {127, 0, 0, 2});
            try (DatagramSocket probe = new DatagramSocket(new InetSocketAddress(second, 0))) {
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

    /** A reply as a probe received it. */
    record Reply(byte[] payload, InetSocketAddress from) {
    }

    /**
     * A test's own UDP socket playing one client (or a fake server): bound to
     * {@code 127.0.0.1:0}, with a receive timeout of {@link #REPLY_WAIT}.
     */
    static final class Probe implements AutoCloseable {

        private final String name;
        private final DatagramSocket socket;
        private long sentAt;
        private long maxLatencyNanos;

        Probe(String name) throws IOException {
            this(name, new InetSocketAddress(LOOPBACK, 0));
        }

        /** A probe bound to {@code where}, e.g. a stranger on another loopback address. */
        Probe(String name, InetSocketAddress where) throws IOException {
            this.name = name;
            this.socket = new DatagramSocket(where);
            this.socket.setSoTimeout((int) REPLY_WAIT.toMillis());
        }

        String name() {
            return name;
        }

        int port() {
            return socket.getLocalPort();
        }

        InetSocketAddress address() {
            return (InetSocketAddress) socket.getLocalSocketAddress();
        }

        DatagramSocket socket() {
            return socket;
        }

        /** The longest time this probe waited between a send and the next reply. */
        long maxLatencyNanos() {
            return maxLatencyNanos;
        }

        void send(int port, byte[] payload) throws IOException {
            send(new InetSocketAddress(LOOPBACK, port), payload);
        }

        void send(InetSocketAddress to, byte[] payload) throws IOException {
            sentAt = System.nanoTime();
            socket.send(new DatagramPacket(payload, payload.length, to));
        }

        /** The next datagram, or empty if none came within {@link #REPLY_WAIT}. */
        Optional<Reply> poll() throws IOException {
            byte[] buffer = new byte[UdpClient.MAX_REPLY];
            DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
            try {
                socket.receive(packet);
            } catch (SocketTimeoutException e) {
                return Optional.empty();
            }
            long latency = System.nanoTime() - sentAt;
            maxLatencyNanos = Math.max(maxLatencyNanos, latency);
            return Optional.of(new Reply(Arrays.copyOf(buffer, packet.getLength()),
                    (InetSocketAddress) packet.getSocketAddress()));
        }

        /**
         * A datagram that is already waiting, or empty: looks for 20 ms only. On loopback a
         * datagram is queued at the receiver by the time its {@code send} returns, so this sees
         * whatever was sent before it was called.
         */
        Optional<Reply> pollWaiting() throws IOException {
            int wait = socket.getSoTimeout();
            socket.setSoTimeout(20);
            try {
                return poll();
            } finally {
                socket.setSoTimeout(wait);
            }
        }

        /** Answers "too late" to every request waiting here, so that stuck clients can end. */
        void answerWaitingRequests() throws IOException {
            for (Optional<Reply> request = pollWaiting(); request.isPresent();
                    request = pollWaiting()) {
                send(request.get().from(), utf8("too late"));
            }
        }

        /**
         * The next datagram; fails the test, with {@code whenMissing} as the explanation, if none
         * came within {@link #REPLY_WAIT}.
         */
        Reply receive(String whenMissing) throws IOException {
            return poll().orElseGet(() -> fail(SAY.text("noReply", name, REPLY_WAIT.toMillis(),
                    whenMissing)));
        }

        /**
         * Receives the echo of {@code sent} and checks it: the same bytes, from the server's
         * port.
         */
        void expectEcho(int serverPort, byte[] sent, String whenMissing) throws IOException {
            Reply reply = receive(SAY.text("echo.sent", describe(sent), serverPort,
                    capitalized(whenMissing)));
            if (!Arrays.equals(sent, reply.payload())) {
                String message = SAY.text("echo.wrong", name, describe(sent),
                        describe(reply.payload()), diagnose(sent, reply.payload()));
                SAY.hinting(fingerprint(sent, reply.payload()), () -> fail(message));
            }
            expectFromServer(serverPort, reply);
        }

        /** Checks that a reply came from the server's own socket. */
        void expectFromServer(int serverPort, Reply reply) {
            if (reply.from().getPort() != serverPort) {
                SAY.hinting("fromServer", () -> fail(SAY.text("otherPort", name,
                        reply.from().getPort(), serverPort)));
            }
        }

        @Override
        public void close() {
            socket.close();
        }
    }
}
