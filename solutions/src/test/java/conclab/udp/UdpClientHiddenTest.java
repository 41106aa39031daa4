package conclab.udp;

import static conclab.udp.UdpTestKit.describe;
import static conclab.udp.UdpTestKit.utf8;
import static conclab.harness.BoundedWait.within;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.fail;

import conclab.harness.Hint;
import conclab.harness.Points;
import conclab.harness.Timing;
import conclab.udp.UdpTestKit.Probe;
import conclab.udp.UdpTestKit.Reply;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;
import org.junit.jupiter.api.Timeout;

/** Hidden: the reply is only the server's, and no timeout ever turns into "forever". */
@Tag("udp")
@Timeout(5)
class UdpClientHiddenTest {

    @Test
    @Points(2)
    @Hint("strangers")
    void ignoresDatagramsFromOtherAddresses() throws Exception {
        Duration timeout = Duration.ofSeconds(1);
        try (Probe server = new Probe("the fake server");
             Probe stranger = new Probe("a stranger")) {
            // The fake server lets a stranger write to the client first, then answers.
            FutureTask<Reply> serving = new FutureTask<>(() -> {
                Reply request = server.receive("the client never sent its request.");
                stranger.send(request.from(), utf8("intruder"));
                server.send(request.from(), utf8("the real reply"));
                return request;
            });
            Thread serverThread = new Thread(serving, "udp-fake-server");
            serverThread.setDaemon(true);
            serverThread.start();

            byte[] reply = within(Timing.upperBound(timeout), "UdpClient.request(server, ..., 1 s)",
                    "the server did answer.",
                    () -> UdpClient.request(server.address(), utf8("time?"), timeout));
            serving.get(UdpTestKit.REPLY_WAIT.toMillis(), TimeUnit.MILLISECONDS);
            assertArrayEquals(utf8("the real reply"), reply, "a stranger (127.0.0.1:"
                    + stranger.port() + ") wrote to the client before the server (127.0.0.1:"
                    + server.port() + ") answered; request(...) must return the server's"
                    + " \"the real reply\" but returned " + describe(reply) + ". Only a datagram"
                    + " from the server's address and port is the reply: compare"
                    + " packet.getSocketAddress() with the server's address, and if it is"
                    + " somebody else, keep waiting (within what is left of the timeout).");
        }
    }

    @Test
    @Points(1)
    @Hint("positive")
    void neverTurnsATimeoutIntoWaitingForever(TestReporter reporter) throws Exception {
        try (Probe silent = new Probe("the silent server")) {
            for (Duration bad : new Duration[] {Duration.ZERO, Duration.ofMillis(-5)}) {
                Duration bound = Timing.upperBound(Duration.ofMillis(50));
                try {
                    within(bound, "request(..., " + bad + ") to a server that never answers",
                            "setSoTimeout(0) means 'wait forever': reject a timeout of zero or"
                                    + " less with IllegalArgumentException, before sending.",
                            () -> UdpClient.request(silent.address(), utf8("?"), bad));
                    fail("request(..., " + bad + ") returned; it must throw"
                            + " IllegalArgumentException: a timeout must be positive.");
                } catch (IllegalArgumentException expected) {
                    // as documented
                } catch (AssertionError | Exception e) {
                    answerStuckClients(silent);
                    if (e instanceof IOException) {
                        fail("request(..., " + bad + ") must throw IllegalArgumentException"
                                + " (a timeout must be positive), but it threw " + e, e);
                    }
                    throw e;
                }
            }

            // Less than a millisecond: rounded down, it would become setSoTimeout(0).
            Duration tiny = Duration.ofNanos(200_000);
            Duration bound = Timing.upperBound(Duration.ofMillis(1));
            long start = System.nanoTime();
            try {
                within(bound, "request(..., 0.2 ms) to a server that never answers",
                        "a timeout under a millisecond must be rounded UP to 1 ms: rounded down it"
                                + " becomes setSoTimeout(0), which means 'wait forever'.",
                        () -> UdpClient.request(silent.address(), utf8("?"), tiny));
                fail("request(..., 0.2 ms) returned although the server never answers");
            } catch (SocketTimeoutException expected) {
                UdpTestKit.publish(reporter, "subMillisecondTimeoutElapsedMs",
                        System.nanoTime() - start, bound);
            } catch (AssertionError e) {
                answerStuckClients(silent);
                throw e;
            }
        }
    }

    /**
     * Answers every request that reached the silent server, so that stuck clients can end. Called
     * after a bound has passed, so their requests are already waiting: poll briefly.
     */
    private static void answerStuckClients(Probe silent) throws IOException {
        silent.socket().setSoTimeout(20);
        for (Optional<Reply> request = silent.poll(); request.isPresent();
                request = silent.poll()) {
            silent.send(request.get().from(), utf8("too late"));
        }
    }
}
