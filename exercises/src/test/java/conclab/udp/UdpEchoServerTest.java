package conclab.udp;

import static conclab.udp.UdpTestKit.LOOPBACK;
import static conclab.udp.UdpTestKit.REPLY_WAIT;
import static conclab.udp.UdpTestKit.arbitraryBytes;
import static conclab.udp.UdpTestKit.closeWithin;
import static conclab.udp.UdpTestKit.describe;
import static conclab.udp.UdpTestKit.startEcho;
import static conclab.udp.UdpTestKit.utf8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import conclab.harness.Hint;
import conclab.harness.Points;
import conclab.udp.UdpTestKit.Probe;
import conclab.udp.UdpTestKit.Reply;
import java.net.BindException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;
import org.junit.jupiter.api.Timeout;

/** The echo server: what it sends back, to whom, for how many clients, and how it stops. */
@Tag("udp")
@Timeout(5)
class UdpEchoServerTest {

    @Test
    @Points(1)
    @Hint("echo")
    void echoesADatagramBackToItsSender(TestReporter reporter) throws Exception {
        try (UdpEchoServer server = startEcho(0); Probe client = new Probe("the client")) {
            int port = server.port();
            assertTrue(port > 0 && port <= 65535, "start(0) must bind a free port chosen by the"
                    + " operating system, and port() must say which one; port() returned " + port);

            client.send(port, utf8("hello, udp"));
            client.expectEcho(port, utf8("hello, udp"), "is the server receiving on a"
                    + " background thread, and sending the reply to packet.getSocketAddress()?");

            client.send(port, utf8("and again"));
            client.expectEcho(port, utf8("and again"), "the server answered once but not a"
                    + " second time: it must keep receiving in a loop until close().");
            UdpTestKit.publish(reporter, "replyLatencyMaxMs", client.maxLatencyNanos(),
                    REPLY_WAIT);
        }
    }

    @Test
    @Points(2)
    @Hint("bytes")
    void echoesArbitraryBytesUnchanged() throws Exception {
        List<byte[]> payloads = List.of(
                new byte[] {(byte) 0xFF, (byte) 0xFE, 0x00, (byte) 0xC3, 0x28, (byte) 0x80},
                utf8("你好，UDP！"),
                new byte[] {0, 0, 0, 0},
                arbitraryBytes(700));
        try (UdpEchoServer server = startEcho(0); Probe client = new Probe("the client")) {
            for (byte[] payload : payloads) {
                client.send(server.port(), payload);
                client.expectEcho(server.port(), payload, "a datagram is just bytes: the server"
                        + " must answer every one, whatever it contains.");
            }
            client.send(server.port(), utf8("still there?"));
            client.expectEcho(server.port(), utf8("still there?"), "after odd bytes the"
                    + " server must keep serving.");
        }
    }

    @Test
    @Points(1)
    @Hint("empty")
    void answersAnEmptyDatagramWithAnEmptyOne() throws Exception {
        try (UdpEchoServer server = startEcho(0); Probe client = new Probe("the client")) {
            client.send(server.port(), new byte[0]);
            Reply reply = client.receive("it had sent an empty datagram (0 bytes). In UDP an"
                    + " empty datagram is a message like any other, not 'the peer has closed'"
                    + " as an empty read is in TCP: echo it (with an empty datagram).");
            assertEquals(0, reply.payload().length, "the echo of an empty datagram must be empty,"
                    + " but it was " + describe(reply.payload()));
            client.expectFromServer(server.port(), reply);

            client.send(server.port(), utf8("after the empty one"));
            client.expectEcho(server.port(), utf8("after the empty one"), "the server stopped"
                    + " serving after an empty datagram; it must go on until close().");
        }
    }

    @Test
    @Points(2)
    @Hint("truncate")
    void truncatesDatagramsLongerThanTheBuffer() throws Exception {
        int size = UdpEchoServer.BUFFER_SIZE;
        byte[] exactlyFull = arbitraryBytes(size);
        byte[] oversized = arbitraryBytes(3000);
        try (UdpEchoServer server = startEcho(0); Probe client = new Probe("the client")) {
            client.send(server.port(), exactlyFull);
            client.expectEcho(server.port(), exactlyFull, "a datagram of exactly BUFFER_SIZE ("
                    + size + ") bytes fits the buffer and must be echoed whole.");

            client.send(server.port(), oversized);
            Reply reply = client.receive("it had sent 3000 bytes, more than BUFFER_SIZE (" + size
                    + "). The server must still answer, with the first " + size + " bytes.");
            if (reply.payload().length != size) {
                fail("3000 bytes sent, " + reply.payload().length + " bytes echoed: expected"
                        + " exactly the first BUFFER_SIZE = " + size + " bytes. The server"
                        + " receives into a buffer of BUFFER_SIZE bytes and the operating system"
                        + " drops the rest of a longer datagram.");
            }
            assertArrayEquals(Arrays.copyOf(oversized, size), reply.payload(),
                    "the echo of an oversized datagram must be its first " + size + " bytes");
            client.expectFromServer(server.port(), reply);

            client.send(server.port(), utf8("next"));
            client.expectEcho(server.port(), utf8("next"), "after an oversized datagram the"
                    + " server must keep serving; the cut-off rest is gone, it never arrives"
                    + " as a datagram of its own.");
        }
    }

