package conclab.tcp;

import static conclab.tcp.TcpTestKit.REPLY_WAIT;
import static conclab.tcp.TcpTestKit.describe;
import static conclab.tcp.TcpTestKit.utf8;
import static conclab.harness.BoundedWait.within;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import conclab.harness.BoundedWait;
import conclab.harness.CodeUnderTest;
import conclab.harness.Hint;
import conclab.harness.Points;
import conclab.harness.Say;
import conclab.harness.Timing;
import conclab.harness.TimingBoundExceeded;
import conclab.harness.TimingTest;
import conclab.tcp.TcpTestKit.FakeServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;
import org.junit.jupiter.api.Timeout;

/**
 * The client, against a fake echo server played by the test, which records every byte it gets.
 * Every text is in {@code TcpEchoClientTest.properties} (and {@code _zh_CN}); each step that can
 * fail in its own way carries the hint for that way ({@link Say#hinting}).
 */
@Tag("tcp")
@Timeout(10)
class TcpEchoClientTest {

    private static final Say SAY = Say.of(TcpEchoClientTest.class);

    /** The client's timeout in these tests: ample for a server that answers at once. */
    static final Duration TIMEOUT = Duration.ofSeconds(2);

    @Test
    @Points(2)
    @Hint("send")
    void sendsTheStrippedInputAndReturnsItsEcho() throws Exception {
        try (FakeServer server = new FakeServer()) {
            RecordingEcho echo = RecordingEcho.start(server);
            try (TcpEchoClient client = connect(server)) {
                expectEcho(client, "hello", "hello");
                expectEcho(client, "  padded with spaces \t", "padded with spaces");
                expectEcho(client, "你好，TCP", "你好，TCP");
                // U+3000, the full-width space of a Chinese input method, is whitespace too
                expectEcho(client, "\u3000全角\u3000", "全角");
            }
            byte[] received = echo.received();
            SAY.hinting("stripped", () -> assertArrayEquals(
                    utf8("hellopadded with spaces你好，TCP全角"), received,
                    SAY.text("send.received", describe(received))));
        }
    }

    @Test
    @Points(2)
    @Hint("empty")
    void skipsEmptyInputWithoutSending(TestReporter reporter) throws Exception {
        try (FakeServer server = new FakeServer()) {
            RecordingEcho echo = RecordingEcho.start(server);
            Duration bound = Timing.upperBound(Duration.ofMillis(20));
            long slowest = 0;
            try (TcpEchoClient client = connect(server)) {
                for (String nothing : new String[] {"", "   ", "\t \n", "\u3000", " \u3000\t"}) {
                    String call = "send(\"" + nothing.replace("\t", "\\t").replace("\n", "\\n")
                            .replace("\u3000", "\\u3000") + "\")";
                    long start = System.nanoTime();
                    Optional<String> reply = within(bound, call, SAY.text("empty.advice"),
                            () -> client.send(nothing));
                    slowest = Math.max(slowest, System.nanoTime() - start);
                    assertEquals(Optional.empty(), reply, SAY.text("empty.reply", call, reply));
                }
                TcpTestKit.publish(reporter, "emptySendMaxMs", slowest, bound);
                expectEcho(client, "after nothing", "after nothing");
            }
            byte[] received = echo.received();
            SAY.hinting("empty.sent", () -> assertArrayEquals(utf8("after nothing"), received,
                    SAY.text("empty.received", describe(received))));
        }
    }

    @Test
    @Points(1)
    @Hint("close")
    void closeLetsTheServerSeeTheEnd() throws Exception {
        try (FakeServer server = new FakeServer()) {
            RecordingEcho echo = RecordingEcho.start(server);
            TcpEchoClient client = connect(server);
            expectEcho(client, "one message", "one message");
            within(TcpTestKit.LIFECYCLE_WAIT, "TcpEchoClient.close()", SAY.text("close.advice"),
                    () -> {
                        client.close();
                        return null;
                    });
            assertTrue(echo.endedWithinReplyWait(), SAY.text("close.noEnd",
                    REPLY_WAIT.toMillis()));
        }
    }

