package conclab.framing;

import static conclab.framing.FrameEchoServerTest.connect;
import static conclab.framing.FrameEchoServerTest.expectClosed;
import static conclab.framing.FrameEchoServerTest.start;
import static conclab.framing.FramingTestKit.concat;
import static conclab.framing.FramingTestKit.frame;
import static conclab.framing.FramingTestKit.readFrame;
import static conclab.framing.FramingTestKit.utf8;
import static conclab.harness.BoundedWait.within;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import conclab.framing.FramingTestKit.Parsed;
import conclab.harness.CodeUnderTest.ThreadView;
import conclab.harness.Hint;
import conclab.harness.Points;
import conclab.harness.Say;
import conclab.harness.Timing;
import java.io.OutputStream;
import java.net.Socket;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;
import org.junit.jupiter.api.Timeout;

/** Hidden: clients that leave in every way, a large frame, and close while a client is connected. */
@Tag("framing")
@Timeout(10)
class FrameEchoServerHiddenTest {

    /** The texts this class hands to the kit and to BoundedWait, in the student's language. */
    private static final Say SAY = Say.of(FrameEchoServerHiddenTest.class);

    @Test
    @Points(2)
    @Hint("leaving")
    void servesClientAfterClientHoweverTheyLeave() throws Exception {
        try (FrameEchoServer server = start()) {
            // Leaves in the middle of a frame.
            try (Socket cut = connect(server)) {
                byte[] whole = frame(utf8("never finished"), "");
                cut.getOutputStream().write(Arrays.copyOf(whole, whole.length - 3));
            }
            // Resets after half a header.
            Socket rude = connect(server);
            rude.getOutputStream().write(Arrays.copyOf(frame(utf8("x"), ""), 7));
            rude.setSoLinger(true, 0);
            rude.close();
            // Sends three frames, half-closes, and reads the three echoes, then the end.
            try (Socket polite = connect(server)) {
                // whether the next client is served is judged here, not how soon: its echo may
                // wait behind the two conversations before it in a JVM still cold (one started
                // afresh after a test that timed out)
                polite.setSoTimeout((int) Timing.upperBound(Duration.ofSeconds(1)).toMillis());
                polite.getOutputStream().write(concat(frame(utf8("one"), ""),
                        frame(utf8("two"), ",\"name\":\"2\""), frame(new byte[0], "")));
                polite.shutdownOutput();
                String[] expectedEchoes = {"one", "two", ""};
                for (int i = 0; i < expectedEchoes.length; i++) {
                    String expected = expectedEchoes[i];
                    Parsed echo = readFrame(polite.getInputStream(), i == 0
                            ? SAY.text("leaving.next") : SAY.text("leaving.frame", i + 1));
                    assertArrayEquals(utf8(expected), echo.payload(), "the echoes in order");
                }
                expectClosed(polite, SAY.text("leaving.closed"));
            }
        }
    }

