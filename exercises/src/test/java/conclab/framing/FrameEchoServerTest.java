package conclab.framing;

import static conclab.framing.FramingTestKit.LOOPBACK;
import static conclab.framing.FramingTestKit.REPLY_WAIT;
import static conclab.framing.FramingTestKit.concat;
import static conclab.framing.FramingTestKit.frame;
import static conclab.framing.FramingTestKit.readFrame;
import static conclab.framing.FramingTestKit.utf8;
import static conclab.harness.BoundedWait.within;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import conclab.framing.FramingTestKit.Parsed;
import conclab.harness.Hint;
import conclab.harness.Points;
import conclab.harness.Say;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The frame echo server, spoken to with frames built by hand and judged by the test's parser. */
@Tag("framing")
@Timeout(10)
class FrameEchoServerTest {

    /** Every text is in FrameEchoServerTest.properties (and _zh_CN), the hints of steps too. */
    private static final Say SAY = Say.of(FrameEchoServerTest.class);

    @Test
    @Points(2)
    @Hint("echo")
    void echoesFramesBuiltByHand() throws Exception {
        try (FrameEchoServer server = start(); Socket client = connect(server)) {
            String[] headers = {
                "{\"size\":5,\"name\":\"hi.txt\"}",
                "{\"name\":\"你好.txt\",\"size\":6,\"n\":42,\"ok\":true}",
                "{\"size\":0}",
            };
            byte[][] payloads = {utf8("hello"), utf8("你好"), new byte[0]};
            for (int i = 0; i < headers.length; i++) {
                client.getOutputStream().write(frame(headers[i], payloads[i]));
                Parsed echo = readFrame(client.getInputStream(), SAY.text("echo.none",
                        headers[i]));
                JsonNode expected = FramingTestKit.json().readTree(headers[i]);
                String header = headers[i];
                SAY.hinting("sameHeader", () -> assertEquals(expected, echo.header(),
                        SAY.text("echo.header", header)));
                assertArrayEquals(payloads[i], echo.payload(), SAY.text("echo.payload"));
            }
            client.shutdownOutput(); // after a whole frame: the reader's clean end
            SAY.hinting("cleanEnd", () -> expectClosed(client, SAY.text("echo.end")));
        }
    }

    @Test
    @Points(2)
    @Hint("sticky")
    void echoesAThousandFramesSentInOneWrite() throws Exception {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        for (int i = 0; i < 1000; i++) {
            all.writeBytes(frame(utf8("frame " + i), ",\"n\":" + i));
        }
        try (FrameEchoServer server = start(); Socket client = connect(server)) {
            client.getOutputStream().write(all.toByteArray());
            InputStream in = client.getInputStream();
            for (int i = 0; i < 1000; i++) {
                Parsed echo = readFrame(in, SAY.text("sticky.none", i + 1));
                assertEquals(i, echo.header().path("n").asInt(-1), SAY.text("sticky.order",
                        i + 1, echo.header()));
                assertArrayEquals(utf8("frame " + i), echo.payload(), SAY.text("sticky.echo",
                        i + 1));
            }
        }
    }

