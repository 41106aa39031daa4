package conclab.tcp;

import static conclab.tcp.TcpTestKit.LOOPBACK;
import static conclab.tcp.TcpTestKit.REPLY_WAIT;
import static conclab.tcp.TcpTestKit.closeWithin;
import static conclab.tcp.TcpTestKit.describe;
import static conclab.tcp.TcpTestKit.startServer;
import static conclab.tcp.TcpTestKit.utf8;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import conclab.harness.BoundedWait;
import conclab.harness.Hint;
import conclab.harness.Points;
import conclab.tcp.TcpTestKit.Ending;
import conclab.tcp.TcpTestKit.Peer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.BindException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;
import org.junit.jupiter.api.Timeout;

/** The echo server: the communication loop, the connection loop, goodbyes polite and rude, close. */
@Tag("tcp")
@Timeout(10)
class TcpEchoServerTest {

    @Test
    @Points(2)
    @Hint("communication")
    void echoesMessageAfterMessage(TestReporter reporter) throws Exception {
        try (TcpEchoServer server = startServer(0)) {
            int port = server.port();
            assertTrue(port > 0 && port <= 65535, "start(0) must listen on a free port chosen by"
                    + " the operating system, and port() must say which one; port() returned "
                    + port);
            try (Peer client = new Peer("the client", port)) {
                client.exchange("hello", "the server must accept() the connection on its"
                        + " background thread, read() from it and write the bytes back.");
                client.exchange("second message", "the server answered once but not a second"
                        + " time: the communication loop must keep reading until the client"
                        + " leaves.");
                client.exchange("你好，TCP！", "a third message on the same connection.");
                byte[] binary = {(byte) 0xFF, (byte) 0xFE, 0x00, (byte) 0xC3, 0x28, (byte) 0x80};
                client.send(binary);
                client.expectEcho(binary, "bytes that are not text (invalid UTF-8) are echoed"
                        + " like any others.");
                for (int i = 0; i < 20; i++) {
                    client.exchange("message " + i, "twenty more messages on the same"
                            + " connection.");
                }
                TcpTestKit.publish(reporter, "echoLatencyMaxMs", client.maxLatencyNanos(),
                        REPLY_WAIT);
            }
        }
    }

    @Test
    @Points(2)
    @Hint("connection")
    void servesClientAfterClient() throws Exception {
        try (TcpEchoServer server = startServer(0)) {
            for (int i = 1; i <= 4; i++) {
                try (Peer client = new Peer("client " + i, server.port())) {
                    client.exchange("I am client " + i, i == 1
                            ? "the server did not answer its first client."
                            : "client " + (i - 1) + " had been served and had closed its"
                            + " connection. After a client leaves, the connection loop must"
                            + " go back to accept() and serve the next one.");
                    client.exchange("client " + i + " again", "a second message from the same"
                            + " client.");
                }
            }
        }
    }

    @Test
    @Points(2)
    @Hint("emptyRead")
    void anEmptyReadMeansThePeerLeft(TestReporter reporter) throws Exception {
        try (TcpEchoServer server = startServer(0)) {
            try (Peer leaving = new Peer("the leaving client", server.port())) {
                leaving.exchange("goodbye", "the server did not answer at all.");
                // Half-close: the server reads our bytes, then -1. We keep our read side open
                // to see what the server does about it.
                leaving.shutdownOutput();
                long start = System.nanoTime();
                ByteArrayOutputStream unexpected = new ByteArrayOutputStream();
                Ending ending = leaving.awaitEnd(unexpected);
                if (unexpected.size() > 0) {
                    fail("after the client shut down its output, the server sent "
                            + describe(unexpected.toByteArray()) + "; it must send nothing more"
                            + " and close the connection.");
                }
                if (ending == Ending.TIMED_OUT) {
                    fail("the client shut down its sending side (the server's read() then"
                            + " returns -1, the 'empty read'), but " + REPLY_WAIT.toMillis()
                            + " ms later the server had still not closed the connection. On -1"
                            + " the client has left for good: leave the communication loop and"
                            + " close the connection (reading on returns -1 forever).");
                }
                TcpTestKit.publish(reporter, "peerLeftClosedMs", System.nanoTime() - start,
                        REPLY_WAIT);
            }
            try (Peer next = new Peer("the next client", server.port())) {
                next.exchange("my turn", "the client before it had left (its stream ended);"
                        + " the server must then serve the next client.");
            }
        }
    }

