package conclab.udp;

import static conclab.udp.UdpTestKit.LIFECYCLE_WAIT;
import static conclab.udp.UdpTestKit.LOOPBACK;
import static conclab.udp.UdpTestKit.REPLY_WAIT;
import static conclab.udp.UdpTestKit.arbitraryBytes;
import static conclab.udp.UdpTestKit.closeWithin;
import static conclab.udp.UdpTestKit.describe;
import static conclab.udp.UdpTestKit.startEcho;
import static conclab.udp.UdpTestKit.utf8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import conclab.harness.CodeUnderTest.ThreadView;
import conclab.harness.Hint;
import conclab.harness.Points;
import conclab.harness.Say;
import conclab.udp.UdpTestKit.Probe;
import conclab.udp.UdpTestKit.Reply;
import java.io.IOException;
import java.net.BindException;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;
import org.junit.jupiter.api.Timeout;

/** Hidden: many clients, big datagrams, a given port, and closing amid traffic. */
@Tag("udp")
@Timeout(5)
class UdpEchoServerHiddenTest {

    /** The texts this class hands to the kit, in the student's language. */
    private static final Say SAY = Say.of(UdpEchoServerHiddenTest.class);

    @Test
    @Points(2)
    @Hint("many")
    void servesTenClientsInFiveInterleavedRounds(TestReporter reporter) throws Exception {
        List<Probe> clients = new ArrayList<>();
        try (UdpEchoServer server = startEcho(0)) {
            for (int i = 0; i < 10; i++) {
                clients.add(new Probe(SAY.text("probe.client", i)));
            }
            int port = server.port();
            for (int round = 0; round < 5; round++) {
                // Everybody sends before anybody reads, each round in a different order.
                for (int k = 0; k < clients.size(); k++) {
                    Probe client = clients.get((k + 3 * round) % clients.size());
                    client.send(port, utf8("client " + clients.indexOf(client) + " / round " + round));
                }
                for (int k = clients.size() - 1; k >= 0; k--) {
                    Probe client = clients.get(k);
                    client.expectEcho(port, utf8("client " + k + " / round " + round),
                            SAY.text("many.echo"));
                }
            }
            long worst = clients.stream().mapToLong(Probe::maxLatencyNanos).max().orElse(0);
            UdpTestKit.publish(reporter, "replyLatencyMaxMs", worst, REPLY_WAIT);
        } finally {
            clients.forEach(Probe::close);
        }
    }

    @Test
    @Points(2)
    @Hint("big")
    void truncatesBigDatagramsAndKeepsServing() throws Exception {
        int size = UdpEchoServer.BUFFER_SIZE;
        byte[] allByteValues = new byte[512];
        for (int i = 0; i < allByteValues.length; i++) {
            allByteValues[i] = (byte) i;
        }
        try (UdpEchoServer server = startEcho(0); Probe client = new Probe(UdpTestKit.SAY.text("probe.client"))) {
            int port = server.port();
            client.send(port, arbitraryBytes(size - 1));
            client.expectEcho(port, arbitraryBytes(size - 1), SAY.text("big.fits"));

            for (int length : new int[] {size + 1, 8192}) {
                byte[] big = arbitraryBytes(length);
                client.send(port, big);
                Reply reply = client.receive(SAY.text("big.sent", length, size));
                assertEquals(size, reply.payload().length, "a datagram of " + length
                        + " bytes must be echoed as its first " + size + " bytes, but "
                        + reply.payload().length + " bytes came back");
                assertArrayEquals(Arrays.copyOf(big, size), reply.payload(),
                        "the echo of " + length + " bytes must be their first " + size);
            }

            client.send(port, new byte[0]);
            Reply empty = client.receive(SAY.text("big.empty"));
            assertEquals(0, empty.payload().length, "the echo of an empty datagram was "
                    + describe(empty.payload()));

            client.send(port, allByteValues);
            client.expectEcho(port, allByteValues, SAY.text("big.bytes"));
            client.send(port, utf8("still serving"));
            client.expectEcho(port, utf8("still serving"), SAY.text("big.still"));
        }
    }

