package conclab.tcp;

import static conclab.tcp.TcpTestKit.LOOPBACK;
import static conclab.tcp.TcpTestKit.REPLY_WAIT;
import static conclab.tcp.TcpTestKit.closeWithin;
import static conclab.tcp.TcpTestKit.describe;
import static conclab.tcp.TcpTestKit.startServer;
import static conclab.tcp.TcpTestKit.utf8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import conclab.harness.Hint;
import conclab.harness.Points;
import conclab.tcp.TcpTestKit.Ending;
import conclab.tcp.TcpTestKit.Peer;
import java.io.ByteArrayOutputStream;
import java.net.BindException;
import java.net.ServerSocket;
import java.net.Socket;
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
    @Points(2)
    @Hint("close")
    void closeReleasesThePortAndEndsTheConversation(TestReporter reporter) throws Exception {
        TcpEchoServer server = startServer(0);
        int port = server.port();
        try (Peer client = new Peer("the connected client", port)) {
            try {
                client.exchange("before close", "the server must echo before it is closed.");
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
    }
}