    @Test
    @Points(2)
    @Hint("reset")
    void survivesAClientThatResetsTheConnection() throws Exception {
        try (TcpEchoServer server = startServer(0)) {
            Peer rude = new Peer("the rude client", server.port());
            rude.exchange("I will not say goodbye", "the server did not answer at all.");
            rude.reset(); // close with SO_LINGER 0: an RST, and the server's read() throws
            try (Peer next = new Peer("the next client", server.port())) {
                next.exchange("are you still there?", "the client before it reset the"
                        + " connection (the server's read() threw \"Connection reset\"). That ends"
                        + " the conversation with that client, not the server: catch the"
                        + " IOException around the communication loop, close that connection,"
                        + " and accept() the next client.");
            }
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
        try (TcpEchoServer server = startServer(port)) {
            assertEquals(port, server.port(), "start(" + port + ") must listen on port " + port
                    + " and port() must say so");
            try (Peer client = new Peer("the client", port)) {
                client.exchange("on a chosen port", "the server was started on port " + port
                        + " of 127.0.0.1.");
            }
            TcpTestKit.expectLoopbackOnly(port, "start(" + port + ")");
        }
    }

    @Test
    @Points(3)
    @Hint("queued")
    void servesQueuedClientsOneAtATimeHoweverLongEachStays(TestReporter reporter)
            throws Exception {
        // The first client stays connected and silent for longer than two seconds, a pause a
        // server must allow: only the client's leaving (or close()) ends its conversation.
        Duration silence = Duration.ofMillis(2_300);
        try (TcpEchoServer server = startServer(0)) {
            int port = server.port();
            Peer first = new Peer("the first client", port);
            List<Peer> waiting = new ArrayList<>();
            try {
                first.exchange("I am first", "the server did not answer its first client.");
                // BACKLOG clients connect while the first is being served: the backlog holds them,
                // and their messages wait in their sockets.
                for (int i = 2; i <= 1 + TcpEchoServer.BACKLOG; i++) {
                    Peer client;
                    try {
                        client = new Peer("client " + i, port);
                    } catch (SocketTimeoutException e) {
                        client = fail("client " + i + " could not connect while the first client"
                                + " was being served (" + e.getMessage() + "): the listening"
                                + " socket must queue BACKLOG = " + TcpEchoServer.BACKLOG
                                + " connections, new ServerSocket(port, BACKLOG, address).");
                    }
                    waiting.add(client);
                    client.send(utf8(client.name() + " was waiting"));
                }
                long silentFrom = System.nanoTime();
                BoundedWait.announce(silence.plus(REPLY_WAIT));
                try {
                    await().during(silence).atMost(silence.plus(REPLY_WAIT))
                            .pollInSameThread().pollInterval(Duration.ofMillis(20))
                            .until(() -> noneHasBytes(waiting));
                } catch (ConditionTimeoutException e) {
                    long after = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - silentFrom);
                    String served = waiting.stream().filter(TcpEchoServerTest::hasBytes)
                            .map(Peer::name).collect(Collectors.joining(", "));
                    boolean firstStillServed = isStillServed(first);
                    fail(firstStillServed
                            ? served + " got an echo " + after + " ms into the first client's"
                            + " silence, while the first client was still connected. This server"
                            + " serves one client at a time, in the order they connect (the"
                            + " lecture's two loops): the others wait in the backlog until the"
                            + " clients before them have left."
                            : "the first client had been silent for " + after + " ms when the"
                            + " server gave it up (its connection ended) and served " + served
                            + ". A client may stay silent as long as it likes: only its leaving"
                            + " (read() returns -1) or close() ends its conversation. No read"
                            + " timeout on the connection.");
                }
                reporter.publishEntry("silenceMs", String.valueOf(silence.toMillis()));
                first.exchange("still me", "the first client had been silent for "
                        + silence.toMillis() + " ms and was still connected; the server must"
                        + " still answer it. A client may stay silent as long as it likes: only"
                        + " its leaving (read() returns -1) or close() ends its conversation, so"
                        + " set no read timeout on the connection.");
            } finally {
                first.close();
            }
            try {
                for (Peer client : waiting) {
                    client.expectEcho(utf8(client.name() + " was waiting"), "it had connected and"
                            + " sent its message while an earlier client was being served; once"
                            + " the clients before it have left, the connection loop must"
                            + " accept() it and echo what waits in its socket.");
                    client.close();
                }
            } finally {
                waiting.forEach(Peer::close);
            }
        }
    }

