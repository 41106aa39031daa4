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
import conclab.harness.Say;
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
 * and strangers that write to the client meanwhile. Every text is in
 * {@code UdpClientTest.properties} (and {@code _zh_CN}); each step that can fail in its own way
 * carries the hint for that way ({@link Say#hinting}).
 */
@Tag("udp")
@Timeout(5)
class UdpClientTest {

    private static final Say SAY = Say.of(UdpClientTest.class);

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
        try (Probe server = new Probe(UdpTestKit.SAY.text("probe.fakeServer"))) {
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
                reply = within(Timing.upperBound(timeout), call, SAY.text("exchange.advice"),
                        () -> UdpClient.request(server.address(), request, timeout));
            } catch (SocketTimeoutException e) {
                timedOut = e;
            }

            Optional<Reply> received = serving.get(
                    UdpTestKit.REPLY_WAIT.plus(timeout).toMillis(), TimeUnit.MILLISECONDS);
            if (received.isEmpty()) {
                SAY.hinting(request.length == 0 ? "sentNothing.empty" : "sentNothing",
                        () -> fail(SAY.text("exchange.nothing", call, server.port())));
            }
            assertArrayEquals(request, received.get().payload(), SAY.text("exchange.received",
                    call, describe(received.get().payload()),
                    UdpTestKit.diagnose(request, received.get().payload())));
            if (timedOut != null) {
                SocketTimeoutException late = timedOut;
                SAY.hinting("sameSocket", () -> fail(SAY.text("exchange.timedOut", call,
                        describe(answer), late)));
            }
            if (!java.util.Arrays.equals(answer, reply)) {
                byte[] returned = reply;
                boolean cut = reply.length < answer.length && reply.length > 0
                        && java.util.Arrays.equals(reply, java.util.Arrays.copyOf(answer,
                        reply.length));
                String hint = cut ? "reply.cut" : switch (UdpTestKit.fingerprint(answer, reply)) {
                    case "echo.longer" -> "reply.longer";
                    case "echo.replaced" -> "reply.replaced";
                    default -> "reply.bytes";
                };
                SAY.hinting(hint, () -> fail(SAY.text("exchange.wrongReply", call,
                        describe(answer), describe(returned), cut ? SAY.text("exchange.cut")
                        : UdpTestKit.diagnose(answer, returned))));
            }
            int clientPort = received.get().from().getPort();
            SAY.hinting("ownSocket", () -> UdpTestKit.expectFreeOnLoopback(clientPort,
                    SAY.text("exchange.open", call)));
        }
    }

    @Test
    @Points(2)
    @Hint("strangers")
    void ignoresADatagramFromAStranger() throws Exception {
        Duration timeout = Duration.ofSeconds(1);
        try (Probe server = new Probe(UdpTestKit.SAY.text("probe.fakeServer"));
             Probe stranger = new Probe(UdpTestKit.SAY.text("probe.stranger"))) {
            // A stranger on the same machine writes to the client first; then the server answers.
            FutureTask<Reply> serving = new FutureTask<>(() -> {
                Reply request = server.receive(SAY.text("neverSent"));
                stranger.send(request.from(), utf8("me!"));
                server.send(request.from(), utf8("the real reply"));
                return request;
            });
            Thread serverThread = new Thread(serving, "udp-fake-server");
            serverThread.setDaemon(true);
            serverThread.start();

            byte[] reply = within(Timing.upperBound(timeout), SAY.text("stranger.call"),
                    SAY.text("stranger.advice"),
                    () -> UdpClient.request(server.address(), utf8("who is there?"), timeout));
            serving.get(UdpTestKit.REPLY_WAIT.toMillis(), TimeUnit.MILLISECONDS);
            assertArrayEquals(utf8("the real reply"), reply, SAY.text("stranger.wrong",
                    stranger.port(), server.port(), describe(reply)));
        }
    }

    @TimingTest
    @Points(3)
    @Hint("timeout")
    void timesOutWhenNoReplyComes(TestReporter reporter) throws Exception {
        Duration timeout = Duration.ofMillis(300);
        Duration bound = Timing.upperBound(timeout);
        try (Probe silent = new Probe(UdpTestKit.SAY.text("probe.silentServer"))) {
            // Bound, so nothing bounces back ("port unreachable"); it just never answers.
            long[] elapsed = new long[1];
            FutureTask<Throwable> call = new FutureTask<>(() -> {
                long start = System.nanoTime();
                try {
                    byte[] reply = UdpClient.request(silent.address(), utf8("anyone?"), timeout);
                    elapsed[0] = System.nanoTime() - start;
                    return new AssertionError(SAY.text("timeout.returned", describe(reply)));
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
                throw new TimingBoundExceeded(SAY.text("timeout.stillWaiting", timeout.toMillis(),
                        bound.toMillis()), bound, bound);
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
                Throwable thrown = outcome;
                SAY.hinting("timeout.exception", () -> {
                    throw new AssertionError(SAY.text("timeout.otherException", thrown), thrown);
                });
            }
            // a timeout is kept to the millisecond: rounded to whole milliseconds it may end
            // up to one early (a wait under a millisecond is the hidden test's)
            SAY.hinting("timeout.whole", () -> assertTrue(
                    elapsed[0] >= timeout.minusMillis(1).toNanos(),
                    SAY.text("timeout.early", timeout.toMillis(), elapsedMs)));
            SAY.hinting("timeout.given", () -> Timing.assertWithin(Duration.ofNanos(elapsed[0]),
                    bound, SAY.text("timeout.what", timeout.toMillis()),
                    SAY.text("timeout.givenAdvice")));

            Reply request = silent.receive(SAY.text("timeout.unsent"));
            assertArrayEquals(utf8("anyone?"), request.payload(), SAY.text("timeout.request",
                    describe(request.payload())));
            expectNoMore(silent, SAY.text("timeout.what", timeout.toMillis()));
            SAY.hinting("ownSocket.timeout", () -> UdpTestKit.expectFreeOnLoopback(
                    request.from().getPort(), SAY.text("timeout.open")));
        }
    }

    /** The one request was received already: nothing else may have come (no resending). */
    static void expectNoMore(Probe server, String call) throws IOException {
        Optional<Reply> more = server.pollWaiting();
        if (more.isPresent()) {
            SAY.hinting("oneDatagram", () -> fail(SAY.text("noMore", call,
                    describe(more.get().payload()))));
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
        try (Probe silent = new Probe(UdpTestKit.SAY.text("probe.silentServer")); Probe stranger = new Probe(UdpTestKit.SAY.text("probe.stranger"))) {
            long[] elapsed = new long[1];
            FutureTask<Throwable> call = new FutureTask<>(() -> {
                long start = System.nanoTime();
                try {
                    byte[] reply = UdpClient.request(silent.address(), utf8("anyone?"), timeout);
                    return new AssertionError(SAY.text("deadline.returned", describe(reply)));
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
                throw new TimingBoundExceeded(SAY.text("deadline.stillWaiting", timeout.toMillis(),
                        every.toMillis(), bound.toMillis()), bound, bound);
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
                Throwable thrown = outcome;
                SAY.hinting("deadline.ignore", () -> {
                    throw new AssertionError(SAY.text("deadline.otherException", thrown), thrown);
                });
            }
            // a timeout is kept to the millisecond: rounded to whole milliseconds it may end
            // up to one early (a wait under a millisecond is the hidden test's)
            SAY.hinting("deadline.ignore", () -> assertTrue(
                    elapsed[0] >= timeout.minusMillis(1).toNanos(), SAY.text("deadline.early",
                    timeout.toMillis(), TimeUnit.NANOSECONDS.toMillis(elapsed[0]))));
            Timing.assertWithin(Duration.ofNanos(elapsed[0]), bound, SAY.text("deadline.what",
                    timeout.toMillis(), every.toMillis()), SAY.text("deadline.advice"));
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
                return fail(SAY.text("ended", outcome));
            }
        }
        return fail(SAY.text("neverSent"));
    }

    @Test
    @Points(1)
    @Hint("positive")
    void takesAnyPositiveTimeoutAndNoOther() throws Exception {
        try (Probe silent = new Probe(UdpTestKit.SAY.text("probe.silentServer"))) {
            for (Duration bad : new Duration[] {Duration.ZERO, Duration.ofMillis(-5)}) {
                try {
                    UdpTestKit.requestWithin(UdpTestKit.LIFECYCLE_WAIT, silent,
                            SAY.text("positive.what", bad), SAY.text("positive.advice"),
                            () -> UdpClient.request(silent.address(), utf8("?"), bad));
                    fail(SAY.text("positive.returned", bad));
                } catch (IllegalArgumentException expected) {
                    // as documented
                } catch (IOException e) {
                    fail(SAY.text("positive.threw", bad, e), e);
                }
            }
        }
        // 30 days: more milliseconds than an int holds; setSoTimeout takes at most
        // Integer.MAX_VALUE (24.8 days), so cap what is passed to it.
        Duration month = Duration.ofDays(30);
        try (Probe server = new Probe(UdpTestKit.SAY.text("probe.fakeServer"))) {
            FutureTask<Reply> serving = new FutureTask<>(() -> {
                Reply request = server.receive(SAY.text("neverSent"));
                server.send(request.from(), utf8("ok"));
                return request;
            });
            Thread serverThread = new Thread(serving, "udp-fake-server");
            serverThread.setDaemon(true);
            serverThread.start();
            byte[] reply;
            try {
                reply = within(UdpTestKit.REPLY_WAIT, SAY.text("month.call"),
                        SAY.text("month.advice"), () -> UdpClient.request(server.address(),
                        utf8("?"), month));
            } catch (IllegalArgumentException e) {
                reply = SAY.hinting("month.overflow", () -> fail(SAY.text("month.threw",
                        SAY.text("month.call"), e), e));
            }
            assertArrayEquals(utf8("ok"), reply, SAY.text("month.reply", SAY.text("month.call")));
        }
    }
}
