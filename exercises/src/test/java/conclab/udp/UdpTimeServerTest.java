package conclab.udp;

import static conclab.udp.UdpTestKit.startTime;
import static conclab.udp.UdpTestKit.utf8;
import static org.junit.jupiter.api.Assertions.fail;

import conclab.harness.Hint;
import conclab.harness.Points;
import conclab.udp.UdpTestKit.Probe;
import conclab.udp.UdpTestKit.Reply;
import java.nio.charset.StandardCharsets;
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
        try (UdpTimeServer server = startTime(0); Probe client = new Probe("the client")) {
            Instant before = Instant.now();
            client.send(server.port(), utf8("what time is it?"));
            Reply reply = client.receive("a time server answers every datagram with the"
                    + " current time, sent to the datagram's sender.");
            Instant after = Instant.now();
            client.expectFromServer(server.port(), reply);
            UdpTestKit.publish(reporter, "timeReplyLatencyMs", client.maxLatencyNanos(),
                    UdpTestKit.REPLY_WAIT);

            Instant told = parse(reply.payload());
            // The reply must be at least millisecond-precise: compare at that precision.
            if (told.isBefore(before.truncatedTo(ChronoUnit.MILLIS))) {
                fail("the server said " + told + ", but the request was sent at " + before
                        + ": the time must be read when the request is answered (not cached),"
                        + " at least to the millisecond (Instant.now(), not truncated to"
                        + " seconds).");
            }
            if (told.isAfter(after)) {
                fail("the server said " + told + ", but the reply had arrived by " + after
                        + ": that is in the future. Is it local time labelled as UTC?");
            }
        }
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
