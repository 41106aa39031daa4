package conclab.tcp;

import static conclab.tcp.TcpTestKit.REPLY_WAIT;
import static conclab.tcp.TcpTestKit.describe;
import static conclab.tcp.TcpTestKit.utf8;
import static conclab.harness.BoundedWait.within;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import conclab.harness.Hint;
import conclab.harness.Points;
import conclab.harness.Timing;
import conclab.tcp.TcpTestKit.FakeServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
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

/** The client, against a fake echo server played by the test, which records every byte it gets. */
@Tag("tcp")
@Timeout(10)
class TcpEchoClientTest {

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
            }
            byte[] received = echo.received();
            assertArrayEquals(utf8("hellopadded with spaces你好，TCP"), received,
                    "the fake server must have received exactly the stripped inputs, in UTF-8,"
                            + " nothing else (no newline, no spaces around them); it received "
                            + describe(received));
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
                for (String nothing : new String[] {"", "   ", "\t \n"}) {
                    String call = "send(\"" + nothing.replace("\t", "\\t").replace("\n", "\\n")
                            + "\")";
                    long start = System.nanoTime();
                    Optional<String> reply = within(bound,
                            call, "Input that is empty once stripped must not be sent at all:"
                                    + " an empty write sends no byte, so no echo will ever come,"
                                    + " and waiting for it blocks until the timeout. Check the"
                                    + " input before touching the socket.",
                            () -> client.send(nothing));
                    slowest = Math.max(slowest, System.nanoTime() - start);
                    assertEquals(Optional.empty(), reply, call + " must return Optional.empty()"
                            + " (nothing was sent), but returned " + reply);
                }
                TcpTestKit.publish(reporter, "emptySendMaxMs", slowest, bound);
                expectEcho(client, "after nothing", "after nothing");
            }
            byte[] received = echo.received();
            assertArrayEquals(utf8("after nothing"), received, "empty input must send nothing;"
                    + " the fake server expected only \"after nothing\" but received "
                    + describe(received));
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
            within(TcpTestKit.LIFECYCLE_WAIT, "TcpEchoClient.close()", "close() closes the socket.",
                    () -> {
                        client.close();
                        return null;
                    });
            assertTrue(echo.endedWithinReplyWait(), "after the client's close(), the fake"
                    + " server's read() must return -1 (the end of the stream), but it did not"
                    + " within " + REPLY_WAIT.toMillis() + " ms: close() must close the socket.");
        }
    }

    /** Connects to the fake server, which must accept the connection. */
    static TcpEchoClient connect(FakeServer server) throws Exception {
        return within(TcpTestKit.LIFECYCLE_WAIT, "TcpEchoClient.connect(" + server.address()
                        + ", " + TIMEOUT.toMillis() + " ms)",
                "connect() opens the connection and returns.",
                () -> TcpEchoClient.connect(server.address(), TIMEOUT));
    }

    /** {@code client.send(input)} must return {@code Optional.of(expected)} in time. */
    static void expectEcho(TcpEchoClient client, String input, String expected) throws Exception {
        String call = "send(\"" + input.replace("\t", "\\t") + "\")";
        Optional<String> reply;
        try {
            reply = within(REPLY_WAIT.plus(REPLY_WAIT), call, "The fake server echoes at once;"
                    + " read until as many BYTES came back as were sent (\"你好\" is 6 bytes).",
                    () -> client.send(input));
        } catch (SocketTimeoutException e) {
            reply = fail(call + " timed out (" + e.getMessage() + ") although the fake server"
                    + " echoes every byte at once: does it wait for more bytes than it sent?"
                    + " Count the bytes of the UTF-8 encoding, not the characters.");
        }
        assertEquals(Optional.of(expected), reply, call + " must send \"" + expected + "\" and"
                + " return its echo");
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