    @Test
    @Points(1)
    @Hint("port")
    void listensOnTheGivenPort() throws Exception {
        for (int bad : new int[] {-1, 65536, Integer.MIN_VALUE}) {
            try {
                UdpEchoServer server = startEcho(bad);
                server.close();
                fail("UdpEchoServer.start(" + bad + ") returned a server; a port must be within"
                        + " 0..65535: throw IllegalArgumentException.");
            } catch (IllegalArgumentException expected) {
                // as documented
            }
        }
        int port;
        try (DatagramSocket finder = new DatagramSocket(new InetSocketAddress(LOOPBACK, 0))) {
            port = finder.getLocalPort(); // free a moment ago, and again once this closes
        }
        try (UdpEchoServer server = startEcho(port); Probe client = new Probe(UdpTestKit.SAY.text("probe.client"))) {
            assertEquals(port, server.port(), "start(" + port + ") must listen on port " + port);
            client.send(port, utf8("on a chosen port"));
            client.expectEcho(port, utf8("on a chosen port"), SAY.text("chosen.echo", port));

            UdpEchoServer second = null;
            try {
                second = startEcho(port);
                fail("a second UdpEchoServer.start(" + port + ") succeeded while the first"
                        + " server held the port; it must throw java.net.BindException.");
            } catch (IOException expected) {
                // BindException, as documented (any IOException is accepted)
            } finally {
                if (second != null) {
                    second.close();
                }
            }
        }
        try (UdpEchoServer ephemeral = startEcho(0)) {
            UdpTestKit.expectLoopbackOnly(ephemeral.port(), "start(0)");
        }
    }

    @Test
    @Points(1)
    @Hint("join")
    @Timeout(15) // ten servers started and closed: ten times a close test's work
    void closeReturnsOnlyOnceItsThreadHasEnded() throws Exception {
        closeWithin(startEcho(0), "a first UdpEchoServer"); // the class is loaded
        // The servers of earlier rounds have ended (or the test has failed): one set will do.
        Set<Long> before = UdpTestKit.threadIds();
        for (int round = 1; round <= UdpTestKit.CLOSE_ROUNDS; round++) {
            UdpEchoServer server = startEcho(0);
            List<ThreadView> running = null;
            boolean closing = false;
            try (Probe client = new Probe("the client")) {
                client.send(server.port(), utf8("round " + round));
                client.expectEcho(server.port(), utf8("round " + round), "the server must echo"
                        + " before it is closed.");
                closing = true;
                running = UdpTestKit.closeAndLook(server, "UdpEchoServer", before);
            } finally {
                if (!closing) { // the round failed before close()
                    closeWithin(server, "UdpEchoServer");
                }
            }
            if (!running.isEmpty()) {
                fail("server " + round + " of " + UdpTestKit.CLOSE_ROUNDS + " was closed, and"
                        + " when close() returned these threads still ran its code: "
                        + UdpTestKit.describe(running) + ". close() must return only once the"
                        + " serving thread has ended.");
            }
        }
    }

    @Test
    @Points(2)
    @Hint("close")
    void closeEndsTheServerWhileClientsAreWaiting(TestReporter reporter) throws Exception {
        // A first server makes sure the class is loaded: threads its loading may start are not
        // the threads of the server under test.
        closeWithin(startEcho(0), SAY.text("close.first"));
        Set<Long> before = UdpTestKit.threadIds();
        UdpEchoServer server = startEcho(0);
        int port = server.port();
        List<Probe> clients = new ArrayList<>();
        try {
            for (int i = 0; i < 3; i++) {
                Probe client = new Probe(SAY.text("probe.client", i));
                clients.add(client);
                client.send(port, utf8("hello from " + i));
                client.expectEcho(port, utf8("hello from " + i), SAY.text("close.echo"));
            }
            for (Probe client : clients) {
                client.send(port, utf8("last words")); // still in flight when close() comes
            }
        } finally {
            long start = System.nanoTime();
            closeWithin(server, "UdpEchoServer");
            UdpTestKit.publish(reporter, "closeMs", System.nanoTime() - start, LIFECYCLE_WAIT);
            clients.forEach(Probe::close);
        }
        UdpTestKit.expectThreadsEnd(before, reporter);

        try (DatagramSocket rebound = new DatagramSocket(new InetSocketAddress(LOOPBACK, port))) {
            assertEquals(port, rebound.getLocalPort());
        } catch (BindException e) {
            fail("after close() port " + port + " was still bound: " + e);
        }
        assertEquals(port, server.port(), "port() after close()");
        closeWithin(server, SAY.text("close.second")); // closing twice is harmless
        closeWithin(server, SAY.text("close.third"));
    }
}