    @Test
    @Points(2)
    @Hint("error")
    void answersAProtocolErrorAndServesTheNextClient() throws Exception {
        try (FrameEchoServer server = start()) {
            byte[][] garbage = {
                {(byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF},     // a negative length
                frame("this is not JSON", new byte[0]),
            };
            for (byte[] bad : garbage) {
                try (Socket client = connect(server)) {
                    client.getOutputStream().write(concat(frame(utf8("good"), ""), bad));
                    Parsed good = readFrame(client.getInputStream(), SAY.text("error.good"));
                    assertArrayEquals(utf8("good"), good.payload(), SAY.text("error.goodEcho"));
                    Parsed error = SAY.hinting("errorFrame", () -> readFrame(
                            client.getInputStream(), SAY.text("error.none",
                            FramingTestKit.hex(bad, 0, Math.min(bad.length, 8)))));
                    SAY.hinting("errorFrame", () -> assertTrue(
                            error.header().path("error").isTextual()
                            && !error.header().path("error").asText().isBlank()
                            && error.payload().length == 0, SAY.text("error.shape",
                            error.header())));
                    String why = error.header().path("error").asText();
                    if (why.startsWith(FramingException.class.getName())) {
                        SAY.hinting("errorMessage", () -> fail(SAY.text("error.toString", why)));
                    }
                    SAY.hinting("errorClose", () -> expectClosed(client,
                            SAY.text("error.close")));
                }
            }
            // One that resets its connection in the middle of a frame: an IOException for the
            // server, which ends that client's conversation only.
            Socket rude = connect(server);
            rude.getOutputStream().write(java.util.Arrays.copyOf(frame(utf8("x"), ""), 7));
            rude.setSoLinger(true, 0);
            rude.close();
            try (Socket next = connect(server)) {
                next.getOutputStream().write(frame(utf8("next client"), ""));
                Parsed echo = SAY.hinting("oneClientEnds", () -> readFrame(next.getInputStream(),
                        SAY.text("error.next")));
                assertArrayEquals(utf8("next client"), echo.payload(), SAY.text("error.nextEcho"));
            }
        }
    }

    @Test
    @Points(1)
    @Hint("close")
    void closeReleasesThePort(org.junit.jupiter.api.TestReporter reporter) throws Exception {
        // A first server makes sure the class is loaded: threads its loading may start are not
        // the threads of the server under test.
        FrameEchoServer first = start();
        within(FramingTestKit.LIFECYCLE_WAIT, "FrameEchoServer.close()",
                SAY.text("close.advice"), () -> {
                    first.close();
                    return null;
                });
        java.util.Set<Long> before = FramingTestKit.threadIds();
        FrameEchoServer server = FramingTestKit.startFromANonDaemonThread();
        int port = server.port();
        java.util.List<conclab.harness.CodeUnderTest.ThreadView> runningWhenClosed;
        try (Socket client = connect(server)) {
            try {
                client.getOutputStream().write(frame(utf8("before close"), ""));
                readFrame(client.getInputStream(), SAY.text("close.before"));
                FramingTestKit.expectDaemons(before);
            } finally {
                runningWhenClosed = within(FramingTestKit.LIFECYCLE_WAIT,
                        "FrameEchoServer.close()", SAY.text("close.connectedAdvice"), () -> {
                            server.close();
                            return FramingTestKit.exerciseThreads(before); // as close() returned
                        });
            }
            SAY.hinting("closeConnection", () -> expectClosed(client,
                    SAY.text("close.connection")));
        }
        SAY.hinting("portAfterClose", () -> assertEquals(port, server.port(),
                SAY.text("close.portForgotten")));
        within(FramingTestKit.LIFECYCLE_WAIT, SAY.text("close.second"),
                SAY.text("close.twice"), () -> {
                    server.close();
                    return null;
                });
        try (ServerSocket rebound = new ServerSocket(port, 1, LOOPBACK)) {
            assertEquals(port, rebound.getLocalPort());
        } catch (BindException e) {
            SAY.hinting("closeSocket", () -> fail(SAY.text("close.stillBound", port, e)));
        }
        FramingTestKit.expectThreadsEnd(before, reporter);
        FramingTestKit.expectEndedWhenCloseReturned(runningWhenClosed);
    }

    @Test
    @Points(1)
    @Hint("port")
    void listensOnTheGivenPortOfTheLoopbackAddress() throws Exception {
        int port;
        try (ServerSocket finder = new ServerSocket(0, 1, LOOPBACK)) {
            port = finder.getLocalPort(); // free a moment ago, and again once this closes
        }
        FramingTestKit.json().readTree("{\"size\":0}"); // as start() does
        try (FrameEchoServer server = within(FramingTestKit.LIFECYCLE_WAIT,
                "FrameEchoServer.start(" + port + ")", FramingTestKit.SAY.text("start.advice"),
                () -> FrameEchoServer.start(port))) {
            assertEquals(port, server.port(), SAY.text("port.given", port));
            try (Socket client = connect(server)) {
                client.getOutputStream().write(frame(utf8("on a chosen port"), ""));
                Parsed echo = readFrame(client.getInputStream(), SAY.text("port.started", port));
                assertArrayEquals(utf8("on a chosen port"), echo.payload(),
                        SAY.text("echo.payload"));
            }
            FramingTestKit.expectLoopbackOnly(port, "FrameEchoServer.start(" + port + ")");
        }
    }

    /** Starts a server on a free port, failing if {@code start} does not return in time. */
    static FrameEchoServer start() throws Exception {
        // Jackson's classes take a while to load on a busy machine; where the server runs in this
        // JVM, load them here, so that the server's first frame does not pay for it within a
        // reply's wait (elsewhere the grader's calibrated scale allows for it).
        FramingTestKit.json().readTree("{\"size\":0}");
        FrameEchoServer server = within(FramingTestKit.LIFECYCLE_WAIT, "FrameEchoServer.start(0)",
                FramingTestKit.SAY.text("start.advice"), () -> FrameEchoServer.start(0));
        int port = server.port();
        assertTrue(port > 0 && port <= 65535, SAY.text("port.ephemeral", port));
        return server;
    }

    /** A client socket connected to the server, with a read timeout. */
    static Socket connect(FrameEchoServer server) throws IOException {
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress(LOOPBACK, server.port()), (int) REPLY_WAIT.toMillis());
        socket.setSoTimeout((int) REPLY_WAIT.toMillis());
        socket.setTcpNoDelay(true);
        return socket;
    }

    /** The server must have closed the connection: the next read ends the stream (or resets). */
    static void expectClosed(Socket client, String why) throws IOException {
        try {
            int next = client.getInputStream().read();
            if (next != -1) {
                fail(SAY.text("closed.more", next, why));
            }
        } catch (SocketTimeoutException e) {
            fail(SAY.text("closed.open", REPLY_WAIT.toMillis(), why));
        } catch (IOException reset) {
            // closed rudely: closed all the same
        }
    }
}
