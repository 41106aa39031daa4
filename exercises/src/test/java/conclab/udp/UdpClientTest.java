package conclab.udp;

import static conclab.udp.UdpTestKit.describe;
import static conclab.udp.UdpTestKit.utf8;
import static conclab.harness.BoundedWait.within;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import conclab.harness.BoundedWait;
import conclab.harness.Hint;
import conclab.harness.Points;
import conclab.harness.Timing;
import conclab.harness.TimingBoundExceeded;
import conclab.harness.TimingTest;
import conclab.udp.UdpTestKit.Probe;
import conclab.udp.UdpTestKit.Reply;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.FutureTask;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;
import org.junit.jupiter.api.Timeout;

/**
 * The client, against fake servers played by the test: one that answers, one that never does,
 * and strangers that write to the client meanwhile.
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

    @Test
    @Points(2)
    @Hint("long")
    void returnsLongRepliesWhole() throws Exception {
        // 1024 is the lecture's recvfrom(1024); MAX_REPLY is the longest a datagram can carry.
        for (int length : new int[] {1025, 8192, UdpClient.MAX_REPLY}) {
            exchange(utf8("a long one, please"), UdpTestKit.arbitraryBytes(length));
        }
    }

    /**
     * A fake server (the test) receives one datagram and answers it; the client must have sent
     * {@code request}, must return {@code answer}, and must have closed its socket by then.
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
            if (!java.util.Arrays.equals(answer, reply)) {
                fail(call + ": the fake server answered " + describe(answer) + ", but"
                        + " request(...) returned " + describe(reply) + "."
                        + (reply.length < answer.length && reply.length > 0
                        && java.util.Arrays.equals(reply, java.util.Arrays.copyOf(answer,
                        reply.length)) ? " The reply was cut to the size of the receive buffer:"
                        + " make it MAX_REPLY (" + UdpClient.MAX_REPLY + ") bytes, the longest a"
                        + " UDP datagram can carry, not 1024."
                        : UdpTestKit.diagnose(answer, reply)));
            }
            UdpTestKit.expectFreeOnLoopback(received.get().from().getPort(), call + " had"
                    + " returned, but the socket it sent from was still open. Each call uses its"
                    + " own socket and closes it before returning, whatever happens:"
                    + " try (DatagramSocket socket = new DatagramSocket()) { ... }.");
        }
    }

    @Test
    @Points(2)
    @Hint("strangers")
    void ignoresADatagramFromAStranger() throws Exception {
        Duration timeout = Duration.ofSeconds(1);
        try (Probe server = new Probe("the fake server");
             Probe stranger = new Probe("a stranger")) {
            // A stranger on the same machine writes to the client first; then the server answers.
            FutureTask<Reply> serving = new FutureTask<>(() -> {
                Reply request = server.receive("the client never sent its request.");
                stranger.send(request.from(), utf8("me!"));
                server.send(request.from(), utf8("the real reply"));
                return request;
            });
            Thread serverThread = new Thread(serving, "udp-fake-server");
            serverThread.setDaemon(true);
            serverThread.start();

            byte[] reply = within(Timing.upperBound(timeout), "UdpClient.request(server, ..., 1 s)",
                    "the server did answer.",
                    () -> UdpClient.request(server.address(), utf8("who is there?"), timeout));
            serving.get(UdpTestKit.REPLY_WAIT.toMillis(), TimeUnit.MILLISECONDS);
            assertArrayEquals(utf8("the real reply"), reply, "a stranger (127.0.0.1:"
                    + stranger.port() + ") wrote \"me!\" to the client before the server"
                    + " (127.0.0.1:" + server.port() + ") answered; request(...) must return the"
                    + " server's \"the real reply\" but returned " + describe(reply) + ". Only a"
                    + " datagram from the server's address and port is the reply: compare"
                    + " packet.getSocketAddress() with the server's address (address and port),"
                    + " and if it is somebody else, keep waiting.");
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
            BoundedWait.announce(bound);
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
            // a timeout is kept to the millisecond: rounded to whole milliseconds it may end
            // up to one early (a wait under a millisecond is the hidden test's)
            assertTrue(elapsed[0] >= timeout.minusMillis(1).toNanos(), "request(..., "
                    + timeout.toMillis()
                    + " ms) gave up after only " + elapsedMs + " ms: it must wait the whole"
                    + " timeout (is it rounded down, or shortened?).");
            Timing.assertWithin(Duration.ofNanos(elapsed[0]), bound, "request(..., "
                    + timeout.toMillis() + " ms) to a server that never answers",
                    "Use the given timeout, not a fixed one.");

            Reply request = silent.receive("the client timed out without sending its request.");
            assertArrayEquals(utf8("anyone?"), request.payload(), "the silent server expected"
                    + " the request \"anyone?\" but got " + describe(request.payload()));
            expectNoMore(silent, "request(..., 300 ms) to a server that never answers");
            UdpTestKit.expectFreeOnLoopback(request.from().getPort(), "request(...) had thrown"
                    + " SocketTimeoutException, but the socket it sent from was still open. Each"
                    + " call closes its socket before returning, whatever happens (a timeout"
                    + " too): try (DatagramSocket socket = new DatagramSocket()) { ... }.");
        }
    }

    /** The one request was received already: nothing else may have come (no resending). */
    static void expectNoMore(Probe server, String call) throws IOException {
        Optional<Reply> more = server.pollWaiting();
        if (more.isPresent()) {
            fail(call + ": the server received a second datagram, " + describe(more.get()
                    .payload()) + ". The request goes out as exactly one datagram: the client"
                    + " does not retry (what to do after a timeout is the caller's decision).");
        }
    }

    @TimingTest
    @Points(2)
    @Hint("deadline")
    void keepsOneDeadlineWhileStrangersWrite(TestReporter reporter) throws Exception {
        // Not 300 ms: the grader's own tests slow down the first 300 ms call of a grading.
        Duration timeout = Duration.ofMillis(250);
        Duration every = Duration.ofMillis(40);
        Duration bound = Timing.upperBound(timeout);
        ScheduledExecutorService strangers = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "udp-test-stranger");
            thread.setDaemon(true);
            return thread;
        });
        try (Probe silent = new Probe("the silent server"); Probe stranger = new Probe("a stranger")) {
            long[] elapsed = new long[1];
            FutureTask<Throwable> call = new FutureTask<>(() -> {
                long start = System.nanoTime();
                try {
                    byte[] reply = UdpClient.request(silent.address(), utf8("anyone?"), timeout);
                    return new AssertionError("request(...) returned " + describe(reply)
                            + " although the server never answered (only a stranger wrote)");
                } catch (Exception e) {
                    return e;
                } finally {
                    elapsed[0] = System.nanoTime() - start;
                }
            });
            Thread caller = new Thread(call, "udp-client-call");
            caller.setDaemon(true);
            BoundedWait.announce(bound.plus(UdpTestKit.REPLY_WAIT));
            caller.start();
            Reply request = firstRequest(silent, call);
            // From now on a stranger writes to the client every 40 ms, until the call ends.
            strangers.scheduleAtFixedRate(() -> {
                try {
                    stranger.send(request.from(), utf8("not the server"));
                } catch (IOException e) {
                    // the test is over
                }
            }, 0, every.toMillis(), TimeUnit.MILLISECONDS);

            Throwable outcome;
            try {
                outcome = call.get(bound.toNanos(), TimeUnit.NANOSECONDS);
            } catch (TimeoutException e) {
                strangers.shutdownNow(); // now it times out, and its thread ends
                reporter.publishEntry("deadlineElapsedMs", ">" + bound.toMillis());
                reporter.publishEntry("deadlineBoundMs", String.valueOf(bound.toMillis()));
                throw new TimingBoundExceeded("request(..., " + timeout.toMillis() + " ms) to a"
                        + " server that never answers, while a stranger wrote to the client every "
                        + every.toMillis() + " ms, was still waiting after " + bound.toMillis()
                        + " ms. The timeout bounds the whole wait, strangers' datagrams included:"
                        + " compute the deadline once, and before each receive() set the socket"
                        + " timeout to what is left of it, not to the whole timeout again.",
                        bound, bound);
            } finally {
                strangers.shutdownNow();
            }
            UdpTestKit.publish(reporter, "deadlineElapsedMs", elapsed[0], bound);
            if (outcome instanceof AssertionError error) {
                throw error;
            }
            if (!(outcome instanceof SocketTimeoutException)) {
                if (outcome instanceof UnsupportedOperationException todo) {
                    throw todo;
                }
                throw new AssertionError("request(...) to a server that never answers, while a"
                        + " stranger wrote to the client, must throw SocketTimeoutException once"
                        + " the timeout is used up, but it threw " + outcome + ". A stranger's"
                        + " datagram is not the reply: ignore it and keep waiting.", outcome);
            }
            // a timeout is kept to the millisecond: rounded to whole milliseconds it may end
            // up to one early (a wait under a millisecond is the hidden test's)
            assertTrue(elapsed[0] >= timeout.minusMillis(1).toNanos(), "request(..., "
                    + timeout.toMillis()
                    + " ms) gave up after only " + TimeUnit.NANOSECONDS.toMillis(elapsed[0])
                    + " ms, while strangers wrote to it: a stranger's datagram neither is the"
                    + " reply nor ends the wait.");
            Timing.assertWithin(Duration.ofNanos(elapsed[0]), bound, "request(..., "
                    + timeout.toMillis() + " ms) while a stranger wrote every " + every.toMillis()
                    + " ms", "Keep one deadline for the whole call.");
        }
    }

    /**
     * The request that reached {@code server}, waiting for it no longer than the call runs: a
     * call that ended without sending (an unfinished stub) fails the test at once.
     */
    private static Reply firstRequest(Probe server, FutureTask<Throwable> call) throws Exception {
        long deadline = System.nanoTime() + UdpTestKit.REPLY_WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            Optional<Reply> request = server.pollWaiting();
            if (request.isPresent()) {
                return request.get();
            }
            if (call.isDone()) {
                Throwable outcome = call.get();
                if (outcome instanceof UnsupportedOperationException todo) {
                    throw todo;
                }
                return fail("request(...) ended (" + outcome + ") without sending its request.");
            }
        }
        return fail("the client never sent its request.");
    }

    @Test
    @Points(1)
    @Hint("positive")
    void takesAnyPositiveTimeoutAndNoOther() throws Exception {
        try (Probe silent = new Probe("the silent server")) {
            for (Duration bad : new Duration[] {Duration.ZERO, Duration.ofMillis(-5)}) {
                try {
                    UdpTestKit.requestWithin(UdpTestKit.LIFECYCLE_WAIT, silent, "request(..., "
                            + bad + ") to a server that never answers", "A timeout of zero or less"
                            + " must be refused with IllegalArgumentException, before anything is"
                            + " sent: setSoTimeout(0) means 'wait forever'.",
                            () -> UdpClient.request(silent.address(), utf8("?"), bad));
                    fail("request(..., " + bad + ") returned; it must throw"
                            + " IllegalArgumentException: a timeout must be positive.");
                } catch (IllegalArgumentException expected) {
                    // as documented
                } catch (IOException e) {
                    fail("request(..., " + bad + ") must throw IllegalArgumentException (a timeout"
                            + " must be positive, and setSoTimeout(0) would mean 'wait forever'),"
                            + " but it threw " + e, e);
                }
            }
        }
        // 30 days: more milliseconds than an int holds; setSoTimeout takes at most
        // Integer.MAX_VALUE (24.8 days), so cap what is passed to it.
        Duration month = Duration.ofDays(30);
        try (Probe server = new Probe("the fake server")) {
            FutureTask<Reply> serving = new FutureTask<>(() -> {
                Reply request = server.receive("the client never sent its request.");
                server.send(request.from(), utf8("ok"));
                return request;
            });
            Thread serverThread = new Thread(serving, "udp-fake-server");
            serverThread.setDaemon(true);
            serverThread.start();
            byte[] reply;
            try {
                reply = within(UdpTestKit.REPLY_WAIT, "request(server, ..., 30 days)", "the server"
                        + " answers at once.", () -> UdpClient.request(server.address(), utf8("?"),
                        month));
            } catch (IllegalArgumentException e) {
                reply = fail("request(server, ..., 30 days) threw " + e + ", but any positive"
                        + " timeout is valid. 30 days are more milliseconds than an int holds:"
                        + " (int) of them overflows into a negative number, which setSoTimeout"
                        + " refuses. Cap the milliseconds at Integer.MAX_VALUE.", e);
            }
            assertArrayEquals(utf8("ok"), reply, "request(server, ..., 30 days) to a server that"
                    + " answered \"ok\" at once");
        }
    }
}
