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
import conclab.harness.CodeUnderTest.ThreadView;
import conclab.harness.Say;
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

/**
 * The echo server: what it sends back, to whom, for how many clients, and how it stops. Every
 * text is in {@code UdpEchoServerTest.properties} (and {@code _zh_CN}); each step that can fail
 * in its own way carries the hint for that way ({@link Say#hinting}).
 */
@Tag("udp")
@Timeout(5)
class UdpEchoServerTest {

    private static final Say SAY = Say.of(UdpEchoServerTest.class);

    @Test
    @Points(1)
    @Hint("echo")
    void echoesADatagramBackToItsSender(TestReporter reporter) throws Exception {
        try (UdpEchoServer server = startEcho(0); Probe client = new Probe(UdpTestKit.SAY.text("probe.client"))) {
            int port = server.port();
            SAY.hinting("ephemeral", () -> assertTrue(port > 0 && port <= 65535,
                    SAY.text("ephemeral.port", port)));

            client.send(port, utf8("hello, udp"));
            client.expectEcho(port, utf8("hello, udp"), SAY.text("echo.first"));

            client.send(port, utf8("and again"));
            SAY.hinting("loop", () -> client.expectEcho(port, utf8("and again"),
                    SAY.text("echo.second")));
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
        try (UdpEchoServer server = startEcho(0); Probe client = new Probe(UdpTestKit.SAY.text("probe.client"))) {
            for (byte[] payload : payloads) {
                client.send(server.port(), payload);
                client.expectEcho(server.port(), payload, SAY.text("bytes.any"));
            }
            client.send(server.port(), utf8("still there?"));
            SAY.hinting("goOn", () -> client.expectEcho(server.port(), utf8("still there?"),
                    SAY.text("bytes.after")));
        }
    }

    @Test
    @Points(1)
    @Hint("empty")
    void answersAnEmptyDatagramWithAnEmptyOne() throws Exception {
        try (UdpEchoServer server = startEcho(0); Probe client = new Probe(UdpTestKit.SAY.text("probe.client"))) {
            client.send(server.port(), new byte[0]);
            Reply reply = client.receive(SAY.text("empty.none"));
            assertEquals(0, reply.payload().length, SAY.text("empty.notEmpty",
                    describe(reply.payload())));
            client.expectFromServer(server.port(), reply);

            client.send(server.port(), utf8("after the empty one"));
            SAY.hinting("goOn", () -> client.expectEcho(server.port(),
                    utf8("after the empty one"), SAY.text("empty.after")));
        }
    }

    @Test
    @Points(2)
    @Hint("truncate")
    void truncatesDatagramsLongerThanTheBuffer() throws Exception {
        int size = UdpEchoServer.BUFFER_SIZE;
        byte[] exactlyFull = arbitraryBytes(size);
        byte[] oversized = arbitraryBytes(3000);
        try (UdpEchoServer server = startEcho(0); Probe client = new Probe(UdpTestKit.SAY.text("probe.client"))) {
            client.send(server.port(), exactlyFull);
            client.expectEcho(server.port(), exactlyFull, SAY.text("truncate.full", size));

            client.send(server.port(), oversized);
            Reply reply = client.receive(SAY.text("truncate.none", size));
            if (reply.payload().length != size) {
                SAY.hinting(reply.payload().length > size ? "truncate.bigger" : "truncate",
                        () -> fail(SAY.text("truncate.length", reply.payload().length, size)));
            }
            assertArrayEquals(Arrays.copyOf(oversized, size), reply.payload(),
                    SAY.text("truncate.first", size));
            client.expectFromServer(server.port(), reply);

            client.send(server.port(), utf8("next"));
            SAY.hinting("truncate.rest", () -> client.expectEcho(server.port(), utf8("next"),
                    SAY.text("truncate.after")));
        }
    }

    @Test
    @Points(3)
    @Hint("concurrent")
    void servesInterleavedClients(TestReporter reporter) throws Exception {
        try (UdpEchoServer server = startEcho(0);
             Probe a = new Probe(UdpTestKit.SAY.text("probe.clientA"));
             Probe b = new Probe(UdpTestKit.SAY.text("probe.clientB"));
             Probe c = new Probe(UdpTestKit.SAY.text("probe.clientC"))) {
            int port = server.port();
            // What each client sends starts with its id, in every language the same bytes.
            java.util.Map<Probe, String> id = java.util.Map.of(a, "client A", b, "client B", c,
                    "client C");
            // One at a time: A, then B, then C, each waiting for its reply.
            for (Probe client : List.of(a, b, c)) {
                byte[] message = utf8(id.get(client) + ": first");
                client.send(port, message);
                if (client == a) {
                    client.expectEcho(port, message, SAY.text("clients.nobody"));
                } else {
                    SAY.hinting("oneSocket", () -> client.expectEcho(port, message,
                            SAY.text("clients.notFirst")));
                }
            }
            // Interleaved: all three send before anyone reads; then in the opposite order.
            List<List<Probe>> rounds = List.of(List.of(a, b, c), List.of(c, b, a));
            int round = 2;
            for (List<Probe> order : rounds) {
                for (Probe client : order) {
                    client.send(port, utf8(id.get(client) + ": round " + round));
                }
                for (Probe client : order) {
                    client.expectEcho(port, utf8(id.get(client) + ": round " + round),
                            SAY.text("clients.interleaved"));
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
        try (UdpEchoServer server = startEcho(port); Probe client = new Probe(UdpTestKit.SAY.text("probe.client"))) {
            assertEquals(port, server.port(), SAY.text("port.given", port));
            client.send(port, utf8("on a chosen port"));
            client.expectEcho(port, utf8("on a chosen port"), SAY.text("port.started", port));
            UdpTestKit.expectLoopbackOnly(port, "start(" + port + ")");
        }
    }

    @Test
    @Points(2)
    @Hint("close")
    void closeReleasesThePortAtOnce(TestReporter reporter) throws Exception {
        // A first server makes sure the class is loaded: threads its loading may start are not
        // the threads of the server under test.
        closeWithin(startEcho(0), SAY.text("close.first"));
        Set<Long> before = UdpTestKit.threadIds();
        UdpEchoServer server = UdpTestKit.startEchoFromANonDaemonThread(0);
        int port = server.port();
        List<ThreadView> runningWhenClosed;
        try (Probe client = new Probe(UdpTestKit.SAY.text("probe.client"))) {
            client.send(port, utf8("before close"));
            client.expectEcho(port, utf8("before close"), SAY.text("close.before"));
            UdpTestKit.expectDaemons(before);
        } finally {
            long start = System.nanoTime();
            runningWhenClosed = UdpTestKit.closeAndLook(server, "UdpEchoServer", before);
            UdpTestKit.publish(reporter, "closeMs", System.nanoTime() - start,
                    UdpTestKit.LIFECYCLE_WAIT);
        }
        SAY.hinting("close.port", () -> assertEquals(port, server.port(),
                SAY.text("close.portForgotten")));
        // Right after close() returns, the port must be free: bind it ourselves.
        DatagramSocket rebound;
        try {
            rebound = new DatagramSocket(new InetSocketAddress(LOOPBACK, port));
        } catch (BindException e) {
            rebound = SAY.hinting("close.socket", () -> fail(SAY.text("close.stillBound", port,
                    e)));
        }
        try (DatagramSocket newOwner = rebound;
             Probe client = new Probe(UdpTestKit.SAY.text("probe.lateClient"))) {
            newOwner.setSoTimeout((int) REPLY_WAIT.toMillis());
            client.send(port, utf8("who is there?"));
            DatagramPacket packet = new DatagramPacket(new byte[64], 64);
            newOwner.receive(packet);
            assertEquals("who is there?", new String(packet.getData(), 0, packet.getLength(),
                    java.nio.charset.StandardCharsets.UTF_8),
                    SAY.text("close.newOwner"));
        }
        UdpTestKit.expectThreadsEnd(before, reporter);
        UdpTestKit.expectEndedWhenCloseReturned(runningWhenClosed);
        SAY.hinting("close.twice", () -> closeWithin(server, SAY.text("close.second")));
    }
}
