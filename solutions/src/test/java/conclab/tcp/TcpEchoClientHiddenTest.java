package conclab.tcp;

import static conclab.tcp.TcpTestKit.REPLY_WAIT;
import static conclab.tcp.TcpTestKit.describe;
import static conclab.tcp.TcpTestKit.utf8;
import static conclab.harness.BoundedWait.within;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import conclab.harness.Hint;
import conclab.harness.Points;
import conclab.harness.Timing;
import conclab.tcp.TcpTestKit.FakeServer;
import java.io.EOFException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;
import org.junit.jupiter.api.Timeout;

/** Hidden: an echo that comes in pieces, a server that never answers, one that leaves mid-echo. */
@Tag("tcp")
@Timeout(10)
class TcpEchoClientHiddenTest {

    @Test
    @Points(2)
    @Hint("pieces")
    void readsAnEchoThatArrivesInPieces() throws Exception {
        try (FakeServer server = new FakeServer()) {
            TcpEchoClient client = TcpEchoClientTest.connect(server);
            try (client) {
                Socket connection = server.accept();
                echoInPieces(client, connection, "split in three pieces", 4, 11);
                echoInPieces(client, connection, "你好", 2); // cut inside the first character
            }
        }
    }

    /**
     * Calls {@code client.send(message)}; the fake server (this thread) reads the message, then
     * echoes it cut at {@code cuts}, sending each next piece only once the client is waiting for
     * more bytes (or has already returned, wrongly). No sleeping: the client's thread is watched.
     */
    private static void echoInPieces(TcpEchoClient client, Socket connection, String message,
                                     int... cuts) throws Exception {
        byte[] bytes = utf8(message);
        FutureTask<Optional<String>> call = new FutureTask<>(() -> client.send(message));
        Thread caller = new Thread(call, TcpTestKit.CALL_THREAD);
        caller.setDaemon(true);
        caller.start();

        InputStream in = connection.getInputStream();
        OutputStream out = connection.getOutputStream();
        byte[] request = in.readNBytes(bytes.length);
        assertArrayEquals(bytes, request, "the client must send the message's " + bytes.length
                + " UTF-8 bytes; the fake server received " + describe(request));
        int from = 0;
        for (int cut : cuts) {
            out.write(bytes, from, cut - from);
            out.flush();
            from = cut;
            try {
                await().atMost(Timing.upperBound(Duration.ofMillis(100))).pollInSameThread()
                        .pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(1))
                        .until(() -> call.isDone() || waitsForBytes(caller));
            } catch (ConditionTimeoutException e) {
                // Not seen waiting (a JDK with other internals): send the rest anyway.
            }
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
        } catch (TimeoutException e) {
            echo = fail("send(\"" + message + "\") did not return although the whole echo had"
                    + " arrived " + REPLY_WAIT.toMillis() + " ms ago.");
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
        assertEquals(Optional.of(message), echo, "the fake server echoed \"" + message + "\" ("
                + bytes.length + " bytes) in pieces, cut after byte " + Arrays.toString(cuts)
                + ", each piece sent once the client waited for more. One read() returns what"
                + " has arrived so far, not a whole message: read until as many bytes came back"
                + " as were sent.");
    }

    /** Whether {@code thread} is blocked in a socket read that found no bytes yet. */
    private static boolean waitsForBytes(Thread thread) {
        for (StackTraceElement frame : thread.getStackTrace()) {
            String type = frame.getClassName();
            String method = frame.getMethodName();
            if ((type.startsWith("sun.nio.ch.") && (method.equals("park") || method.equals("poll")))
                    || method.equals("socketRead0")) {
                return true;
            }
        }
        return false;
    }

    @Test
    @Points(2)
    @Hint("timeout")
    void timesOutWhenTheServerNeverAnswers(TestReporter reporter) throws Exception {
        try (FakeServer server = new FakeServer()) {
            for (Duration bad : new Duration[] {Duration.ZERO, Duration.ofMillis(-1)}) {
                try {
                    within(TcpTestKit.LIFECYCLE_WAIT, "connect(server, " + bad + ")",
                            "reject it before connecting.",
                            () -> TcpEchoClient.connect(server.address(), bad)).close();
                    fail("connect(server, " + bad + ") must throw IllegalArgumentException:"
                            + " setSoTimeout(0) would mean 'wait forever'.");
                } catch (IllegalArgumentException expected) {
                    // as documented
                }
            }

            Duration timeout = Duration.ofMillis(300);
            Duration bound = Timing.upperBound(timeout);
            TcpEchoClient client = within(TcpTestKit.LIFECYCLE_WAIT, "connect(server, 300 ms)",
                    "connect() opens the connection and returns.",
                    () -> TcpEchoClient.connect(server.address(), timeout));
            try (client) {
                Socket silent = server.accept(); // reads nothing, answers nothing
                long start = System.nanoTime();
                try {
                    Optional<String> reply = within(bound, "send(\"anyone?\") to a server that"
                                    + " never answers, with a timeout of 300 ms",
                            "connect() must set the socket's read timeout (setSoTimeout) to the"
                                    + " given timeout, so that no read waits forever.",
                            () -> client.send("anyone?"));
                    fail("send(\"anyone?\") returned " + reply + " although the server never"
                            + " answered; it must throw SocketTimeoutException.");
                } catch (SocketTimeoutException expected) {
                    long elapsed = System.nanoTime() - start;
                    TcpTestKit.publish(reporter, "clientTimeoutElapsedMs", elapsed, bound);
                    assertTrue(elapsed >= timeout.toNanos(), "send(...) gave up after "
                            + TimeUnit.NANOSECONDS.toMillis(elapsed) + " ms, before the timeout"
                            + " of 300 ms had passed.");
                } catch (AssertionError e) {
                    silent.close(); // frees a client stuck in read(): it sees the end of stream
                    throw e;
                }
            }
        }
    }

    @Test
    @Points(1)
    @Hint("eof")
    void aServerThatLeavesMidEchoIsAnError() throws Exception {
        try (FakeServer server = new FakeServer()) {
            TcpEchoClient client = TcpEchoClientTest.connect(server);
            try (client) {
                Socket connection = server.accept();
                FutureTask<Optional<String>> call = new FutureTask<>(
                        () -> client.send("ten bytes!"));
                Thread caller = new Thread(call, TcpTestKit.CALL_THREAD);
                caller.setDaemon(true);
                caller.start();
                connection.getInputStream().readNBytes(10);
                connection.getOutputStream().write(utf8("ten"));
                connection.close(); // three bytes of the echo, then the end of the stream
                Optional<String> reply;
                try {
                    reply = call.get(REPLY_WAIT.toMillis(), TimeUnit.MILLISECONDS);
                } catch (TimeoutException e) {
                    reply = fail("send(\"ten bytes!\") did not return within "
                            + REPLY_WAIT.toMillis() + " ms after the server sent 3 bytes and"
                            + " closed the connection. read() returns -1 at the end of the"
                            + " stream: stop reading then.");
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof EOFException) {
                        return; // as documented
                    }
                    if (e.getCause() instanceof UnsupportedOperationException todo) {
                        throw todo;
                    }
                    throw new AssertionError("the server sent 3 of the 10 bytes of the echo and"
                            + " closed the connection; send(...) must throw java.io.EOFException,"
                            + " but threw " + e.getCause(), e.getCause());
                }
                fail("the server sent 3 of the 10 bytes of the echo and closed the connection;"
                        + " send(...) must throw java.io.EOFException, but returned " + reply
                        + ". A short echo is not an echo.");
            }
        }
    }
}