    @Test
    @Points(3)
    @Hint("concurrent")
    void servesInterleavedClients(TestReporter reporter) throws Exception {
        try (UdpEchoServer server = startEcho(0);
             Probe a = new Probe("client A");
             Probe b = new Probe("client B");
             Probe c = new Probe("client C")) {
            int port = server.port();
            // One at a time: A, then B, then C, each waiting for its reply.
            for (Probe client : List.of(a, b, c)) {
                byte[] message = utf8(client.name() + ": first");
                client.send(port, message);
                client.expectEcho(port, message, client == a
                        ? "the server answered nobody."
                        : "the clients before it did get their replies. A UDP server serves"
                                + " every sender with the same socket: it must not connect()"
                                + " to the first client, nor wait for that client's next"
                                + " datagram.");
            }
            // Interleaved: all three send before anyone reads; then in the opposite order.
            List<List<Probe>> rounds = List.of(List.of(a, b, c), List.of(c, b, a));
            int round = 2;
            for (List<Probe> order : rounds) {
                for (Probe client : order) {
                    client.send(port, utf8(client.name() + ": round " + round));
                }
                for (Probe client : order) {
                    client.expectEcho(port, utf8(client.name() + ": round " + round),
                            "three clients had each sent a datagram before reading; each"
                                    + " must get its own echo, sent to its own address"
                                    + " (packet.getSocketAddress() of that very datagram).");
                }
                round++;
            }
            long worst = Math.max(a.maxLatencyNanos(),
                    Math.max(b.maxLatencyNanos(), c.maxLatencyNanos()));
            UdpTestKit.publish(reporter, "replyLatencyMaxMs", worst, REPLY_WAIT);
        }
    }

    @Test
    @Points(1)
    @Hint("port")
    void listensOnTheGivenPortOfTheLoopbackAddress() throws Exception {
        int port;
        try (DatagramSocket finder = new DatagramSocket(new InetSocketAddress(LOOPBACK, 0))) {
            port = finder.getLocalPort(); // free a moment ago, and again once this closes
        }
        try (UdpEchoServer server = startEcho(port); Probe client = new Probe("the client")) {
            assertEquals(port, server.port(), "start(" + port + ") must listen on port " + port
                    + " and port() must say so");
            client.send(port, utf8("on a chosen port"));
            client.expectEcho(port, utf8("on a chosen port"), "the server was started on port "
                    + port + " of 127.0.0.1.");
            UdpTestKit.expectLoopbackOnly(port, "start(" + port + ")");
        }
    }

    @Test
    @Points(2)
    @Hint("close")
    void closeReleasesThePortAtOnce(TestReporter reporter) throws Exception {
        // A first server makes sure the class is loaded: threads its loading may start are not
        // the threads of the server under test.
        closeWithin(startEcho(0), "a first UdpEchoServer");
        Set<Long> before = UdpTestKit.threadIds();
        UdpEchoServer server = UdpTestKit.startEchoFromANonDaemonThread(0);
        int port = server.port();
        try (Probe client = new Probe("the client")) {
            client.send(port, utf8("before close"));
            client.expectEcho(port, utf8("before close"), "the server must echo before it is"
                    + " closed.");
            UdpTestKit.expectDaemons(before);
        } finally {
            long start = System.nanoTime();
            closeWithin(server, "UdpEchoServer");
            UdpTestKit.publish(reporter, "closeMs", System.nanoTime() - start,
                    UdpTestKit.LIFECYCLE_WAIT);
        }
        assertEquals(port, server.port(), "port() must still say the server's port after close();"
                + " a closed DatagramSocket forgets it (getLocalPort() returns -1): remember the"
                + " port when binding");
        // Right after close() returns, the port must be free: bind it ourselves.
        DatagramSocket rebound;
        try {
            rebound = new DatagramSocket(new InetSocketAddress(LOOPBACK, port));
        } catch (BindException e) {
            rebound = fail("after close() returned, port " + port + " was still bound (" + e
                    + "). close() must close the server's DatagramSocket before it returns.");
        }
        try (DatagramSocket newOwner = rebound; Probe client = new Probe("a late client")) {
            newOwner.setSoTimeout((int) REPLY_WAIT.toMillis());
            client.send(port, utf8("who is there?"));
            DatagramPacket packet = new DatagramPacket(new byte[64], 64);
            newOwner.receive(packet);
            assertEquals("who is there?", new String(packet.getData(), 0, packet.getLength(),
                    java.nio.charset.StandardCharsets.UTF_8),
                    "a datagram sent to the port after close() must reach the port's new owner");
        }
        UdpTestKit.expectThreadsEnd(before, reporter);
        closeWithin(server, "UdpEchoServer, a second time,"); // closing twice does nothing
    }
}
