package conclab.udp;

import static conclab.udp.UdpTestKit.LOOPBACK;
import static conclab.udp.UdpTestKit.arbitraryBytes;
import static conclab.udp.UdpTestKit.closeWithin;
import static conclab.udp.UdpTestKit.describe;
import static conclab.udp.UdpTestKit.startTime;
import static conclab.udp.UdpTestKit.utf8;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import conclab.harness.CodeUnderTest.ThreadView;
import conclab.harness.Hint;
import conclab.harness.Points;
import conclab.harness.Say;
import conclab.udp.UdpTestKit.Probe;
import conclab.udp.UdpTestKit.Reply;
import java.net.BindException;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Hidden: the reply format, to the letter, for any request; several clients; the port freed. */
@Tag("udp")
@Timeout(5)
class UdpTimeServerHiddenTest {

    /** The texts this class hands to the kit, in the student's language. */
    private static final Say SAY = Say.of(UdpTimeServerHiddenTest.class);

    /** What {@code Instant.toString()} writes: UTC, 'T', 'Z', a fraction of 0, 3, 6 or 9 digits. */
    private static final Pattern ISO_INSTANT = Pattern.compile(
            "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d{3}|\\.\\d{6}|\\.\\d{9})?Z");

    @Test
    @Points(2)
    @Hint("format")
    void answersAnyRequestWithAStrictUtcInstant() throws Exception {
        List<byte[]> requests = List.of(new byte[0], new byte[] {(byte) 0xFF, 0, (byte) 0xC3},
                arbitraryBytes(2000), utf8("time?"));
        try (UdpTimeServer server = startTime(0); Probe client = new Probe(UdpTestKit.SAY.text("probe.client"))) {
            Instant previous = Instant.EPOCH;
            for (byte[] request : requests) {
                // Let the clock move on, so that a cached or truncated time shows.
                Instant moveOnFrom = previous;
                await().atMost(Duration.ofSeconds(1)).pollInSameThread()
                        .pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(1))
                        .until(() -> Instant.now().isAfter(moveOnFrom.plusMillis(2)));

                Instant before = Instant.now();
                client.send(server.port(), request);
                Reply reply = client.receive(SAY.text("anyRequest", describe(request)));
                Instant after = Instant.now();
                client.expectFromServer(server.port(), reply);

                String text = new String(reply.payload(), StandardCharsets.UTF_8);
                if (!ISO_INSTANT.matcher(text).matches()) {
                    fail("the reply to " + describe(request) + " was \"" + text + "\"; expected"
                            + " exactly Instant.now().toString(), e.g. " + Instant.now()
                            + " (no newline, no spaces, UTC with a 'Z').");
                }
                Instant told = Instant.parse(text);
                if (told.isBefore(before.truncatedTo(ChronoUnit.MILLIS)) || told.isAfter(after)) {
                    fail("the server said " + told + " for a request sent at " + before
                            + " and answered by " + after + ": read the clock for every request,"
                            + " to the millisecond at least.");
                }
                previous = told;
            }
        }
    }

    @Test
    @Points(1)
    @Hint("clients")
    void answersInterleavedClientsAndFreesItsPort() throws Exception {
        for (int bad : new int[] {-1, 65536}) {
            try {
                startTime(bad).close();
                fail("UdpTimeServer.start(" + bad + ") returned a server; a port must be within"
                        + " 0..65535: throw IllegalArgumentException.");
            } catch (IllegalArgumentException expected) {
                // as documented
            }
        }
        int port;
        try (DatagramSocket finder = new DatagramSocket(new InetSocketAddress(LOOPBACK, 0))) {
            port = finder.getLocalPort(); // free a moment ago, and again once this closes
        }
        UdpTimeServer server = startTime(port);
        try (Probe a = new Probe(UdpTestKit.SAY.text("probe.clientA")); Probe b = new Probe(UdpTestKit.SAY.text("probe.clientB"))) {
            assertEquals(port, server.port(), "UdpTimeServer.start(" + port + ") must listen on"
                    + " port " + port);
            UdpTestKit.expectLoopbackOnly(port, "UdpTimeServer.start(" + port + ")");
            a.send(port, utf8("A asks"));
            Reply first = a.receive(SAY.text("nobody"));
            a.expectFromServer(port, first);
            a.send(port, utf8("A asks again"));
            b.send(port, utf8("B asks"));
            for (Probe client : List.of(b, a)) {
                Reply reply = client.receive(SAY.text("both"));
                client.expectFromServer(port, reply);
                UdpTimeServerTest.parse(reply.payload());
            }
        } finally {
            closeWithin(server, "UdpTimeServer");
        }
        try (DatagramSocket rebound = new DatagramSocket(new InetSocketAddress(LOOPBACK, port))) {
            assertTrue(rebound.isBound());
        } catch (BindException e) {
            fail("after close() port " + port + " was still bound: " + e);
        }
    }

    @Test
    @Points(1)
    @Hint("join")
    @Timeout(15) // ten servers started and closed: ten times a close test's work
    void closeReturnsOnlyOnceItsThreadHasEnded() throws Exception {
        closeWithin(startTime(0), "a first UdpTimeServer"); // the class is loaded
        // The servers of earlier rounds have ended (or the test has failed): one set will do.
        java.util.Set<Long> before = UdpTestKit.threadIds();
        for (int round = 1; round <= UdpTestKit.CLOSE_ROUNDS; round++) {
            UdpTimeServer server = startTime(0);
            List<ThreadView> running = null;
            boolean closing = false;
            try (Probe client = new Probe("the client")) {
                client.send(server.port(), utf8("round " + round));
                Reply reply = client.receive("the server must answer before it is closed.");
                client.expectFromServer(server.port(), reply);
                closing = true;
                running = UdpTestKit.closeAndLook(server, "UdpTimeServer", before);
            } finally {
                if (!closing) { // the round failed before close()
                    closeWithin(server, "UdpTimeServer");
                }
            }
            if (!running.isEmpty()) {
                fail("time server " + round + " of " + UdpTestKit.CLOSE_ROUNDS + " was closed,"
                        + " and when close() returned these threads still ran its code: "
                        + UdpTestKit.describe(running) + ". close() must return only once the"
                        + " serving thread has ended.");
            }
        }
    }
}