    @Test
    @Points(2)
    @Hint("pieces")
    void readsAnEchoThatArrivesInPieces() throws Exception {
        try (FakeServer server = new FakeServer()) {
            TcpEchoClient client = connect(server);
            try (client) {
                Socket connection = server.accept();
                echoInPieces(client, connection, "in two pieces", 3);
                echoInPieces(client, connection, "你好", 4); // cut inside the second character
                echoInPieces(client, connection, "😀", 2);   // inside a 4-byte character
            }
        }
    }

    /**
     * Calls {@code client.send(message)}; the fake server (this thread) reads the message, then
     * echoes it cut at {@code cuts}, sending each next piece only once the client is waiting for
     * more bytes (or has already returned, wrongly). No sleeping: the client's thread is watched.
     */
    static void echoInPieces(TcpEchoClient client, Socket connection, String message,
                             int... cuts) throws Exception {
        byte[] bytes = utf8(message);
        FutureTask<Optional<String>> call = new FutureTask<>(() -> client.send(message));
        Thread caller = new Thread(call, TcpTestKit.CALL_THREAD);
        caller.setDaemon(true);
        BoundedWait.announce(REPLY_WAIT.plus(Timing.upperBound(Duration.ofMillis(100))
                .multipliedBy(cuts.length)));
        caller.start();

        InputStream in = connection.getInputStream();
        OutputStream out = connection.getOutputStream();
        byte[] request = in.readNBytes(bytes.length);
        SAY.hinting("utf8", () -> assertArrayEquals(bytes, request, SAY.text("pieces.request",
                bytes.length, describe(request))));
        // Nothing sent yet: the client, once it waits in a read, waits for the first piece.
        TcpTestKit.awaitWaitingForMore(caller, -1, call::isDone);
        int from = 0;
        for (int cut : cuts) {
            long ran = CodeUnderTest.cpuTimeNanos(caller);
            out.write(bytes, from, cut - from);
            out.flush();
            from = cut;
            TcpTestKit.awaitWaitingForMore(caller, ran, call::isDone);
            if (call.isDone()) {
                break;
            }
        }
        if (!call.isDone()) {
            out.write(bytes, from, bytes.length - from);
            out.flush();
        }
        Optional<String> echo;
        try {
            echo = call.get(REPLY_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            echo = SAY.hinting("byteCount", () -> fail(SAY.text("pieces.stuck", message,
                    REPLY_WAIT.toMillis())));
        } catch (java.util.concurrent.ExecutionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
        assertEquals(Optional.of(message), echo, SAY.text("pieces.wrong", message, bytes.length,
                java.util.Arrays.toString(cuts)));
    }

    @Test
    @Points(1)
    @Hint("eof")
    void aServerThatLeavesMidEchoIsAnError() throws Exception {
        try (FakeServer server = new FakeServer()) {
            TcpEchoClient client = connect(server);
            try (client) {
                Socket connection = server.accept();
                expectEofAfter(client, connection, "ten bytes!", 3);
            }
        }
    }

    /**
     * The client sends {@code message}; the fake server echoes its first {@code sent} bytes and
     * closes the connection: send(...) must throw EOFException.
     */
    static void expectEofAfter(TcpEchoClient client, Socket connection, String message, int sent)
            throws Exception {
        byte[] bytes = utf8(message);
        FutureTask<Optional<String>> call = new FutureTask<>(() -> client.send(message));
        Thread caller = new Thread(call, TcpTestKit.CALL_THREAD);
        caller.setDaemon(true);
        BoundedWait.announce(REPLY_WAIT);
        caller.start();
        connection.getInputStream().readNBytes(bytes.length);
        connection.getOutputStream().write(bytes, 0, sent);
        connection.close(); // part of the echo, then the end of the stream
        String what = SAY.text("eof.what", sent, bytes.length);
        Optional<String> reply;
        try {
            reply = call.get(REPLY_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            reply = SAY.hinting("eof.stop", () -> fail(SAY.text("eof.stuck", message,
                    REPLY_WAIT.toMillis(), what)));
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof java.io.EOFException) {
                return; // as documented
            }
            if (e.getCause() instanceof UnsupportedOperationException todo) {
                throw todo;
            }
            AssertionError wrong = new AssertionError(SAY.text("eof.threw", what, e.getCause()),
                    e.getCause());
            SAY.hinting("eof.type", () -> {
                throw wrong;
            });
            throw wrong; // not reached: hinting rethrows it
        }
        Optional<String> returned = reply;
        SAY.hinting("eof.partial", () -> fail(SAY.text("eof.returned", what, returned)));
    }

    @TimingTest
    @Points(2)
    @Hint("timeout")
    void timesOutWhenTheServerNeverAnswers(TestReporter reporter) throws Exception {
        Duration timeout = Duration.ofMillis(200);
        try (FakeServer server = new FakeServer()) {
            TcpEchoClient client = within(TcpTestKit.LIFECYCLE_WAIT, "connect(server, 200 ms)",
                    SAY.text("connect.advice"),
                    () -> TcpEchoClient.connect(server.address(), timeout));
            try (client) {
                Socket silent = server.accept(); // reads nothing, answers nothing
                expectTimeout(client, "anyone?", silent, timeout, SAY.text("timeout.silent"),
                        reporter);
            }
        }
    }

    /**
     * {@code client.send(input)} must throw SocketTimeoutException after the client's timeout
     * and within its bound; if it does not return by then, {@code silent} is closed (the stuck
     * read sees the end of the stream), and the bound is exceeded.
     */
    static void expectTimeout(TcpEchoClient client, String input, Socket silent,
                              Duration timeout, String situation, TestReporter reporter)
            throws Exception {
        Duration bound = Timing.upperBound(timeout);
        String call = SAY.text("timeout.call", input, situation, timeout.toMillis());
        long[] elapsed = new long[1];
        FutureTask<Optional<String>> task = new FutureTask<>(() -> {
            long start = System.nanoTime();
            try {
                return client.send(input);
            } finally {
                elapsed[0] = System.nanoTime() - start;
            }
        });
        Thread caller = new Thread(task, TcpTestKit.CALL_THREAD);
        caller.setDaemon(true);
        BoundedWait.announce(bound);
        caller.start();
        Optional<String> reply;
        try {
            reply = task.get(bound.toNanos(), TimeUnit.NANOSECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            silent.close(); // frees a client stuck in read(): it sees the end of the stream
            reporter.publishEntry("clientTimeoutElapsedMs", ">" + bound.toMillis());
            reporter.publishEntry("clientTimeoutBoundMs", String.valueOf(bound.toMillis()));
            throw new TimingBoundExceeded(SAY.text("timeout.stillWaiting", call,
                    bound.toMillis()), bound, bound);
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof SocketTimeoutException) {
                TcpTestKit.publish(reporter, "clientTimeoutElapsedMs", elapsed[0], bound);
                SAY.hinting("timeout.whole", () -> assertTrue(elapsed[0] >= timeout.toNanos(),
                        SAY.text("timeout.early", call, TimeUnit.NANOSECONDS.toMillis(elapsed[0]))));
                Timing.assertWithin(Duration.ofNanos(elapsed[0]), bound, call,
                        SAY.text("timeout.givenAdvice"));
                return; // as documented
            }
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
        fail(SAY.text("timeout.returned", call, reply));
    }

    @TimingTest
    @Points(2)
    @Hint("connect")
    void connectGivesUpInTime(TestReporter reporter) throws Exception {
        // Nobody listens: refused at once.
        int closedPort;
        try (ServerSocket finder = new ServerSocket(0, 1, TcpTestKit.LOOPBACK)) {
            closedPort = finder.getLocalPort(); // free again once this closes
        }
        InetSocketAddress nobody = new InetSocketAddress(TcpTestKit.LOOPBACK, closedPort);
        try {
            within(TcpTestKit.LIFECYCLE_WAIT, SAY.text("refused.call", nobody),
                    SAY.text("refused.advice"),
                    () -> TcpEchoClient.connect(nobody, TIMEOUT)).close();
            fail(SAY.text("refused.returned", nobody));
        } catch (java.net.ConnectException expected) {
            // as documented
        } catch (IOException e) {
            SAY.hinting("asItIs", () -> fail(SAY.text("refused.threw", e), e));
        }

        // A timeout that is not positive: refused before connecting.
        try (FakeServer server = new FakeServer()) {
            for (Duration bad : new Duration[] {Duration.ZERO, Duration.ofMillis(-1)}) {
                try {
                    within(TcpTestKit.LIFECYCLE_WAIT, "connect(server, " + bad + ")",
                            SAY.text("positive.advice"),
                            () -> TcpEchoClient.connect(server.address(), bad)).close();
                    SAY.hinting("positive", () -> fail(SAY.text("positive.returned", bad)));
                } catch (IllegalArgumentException expected) {
                    // as documented
                } catch (IOException e) {
                    SAY.hinting("positive", () -> fail(SAY.text("positive.threw", bad, e), e));
                }
            }
        }

        // A listener whose backlog is full: the operating system drops the connection attempt,
        // and only the timeout ends connect().
        Duration timeout = Duration.ofMillis(250);
        Duration bound = Timing.upperBound(timeout);
        try (FullBacklog full = FullBacklog.open()) {
            if (full.isEmpty()) {
                reporter.publishEntry("connectTimeout", "not judged: this system refuses or"
                        + " queues connections to a full backlog");
                return;
            }
            long[] elapsed = new long[1];
            FutureTask<Throwable> call = new FutureTask<>(() -> {
                long start = System.nanoTime();
                try {
                    TcpEchoClient.connect(full.address(), timeout).close();
                    return null; // a connection was made: the backlog had room after all
                } catch (Exception e) {
                    return e;
                } finally {
                    elapsed[0] = System.nanoTime() - start;
                }
            });
            Thread caller = new Thread(call, TcpTestKit.CALL_THREAD);
            caller.setDaemon(true);
            BoundedWait.announce(bound);
            caller.start();
            Throwable outcome;
            try {
                outcome = call.get(bound.toNanos(), TimeUnit.NANOSECONDS);
            } catch (java.util.concurrent.TimeoutException e) {
                full.close(); // now the next attempt is refused, and the stuck connect() ends
                reporter.publishEntry("connectTimeoutElapsedMs", ">" + bound.toMillis());
                reporter.publishEntry("connectTimeoutBoundMs", String.valueOf(bound.toMillis()));
                throw new TimingBoundExceeded(SAY.text("full.stillWaiting", bound.toMillis()),
                        bound, bound);
            }
            TcpTestKit.publish(reporter, "connectTimeoutElapsedMs", elapsed[0], bound);
            if (outcome == null) {
                // No client can make a connection the system refuses: the test's own attempt
                // was slow, not dropped. Nothing to judge.
                reporter.publishEntry("connectTimeout", "not judged: the backlog had room");
                return;
            }
            if (!(outcome instanceof SocketTimeoutException)) {
                if (outcome instanceof UnsupportedOperationException todo) {
                    throw todo;
                }
                Throwable thrown = outcome;
                SAY.hinting("asItIs", () -> {
                    throw new AssertionError(SAY.text("full.threw", thrown), thrown);
                });
            }
            // Socket.connect counts its timeout on the wall clock, which may end it a
            // millisecond or two early on this test's clock: a little slack below.
            assertTrue(elapsed[0] >= timeout.minusMillis(5).toNanos(), SAY.text("full.early",
                    TimeUnit.NANOSECONDS.toMillis(elapsed[0])));
            Timing.assertWithin(Duration.ofNanos(elapsed[0]), bound, SAY.text("full.what"),
                    SAY.text("full.advice"));
        }
    }

    /**
     * A listening socket of the test's whose backlog the test has filled with connections it
     * never accepts: on Linux a further connection attempt is then dropped, and only a timeout
     * ends it. Empty where the system refuses such an attempt or queues it anyway.
     */
    static final class FullBacklog implements AutoCloseable {

        private final ServerSocket listener;
        private final java.util.List<Socket> queued = new java.util.ArrayList<>();
        private boolean full;

        private FullBacklog() throws IOException {
            listener = new ServerSocket(0, 1, TcpTestKit.LOOPBACK);
        }

        static FullBacklog open() throws IOException {
            FullBacklog backlog = new FullBacklog();
            for (int i = 0; i < 8 && !backlog.full; i++) {
                Socket socket = new Socket();
                try {
                    socket.connect(backlog.address(), 100);
                    backlog.queued.add(socket);
                } catch (SocketTimeoutException e) {
                    socket.close();
                    backlog.full = true; // the test's own attempt was dropped: it is full
                } catch (IOException e) {
                    socket.close();
                    break; // refused: this system answers a full backlog with a reset
                }
            }
            return backlog;
        }

        boolean isEmpty() {
            return !full;
        }

        InetSocketAddress address() {
            return new InetSocketAddress(TcpTestKit.LOOPBACK, listener.getLocalPort());
        }

        @Override
        public void close() throws IOException {
            listener.close();
            for (Socket socket : queued) {
                socket.close();
            }
        }
    }

    /** Connects to the fake server, which must accept the connection. */
    static TcpEchoClient connect(FakeServer server) throws Exception {
        return within(TcpTestKit.LIFECYCLE_WAIT, "TcpEchoClient.connect(" + server.address()
                        + ", " + TIMEOUT.toMillis() + " ms)",
                SAY.text("connect.advice"),
                () -> TcpEchoClient.connect(server.address(), TIMEOUT));
    }

    /** {@code client.send(input)} must return {@code Optional.of(expected)} in time. */
    static void expectEcho(TcpEchoClient client, String input, String expected) throws Exception {
        String call = "send(\"" + input.replace("\t", "\\t") + "\")";
        Optional<String> reply;
        try {
            reply = within(REPLY_WAIT.plus(REPLY_WAIT), call, SAY.text("echo.advice"),
                    () -> client.send(input));
        } catch (SocketTimeoutException e) {
            reply = SAY.hinting("byteCount", () -> fail(SAY.text("echo.timedOut", call,
                    e.getMessage())));
        }
        Optional<String> returned = reply;
        if (returned.isPresent() && expected.startsWith(returned.get())
                && returned.get().length() < expected.length()) {
            // the start of the echo only: it waited for as many characters as were sent, or
            // read once
            SAY.hinting("byteCount", () -> assertEquals(Optional.of(expected), returned,
                    SAY.text("echo.wrong", call, expected)));
        }
        assertEquals(Optional.of(expected), reply, SAY.text("echo.wrong", call, expected));
    }

    /**
     * The fake echo server's work: accept one connection, echo and record everything until the
     * client closes.
     */
    static final class RecordingEcho {

        private final ByteArrayOutputStream received = new ByteArrayOutputStream();
        private final FutureTask<Boolean> task;

        private RecordingEcho(FakeServer server) {
            this.task = new FutureTask<>(() -> {
                Socket connection = server.accept();
                InputStream in = connection.getInputStream();
                OutputStream out = connection.getOutputStream();
                byte[] buffer = new byte[1024];
                // Waits for the client as long as the test runs; the test closes the socket.
                connection.setSoTimeout(0);
                try {
                    for (int n = in.read(buffer); n != -1; n = in.read(buffer)) {
                        synchronized (received) {
                            received.write(buffer, 0, n);
                        }
                        out.write(buffer, 0, n);
                    }
                } catch (IOException e) {
                    return false; // closed by the test
                }
                return true;
            });
        }

        static RecordingEcho start(FakeServer server) {
            RecordingEcho echo = new RecordingEcho(server);
            Thread thread = new Thread(echo.task, "tcp-fake-echo-server");
            thread.setDaemon(true);
            thread.start();
            return echo;
        }

        byte[] received() {
            synchronized (received) {
                return received.toByteArray();
            }
        }

        /** Whether the client's end of stream reached the fake server within {@link TcpTestKit#REPLY_WAIT}. */
        boolean endedWithinReplyWait() throws Exception {
            try {
                return task.get(REPLY_WAIT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (java.util.concurrent.TimeoutException e) {
                return false;
            }
        }
    }
}
