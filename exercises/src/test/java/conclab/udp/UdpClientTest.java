package conclab.udp;

import static conclab.udp.UdpTestKit.describe;
import static conclab.udp.UdpTestKit.utf8;
import static conclab.harness.BoundedWait.within;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import conclab.harness.Hint;
import conclab.harness.Points;
import conclab.harness.Timing;
import conclab.harness.TimingBoundExceeded;
import conclab.harness.TimingTest;
import conclab.udp.UdpTestKit.Probe;
import conclab.udp.UdpTestKit.Reply;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;
import org.junit.jupiter.api.Timeout;

/**
 * The client, against fake servers played by the test: one that answers, one that never does.
 */
@Tag("udp")
@Timeout(5)
class UdpClientTest {

    @Test
    @Points(1)
    @Hint("request")
    void sendsTheRequestAndReturnsTheReply() throws Exception {
        exchange(utf8("ping"), utf8("pong"));
    }

    @Test
    @Points(1)
    @Hint("empty")
    void sendsAnEmptyRequestToo() throws Exception {
        exchange(new byte[0], utf8("you sent nothing"));
    }

    /**
     * A fake server (the test) receives one datagram and answers it; the client must have sent
     * {@code request} and must return {@code answer}.
     */
    private static void exchange(byte[] request, byte[] answer) throws Exception {
        Duration timeout = Duration.ofSeconds(1);
        try (Probe server = new Probe("the fake server")) {
            FutureTask<Optional<Reply>> serving = new FutureTask<>(() -> {
                Optional<Reply> received = server.poll();
                if (received.isPresent()) {
                    server.send(received.get().from(), answer);
                }
                return received;
            });
            Thread serverThread = new Thread(serving, "udp-fake-server");
            serverThread.setDaemon(true);
            serverThread.start();

            String call = "UdpClient.request(server, " + describe(request) + ", 1 s)";
            byte[] reply = null;
            SocketTimeoutException timedOut = null;
            try {
                reply = within(Timing.upperBound(timeout), call, "it must send one datagram,"
                        + " then wait at most the timeout.",
                        () -> UdpClient.request(server.address(), request, timeout));
            } catch (SocketTimeoutException e) {
                timedOut = e;
            }

            Optional<Reply> received = serving.get(
                    UdpTestKit.REPLY_WAIT.plus(timeout).toMillis(), TimeUnit.MILLISECONDS);
            if (received.isEmpty()) {
                fail(call + ": the fake server at 127.0.0.1:" + server.port() + " received no"
                        + " datagram at all." + (request.length == 0 ? " Careful: a connected"
                        + " DatagramSocket (after connect()) silently sends nothing for an empty"
                        + " datagram. Do not connect; send with the server's address in the"
                        + " DatagramPacket." : " Send the request with the server's address in"
                        + " the DatagramPacket."));
            }
            assertArrayEquals(request, received.get().payload(), call + ": the fake server"
                    + " received " + describe(received.get().payload()) + "."
                    + UdpTestKit.diagnose(request, received.get().payload()));
            if (timedOut != null) {
                fail(call + ": the fake server answered " + describe(answer) + " at once, to the"
                        + " address the request came from, but the client timed out (" + timedOut
                        + "). Receive on the same socket that sent the request.");
            }
            assertArrayEquals(answer, reply, call + ": the fake server answered "
                    + describe(answer) + ", but request(...) returned " + describe(reply) + "."
                    + UdpTestKit.diagnose(answer, reply));
        }
    }

    @TimingTest
    @Points(3)
    @Hint("timeout")
    void timesOutWhenNoReplyComes(TestReporter reporter) throws Exception {
        Duration timeout = Duration.ofMillis(300);
        Duration bound = Timing.upperBound(timeout);
        try (Probe silent = new Probe("the silent server")) {
            // Bound, so nothing bounces back ("port unreachable"); it just never answers.
            long[] elapsed = new long[1];
            FutureTask<Throwable> call = new FutureTask<>(() -> {
                long start = System.nanoTime();
                try {
                    byte[] reply = UdpClient.request(silent.address(), utf8("anyone?"), timeout);
                    elapsed[0] = System.nanoTime() - start;
                    return new AssertionError("request(...) returned " + describe(reply)
                            + " although the server never answered");
                } catch (Exception e) {
                    elapsed[0] = System.nanoTime() - start;
                    return e;
                }
            });
            Thread caller = new Thread(call, "udp-client-call");
            caller.setDaemon(true);
            caller.start();

            Throwable outcome;
            try {
                outcome = call.get(bound.toNanos(), TimeUnit.NANOSECONDS);
            } catch (TimeoutException e) {
                // Free the stuck client: answer it late, so that its thread can end.
                silent.poll().ifPresent(request -> {
                    try {
                        silent.send(request.from(), utf8("too late"));
                    } catch (java.io.IOException ignored) {
                        // nothing more we can do
                    }
                });
                reporter.publishEntry("clientTimeoutElapsedMs", ">" + bound.toMillis());
                reporter.publishEntry("clientTimeoutBoundMs", String.valueOf(bound.toMillis()));
                // a bound, not a hang: a client that waits a fixed second, or forever, fails
                // every attempt; a correct one slowed by a busy machine passes the next
                throw new TimingBoundExceeded("request(..., " + timeout.toMillis() + " ms) to a"
                        + " server that never answers was still waiting after " + bound.toMillis()
                        + " ms. A UDP client must limit its wait: socket.setSoTimeout(...) before"
                        + " receive().", bound, bound);
            }
            long elapsedMs = TimeUnit.NANOSECONDS.toMillis(elapsed[0]);
            UdpTestKit.publish(reporter, "clientTimeoutElapsedMs", elapsed[0], bound);

            if (outcome instanceof AssertionError error) {
                throw error;
            }
            if (!(outcome instanceof SocketTimeoutException)) {
                if (outcome instanceof UnsupportedOperationException todo) {
                    throw todo;
                }
                throw new AssertionError("request(...) to a server that never answers must throw"
                        + " java.net.SocketTimeoutException (what receive() throws once"
                        + " setSoTimeout has passed), but it threw " + outcome, outcome);
            }
            assertTrue(elapsed[0] >= timeout.toNanos(), "request(..., " + timeout.toMillis()
                    + " ms) gave up after only " + elapsedMs + " ms: it must wait the whole"
                    + " timeout (is it rounded down, or shortened?).");
            Timing.assertWithin(Duration.ofNanos(elapsed[0]), bound, "request(..., "
                    + timeout.toMillis() + " ms) to a server that never answers",
                    "Use the given timeout, not a fixed one.");

            Reply request = silent.receive("the client timed out without sending its request.");
            assertArrayEquals(utf8("anyone?"), request.payload(), "the silent server expected"
                    + " the request \"anyone?\" but got " + describe(request.payload()));
        }
    }
}
