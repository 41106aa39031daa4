package conclab.udp;

import static conclab.udp.UdpTestKit.closeWithin;
import static conclab.udp.UdpTestKit.startTime;
import static conclab.udp.UdpTestKit.utf8;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import conclab.harness.Hint;
import conclab.harness.Points;
import conclab.udp.UdpTestKit.Probe;
import conclab.udp.UdpTestKit.Reply;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;
import org.junit.jupiter.api.Timeout;

/** The time server: its reply is an ISO-8601 instant taken while the request was answered. */
@Tag("udp")
@Timeout(5)
class UdpTimeServerTest {

    @Test
    @Points(2)
    @Hint("time")
    void repliesWithTheCurrentInstant(TestReporter reporter) throws Exception {
        // A first server makes sure the class is loaded: threads its loading may start are not
        // the threads of the server under test.
        closeWithin(startTime(0), "a first UdpTimeServer");
        java.util.Set<Long> threadsBefore = UdpTestKit.threadIds();
        UdpTimeServer server = UdpTestKit.startTimeFromANonDaemonThread(0);
        int port = server.port();
        try (Probe client = new Probe("the client")) {
            Instant previous = Instant.EPOCH;
            for (byte[] request : new byte[][] {utf8("what time is it?"), new byte[0]}) {
                // Let the clock move on past the last answer, so that a time read once shows.
                Instant moveOnFrom = previous;
                await().atMost(Duration.ofSeconds(1)).pollInSameThread().pollDelay(Duration.ZERO)
                        .pollInterval(Duration.ofMillis(1))
                        .until(() -> Instant.now().isAfter(moveOnFrom.plusMillis(2)));
                Instant before = Instant.now();
                client.send(port, request);
                Reply reply = client.receive("it had sent " + UdpTestKit.describe(request) + ". A"
                        + " time server answers every datagram, whatever it holds (an empty one"
                        + " too), with the current time, sent to the datagram's sender.");
                Instant after = Instant.now();
                client.expectFromServer(port, reply);
                UdpTestKit.publish(reporter, "timeReplyLatencyMs", client.maxLatencyNanos(),
                        UdpTestKit.REPLY_WAIT);

                Instant told = parse(reply.payload());
                // The reply must be at least millisecond-precise: compare at that precision.
                if (told.isBefore(before.truncatedTo(ChronoUnit.MILLIS))) {
                    fail("the server said " + told + ", but the request was sent at " + before
                            + ": the time must be read when the request is answered (not once"
                            + " for all), at least to the millisecond (Instant.now(), not"
                            + " truncated to seconds).");
                }
                if (told.isAfter(after)) {
                    fail("the server said " + told + ", but the reply had arrived by " + after
                            + ": that is in the future. Is it local time labelled as UTC?");
                }
                previous = told;
            }
            try (Probe other = new Probe("another client")) {
                other.send(port, utf8("and me?"));
                Reply reply = other.receive("a first client had been answered; a time server"
                        + " answers any number of clients with its one socket, each at the"
                        + " address its datagram came from (no connect() to the first one).");
                other.expectFromServer(port, reply);
                parse(reply.payload());
            }
            UdpTestKit.expectLoopbackOnly(port, "UdpTimeServer.start(0)");
            UdpTestKit.expectDaemons(threadsBefore);
        } finally {
            closeWithin(server, "UdpTimeServer");
        }
        assertEquals(port, server.port(), "port() must still say the server's port after close()");
        closeWithin(server, "UdpTimeServer, a second time,"); // closing twice does nothing
        UdpTestKit.expectFreeOnLoopback(port, "close() of the time server must close its socket"
                + " before it returns.");
    }

    /** The reply as an instant, or a failure that shows what was wrong with it. */
    static Instant parse(byte[] reply) {
        String text = new String(reply, StandardCharsets.UTF_8);
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            return fail("the reply \"" + text + "\" is not an ISO-8601 instant in UTC such as "
                    + Instant.now() + " (what Instant.now().toString() gives: a 'T' between date"
                    + " and time, a 'Z' at the end, no newline, no local time): "
                    + e.getMessage());
        }
    }
}
