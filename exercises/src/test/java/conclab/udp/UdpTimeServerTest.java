package conclab.udp;

import static conclab.udp.UdpTestKit.closeWithin;
import static conclab.udp.UdpTestKit.startTime;
import static conclab.udp.UdpTestKit.utf8;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import conclab.harness.Hint;
import conclab.harness.Points;
import conclab.harness.Say;
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

/**
 * The time server: its reply is an ISO-8601 instant taken while the request was answered. Every
 * text is in {@code UdpTimeServerTest.properties} (and {@code _zh_CN}); each step that can fail
 * in its own way carries the hint for that way ({@link Say#hinting}).
 */
@Tag("udp")
@Timeout(5)
class UdpTimeServerTest {

    private static final Say SAY = Say.of(UdpTimeServerTest.class);

    @Test
    @Points(2)
    @Hint("time")
    void repliesWithTheCurrentInstant(TestReporter reporter) throws Exception {
        // A first server makes sure the class is loaded: threads its loading may start are not
        // the threads of the server under test.
        closeWithin(startTime(0), SAY.text("first"));
        java.util.Set<Long> threadsBefore = UdpTestKit.threadIds();
        UdpTimeServer server = UdpTestKit.startTimeFromANonDaemonThread(0);
        int port = server.port();
        java.util.List<conclab.harness.CodeUnderTest.ThreadView> runningWhenClosed = null;
        boolean closing = false;
        try (Probe client = new Probe(UdpTestKit.SAY.text("probe.client"))) {
            Instant previous = Instant.EPOCH;
            for (byte[] request : new byte[][] {utf8("what time is it?"), new byte[0]}) {
                // Let the clock move on past the last answer, so that a time read once shows.
                Instant moveOnFrom = previous;
                await().atMost(Duration.ofSeconds(1)).pollInSameThread().pollDelay(Duration.ZERO)
                        .pollInterval(Duration.ofMillis(1))
                        .until(() -> Instant.now().isAfter(moveOnFrom.plusMillis(2)));
                Instant before = Instant.now();
                client.send(port, request);
                Reply reply = SAY.hinting("anyRequest", () -> client.receive(SAY.text("noReply",
                        UdpTestKit.describe(request))));
                Instant after = Instant.now();
                client.expectFromServer(port, reply);
                UdpTestKit.publish(reporter, "timeReplyLatencyMs", client.maxLatencyNanos(),
                        UdpTestKit.REPLY_WAIT);

                Instant told = parse(reply.payload());
                // The reply must be at least millisecond-precise: compare at that precision.
                if (told.isBefore(before.truncatedTo(ChronoUnit.MILLIS))) {
                    SAY.hinting("clock", () -> fail(SAY.text("past", told, before)));
                }
                if (told.isAfter(after)) {
                    SAY.hinting("utc", () -> fail(SAY.text("future", told, after)));
                }
                previous = told;
            }
            try (Probe other = new Probe(UdpTestKit.SAY.text("probe.anotherClient"))) {
                other.send(port, utf8("and me?"));
                Reply reply = SAY.hinting("clients", () -> other.receive(SAY.text("another")));
                other.expectFromServer(port, reply);
                parse(reply.payload());
            }
            UdpTestKit.expectLoopbackOnly(port, "UdpTimeServer.start(0)");
            UdpTestKit.expectDaemons(threadsBefore);
            closing = true;
            runningWhenClosed = UdpTestKit.closeAndLook(server, "UdpTimeServer", threadsBefore);
        } finally {
            if (!closing) { // the test failed before close()
                closeWithin(server, "UdpTimeServer");
            }
        }
        SAY.hinting("portAfterClose", () -> assertEquals(port, server.port(),
                SAY.text("portForgotten")));
        closeWithin(server, SAY.text("second")); // closing twice does nothing
        SAY.hinting("closeSocket", () -> UdpTestKit.expectFreeOnLoopback(port,
                SAY.text("stillBound")));
        UdpTestKit.expectEndedWhenCloseReturned(runningWhenClosed);
    }

    /** The reply as an instant, or a failure that shows what was wrong with it. */
    static Instant parse(byte[] reply) {
        String text = new String(reply, StandardCharsets.UTF_8);
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            return SAY.hinting("format", () -> fail(SAY.text("notInstant", text, Instant.now(),
                    e.getMessage())));
        }
    }
}
