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
                Parsed echo = readFrame(client.getInputStream(), "the server must read the frame"
                        + " " + headers[i] + " with a FrameReader and write it back with a"
                        + " FrameWriter.");
                JsonNode expected = FramingTestKit.json().readTree(headers[i]);
                assertEquals(expected, echo.header(), "the echo of the frame " + headers[i]
                        + " must carry the same header fields (in any order)");
                assertArrayEquals(payloads[i], echo.payload(), "the echo's payload");
            }
            client.shutdownOutput(); // after a whole frame: the reader's clean end
            expectClosed(client, "the client had closed its side after a whole frame: the"
                    + " server's reader returns Optional.empty() (the clean end), and the server"
                    + " must then close the connection and go back to accept().");
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
                Parsed echo = readFrame(in, "1000 frames had been sent in one write; the echo of"
                        + " frame " + (i + 1) + " did not come. The server's reader must take"
                        + " exactly each frame's bytes from the stream, never a read() as a frame.");
                assertEquals(i, echo.header().path("n").asInt(-1), "the echoes must come in"
                        + " order: echo number " + (i + 1) + " had the header " + echo.header());
                assertArrayEquals(utf8("frame " + i), echo.payload(), "echo number " + (i + 1));
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
                    Parsed good = readFrame(client.getInputStream(), "a good frame came first.");
                    assertArrayEquals(utf8("good"), good.payload(), "the echo of the good frame");
                    Parsed error = readFrame(client.getInputStream(), "after a good frame the"
                            + " client sent " + FramingTestKit.hex(bad, 0, Math.min(bad.length, 8))
                            + "...: the server must answer the FramingException with a frame"
                            + " {\"size\":0,\"error\":\"...\"} and close the connection.");
                    assertTrue(error.header().path("error").isTextual()
                            && !error.header().path("error").asText().isBlank()
                            && error.payload().length == 0, "the answer to a protocol error must"
                            + " be a frame with an empty payload and a header with an \"error\""
                            + " text (the exception's message); it was " + error.header());
                    String why = error.header().path("error").asText();
                    if (why.startsWith(FramingException.class.getName())) {
                        fail("the error frame's text was \"" + why + "\": the exception's"
                                + " toString(), with its class name; the error field holds its"
                                + " message, e.getMessage().");
                    }
                    expectClosed(client, "after the error frame the server must close the"
                            + " connection: the stream is out of step and cannot go on.");
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
                Parsed echo = readFrame(next.getInputStream(), "after clients that sent garbage,"
                        + " and one that reset its connection in the middle of a frame, the"
                        + " server must serve the next client: a FramingException or another"
                        + " IOException ends only that client's conversation.");
                assertArrayEquals(utf8("next client"), echo.payload(), "the next client's echo");
            }
        }
    }

    @Test
    @Points(1)
    @Hint("close")
    void closeReleasesThePort() throws Exception {
        // A first server makes sure the class is loaded: threads its loading may start are not
        // the threads of the server under test.
        FrameEchoServer first = start();
        within(FramingTestKit.LIFECYCLE_WAIT, "FrameEchoServer.close()", "close() closes the"
                + " ServerSocket; it never waits for anything.", () -> {
                    first.close();
                    return null;
                });
        java.util.Set<Long> before = FramingTestKit.threadIds();
        FrameEchoServer server = FramingTestKit.startFromANonDaemonThread();
        int port = server.port();
        try (Socket client = connect(server)) {
            try {
                client.getOutputStream().write(frame(utf8("before close"), ""));
                readFrame(client.getInputStream(), "the server must echo before it is closed.");
                FramingTestKit.expectDaemons(before);
            } finally {
                within(FramingTestKit.LIFECYCLE_WAIT, "FrameEchoServer.close()", "close() closes"
                        + " the ServerSocket and the connection being served; it never waits for"
                        + " them.", () -> {
                            server.close();
                            return null;
                        });
            }
            expectClosed(client, "close() must also close the connection being served: its"
                    + " client sees the end of the stream.");
        }
        assertEquals(port, server.port(), "port() must still say the server's port after close()");
        within(FramingTestKit.LIFECYCLE_WAIT, "a second FrameEchoServer.close()", "closing twice"
                + " does nothing.", () -> {
                    server.close();
                    return null;
                });
        try (ServerSocket rebound = new ServerSocket(port, 1, LOOPBACK)) {
            assertEquals(port, rebound.getLocalPort());
        } catch (BindException e) {
            fail("after close() returned, port " + port + " was still bound: " + e);
        }
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
                "FrameEchoServer.start(" + port + ")", "start() binds the ServerSocket, starts a"
                        + " background thread, and returns.", () -> FrameEchoServer.start(port))) {
            assertEquals(port, server.port(), "start(" + port + ") must listen on port " + port
                    + " and port() must say so");
            try (Socket client = connect(server)) {
                client.getOutputStream().write(frame(utf8("on a chosen port"), ""));
                Parsed echo = readFrame(client.getInputStream(), "the server was started on port "
                        + port + " of 127.0.0.1.");
                assertArrayEquals(utf8("on a chosen port"), echo.payload(), "the echo's payload");
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
                "start() binds the ServerSocket, starts a background thread, and returns.",
                () -> FrameEchoServer.start(0));
        int port = server.port();
        assertTrue(port > 0 && port <= 65535, "port() must return the port the server listens"
                + " on; it returned " + port);
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
                fail("the server sent more bytes (" + next + "...): " + why);
            }
        } catch (SocketTimeoutException e) {
            fail("the connection was still open " + REPLY_WAIT.toMillis() + " ms later: " + why);
        } catch (IOException reset) {
            // closed rudely: closed all the same
        }
    }
}