    @Test
    @Points(1)
    @Hint("large")
    void echoesALargeFrame() throws Exception {
        byte[] payload = FramingTestKit.arbitraryBytes(2 * 1024 * 1024);
        try (FrameEchoServer server = start(); Socket client = connect(server)) {
            OutputStream out = client.getOutputStream();
            FutureTask<Void> writer = new FutureTask<>(() -> {
                out.write(frame(payload, ",\"name\":\"big.bin\""));
                out.flush();
                return null;
            });
            Thread thread = new Thread(writer, "framing-test-writer");
            thread.setDaemon(true);
            thread.start();
            Parsed echo = readFrame(client.getInputStream(), SAY.text("big.echo"));
            assertEquals("big.bin", echo.header().path("name").asText(), "a frame of 2 MiB named"
                    + " big.bin was sent; the server answered with the header " + echo.header()
                    + ". Its reader must read the large payload whole (readNBytes loops).");
            assertArrayEquals(payload, echo.payload(), "the echo of 2 MiB of arbitrary bytes");
            writer.get(FramingTestKit.REPLY_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    @Test
    @Points(1)
    @Hint("close")
    void closeEndsTheServerWhileAClientIsConnected(TestReporter reporter) throws Exception {
        for (int bad : new int[] {-1, 65536}) {
            try {
                within(FramingTestKit.LIFECYCLE_WAIT, "FrameEchoServer.start(" + bad + ")",
                        SAY.text("badPort.advice"), () -> FrameEchoServer.start(bad)).close();
                fail("FrameEchoServer.start(" + bad + ") returned a server; a port must be within"
                        + " 0..65535: throw IllegalArgumentException.");
            } catch (IllegalArgumentException expected) {
                // as documented
            }
        }
        // A first server makes sure the class is loaded: threads its loading may start are not
        // the threads of the server under test.
        FrameEchoServer first = start();
        try {
            within(FramingTestKit.LIFECYCLE_WAIT, SAY.text("secondStart.what", first.port()),
                    SAY.text("secondStart.advice"), () -> FrameEchoServer.start(first.port()))
                    .close();
            fail("a second FrameEchoServer.start(" + first.port() + ") succeeded while the first"
                    + " server held the port; it must throw java.net.BindException.");
        } catch (java.io.IOException expected) {
            // BindException, as documented (any IOException is accepted)
        }
        within(FramingTestKit.LIFECYCLE_WAIT, "FrameEchoServer.close()", SAY.text("close.advice"), () -> {
                    first.close();
                    return null;
                });
        Set<Long> before = FramingTestKit.threadIds();
        FrameEchoServer server = FramingTestKit.startFromANonDaemonThread();
        try (Socket client = connect(server)) {
            try {
                client.getOutputStream().write(frame(utf8("hello"), ""));
                readFrame(client.getInputStream(), SAY.text("close.echo"));
                FramingTestKit.expectDaemons(before);
            } finally {
                within(FramingTestKit.LIFECYCLE_WAIT, "FrameEchoServer.close()",
                        SAY.text("closeServing.advice"), () -> {
                            server.close();
                            return null;
                        });
            }
            expectClosed(client, SAY.text("close.connection"));
            FramingTestKit.expectThreadsEnd(before, reporter);
        }
        within(FramingTestKit.LIFECYCLE_WAIT, SAY.text("secondClose.what"), SAY.text("secondClose.advice"), () -> {
                    server.close();
                    return null;
                });
    }

    @Test
    @Points(1)
    @Hint("join")
    @Timeout(15) // ten servers started and closed: ten times a close test's work
    void closeReturnsOnlyOnceItsThreadHasEnded() throws Exception {
        FrameEchoServer first = start(); // the class is loaded
        within(FramingTestKit.LIFECYCLE_WAIT, "FrameEchoServer.close()", "close() closes the"
                + " ServerSocket; it never waits for anything.", () -> {
                    first.close();
                    return null;
                });
        // The servers of earlier rounds have ended (or the test has failed): one set will do.
        Set<Long> before = FramingTestKit.threadIds();
        for (int round = 1; round <= FramingTestKit.CLOSE_ROUNDS; round++) {
            FrameEchoServer server = start();
            boolean closing = false;
            boolean served = round % 2 == 1; // odd rounds: closed while a client is served
            try (Socket client = served ? connect(server) : null) {
                if (served) {
                    client.getOutputStream().write(frame(utf8("round " + round), ""));
                    readFrame(client.getInputStream(), "the server must echo before it is"
                            + " closed.");
                }
                closing = true;
                List<ThreadView> running = FramingTestKit.closeAndLook(server, before);
                if (!running.isEmpty()) {
                    fail("server " + round + " of " + FramingTestKit.CLOSE_ROUNDS + " was closed"
                            + (served ? " while a client was connected" : ", no client ever"
                            + " connected") + ", and when close() returned these threads still"
                            + " ran its code: " + FramingTestKit.describe(running) + ". close()"
                            + " must return only once the serving thread has ended.");
                }
            } finally {
                if (!closing) { // the round failed before close()
                    server.close();
                }
            }
        }
    }
}