    private static boolean noneHasBytes(List<Peer> peers) {
        return peers.stream().noneMatch(TcpEchoServerTest::hasBytes);
    }

    private static boolean hasBytes(Peer peer) {
        try {
            return peer.waiting() > 0;
        } catch (IOException e) {
            return true; // reset: the server did something with it
        }
    }

    /** Whether the server still serves {@code peer}: it answers a message on it. */
    private static boolean isStillServed(Peer peer) {
        try {
            peer.send(utf8("?"));
            java.io.InputStream in = peer.socket().getInputStream();
            return in.read() == '?';
        } catch (IOException e) {
            return false;
        }
    }

    @Test
    @Points(2)
    @Hint("close")
    void closeReleasesThePortAndEndsTheConversation(TestReporter reporter) throws Exception {
        // A first server, closed with no client connected: it also makes sure the class is
        // loaded, so that threads its loading may start are not the threads of the server below.
        closeWithin(startServer(0));
        Set<Long> before = TcpTestKit.threadIds();
        TcpEchoServer server = TcpTestKit.startFromANonDaemonThread(0);
        int port = server.port();
        try (Peer client = new Peer("the connected client", port)) {
            try {
                client.exchange("before close", "the server must echo before it is closed.");
                TcpTestKit.expectDaemons(before);
            } finally {
                long start = System.nanoTime();
                closeWithin(server);
                TcpTestKit.publish(reporter, "closeMs", System.nanoTime() - start,
                        TcpTestKit.LIFECYCLE_WAIT);
            }
            Ending ending = client.awaitEnd(new ByteArrayOutputStream());
            assertTrue(ending != Ending.TIMED_OUT, "close() returned, but the client connected at"
                    + " that moment was not told: its read() still waited after "
                    + REPLY_WAIT.toMillis() + " ms. close() must also close the connection being"
                    + " served (that ends the client's stream, and wakes the server's thread"
                    + " blocked in read()).");
        }
        assertEquals(port, server.port(), "port() must still say the server's port after close()");
        ServerSocket rebound;
        try {
            rebound = new ServerSocket(port, 1, LOOPBACK);
        } catch (BindException e) {
            rebound = fail("after close() returned, port " + port + " was still bound (" + e
                    + "). close() must close the ServerSocket before it returns.");
        }
        try (ServerSocket newOwner = rebound; Peer late = new Peer("a late client", port)) {
            newOwner.setSoTimeout((int) REPLY_WAIT.toMillis());
            try (Socket accepted = newOwner.accept()) {
                assertEquals(port, accepted.getLocalPort(), "a connection to port " + port
                        + " after close() must reach the port's new owner");
            }
        }
        TcpTestKit.expectThreadsEnd(before, reporter);
        closeWithin(server); // closing twice does nothing
    }
}
