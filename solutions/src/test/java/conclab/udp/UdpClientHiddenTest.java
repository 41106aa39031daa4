package conclab.udp;

import static conclab.udp.UdpTestKit.LOOPBACK;
import static conclab.udp.UdpTestKit.SECOND_LOOPBACK;
import static conclab.udp.UdpTestKit.describe;
import static conclab.udp.UdpTestKit.utf8;
import static conclab.harness.BoundedWait.within;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.fail;

import conclab.harness.Hint;
import conclab.harness.Points;
import conclab.harness.Say;
import conclab.harness.Timing;
import conclab.udp.UdpTestKit.Probe;
import conclab.udp.UdpTestKit.Reply;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;
import org.junit.jupiter.api.Timeout;

/** Hidden: strangers of every kind, and no timeout ever turns into "forever". */
@Tag("udp")
@Timeout(5)
class UdpClientHiddenTest {

    /** The texts this class hands to the kit and to BoundedWait, in the student's language. */
    private static final Say SAY = Say.of(UdpClientHiddenTest.class);
    private static final Say KIT = UdpTestKit.SAY;

    @Test
    @Points(2)
    @Hint("strangers")
    void ignoresDatagramsFromOtherAddresses() throws Exception {
        Duration timeout = Duration.ofSeconds(1);
        try (Probe server = new Probe(KIT.text("probe.fakeServer"))) {
            // Strangers that differ from the server in the port only, in the address only (where
            // the machine has 127.0.0.2), and in both; some write more bytes than the reply.
            List<Probe> strangers = new ArrayList<>();
            strangers.add(new Probe(SAY.text("probe.strangerOtherPort")));
            SECOND_LOOPBACK.ifPresent(second -> {
                try {
                    strangers.add(new Probe(SAY.text("probe.strangerSecondAddress"),
                            new InetSocketAddress(second, server.port())));
                    strangers.add(new Probe(SAY.text("probe.strangerSecondAddressOtherPort"),
                            new InetSocketAddress(second, 0)));
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            byte[][] payloads = {utf8("x"), utf8("intruder with a longer message than the reply"),
                new byte[0]};
            try {
                FutureTask<Reply> serving = new FutureTask<>(() -> {
                    Reply request = server.receive(SAY.text("neverSent"));
                    for (int i = 0; i < strangers.size(); i++) {
                        strangers.get(i).send(request.from(), payloads[i % payloads.length]);
                    }
                    server.send(request.from(), utf8("the real reply"));
                    return request;
                });
                Thread serverThread = new Thread(serving, "udp-fake-server");
                serverThread.setDaemon(true);
                serverThread.start();

                byte[] reply = within(Timing.upperBound(timeout), "UdpClient.request(server, ...,"
                        + " 1 s)", SAY.text("answered.advice"),
                        () -> UdpClient.request(server.address(), utf8("time?"), timeout));
                serving.get(UdpTestKit.REPLY_WAIT.toMillis(), TimeUnit.MILLISECONDS);
                assertArrayEquals(utf8("the real reply"), reply, strangers.size() + " strangers ("
                        + String.join("; ", strangers.stream().map(p -> p.name() + " "
                        + p.address()).toList()) + ") wrote to the client before the server ("
                        + server.address() + ") answered; request(...) must return the server's"
                        + " \"the real reply\" but returned " + describe(reply) + ". The reply"
                        + " comes from the server's address AND port: compare"
                        + " packet.getSocketAddress() with the server's InetSocketAddress, not"
                        + " only one of the two.");
            } finally {
                strangers.forEach(Probe::close);
            }
        }
    }

    @Test
    @Points(1)
    @Hint("positive")
    void neverTurnsATimeoutIntoWaitingForever(TestReporter reporter) throws Exception {
        try (Probe silent = new Probe(KIT.text("probe.silentServer"))) {
            for (Duration bad : new Duration[] {Duration.ZERO, Duration.ofMillis(-5),
                Duration.ofNanos(-1), Duration.ofSeconds(-3600)}) {
                Duration bound = Timing.upperBound(Duration.ofMillis(50));
                try {
                    UdpTestKit.requestWithin(bound, silent, SAY.text("silent.what", bad),
                            SAY.text("notPositive.advice"),
                            () -> UdpClient.request(silent.address(), utf8("?"), bad));
                    fail("request(..., " + bad + ") returned; it must throw"
                            + " IllegalArgumentException: a timeout must be positive.");
                } catch (IllegalArgumentException expected) {
                    // as documented
                } catch (IOException e) {
                    fail("request(..., " + bad + ") must throw IllegalArgumentException"
                            + " (a timeout must be positive), but it threw " + e, e);
                }
            }

            // Less than a millisecond: rounded down, it would become setSoTimeout(0).
            // One case only: on a busy machine even a 1 ms wait can take a fifth of a second.
            for (Duration tiny : new Duration[] {Duration.ofNanos(200_000)}) {
                Duration bound = Timing.upperBound(Duration.ofMillis(1));
                long start = System.nanoTime();
                try {
                    UdpTestKit.requestWithin(bound, silent, SAY.text("silent.what", tiny.toNanos() + " ns"),
                            SAY.text("roundUp.advice"),
                            () -> UdpClient.request(silent.address(), utf8("?"), tiny));
                    fail("request(..., " + tiny.toNanos() + " ns) returned although the server"
                            + " never answers");
                } catch (SocketTimeoutException expected) {
                    UdpTestKit.publish(reporter, "subMillisecondTimeoutElapsedMs",
                            System.nanoTime() - start, bound);
                }
            }
        }
    }

    @Test
    @Points(1)
    @Hint("own")
    void usesASocketOfItsOwnOnEveryCall() throws Exception {
        // A late reply to one call must not become the reply of the next: a socket shared
        // between calls would still hold it.
        try (Probe server = new Probe(KIT.text("probe.fakeServer"))) {
            Duration timeout = Duration.ofMillis(100);
            Reply first;
            try {
                UdpTestKit.requestWithin(Timing.upperBound(timeout), server, SAY.text("late.what"),
                        SAY.text("late.advice"),
                        () -> UdpClient.request(server.address(), utf8("first"), timeout));
                fail("request(..., 100 ms) returned although the server did not answer");
            } catch (SocketTimeoutException expected) {
                // as documented
            }
            first = server.receive(SAY.text("neverSentFirst"));
            server.send(first.from(), utf8("late answer to the first call"));
            server.answerWaitingRequests(); // whatever else came: not this test's concern

            FutureTask<Reply> serving = new FutureTask<>(() -> {
                Reply second = server.receive(SAY.text("neverSentSecond"));
                server.send(second.from(), utf8("answer to the second call"));
                return second;
            });
            Thread serverThread = new Thread(serving, "udp-fake-server");
            serverThread.setDaemon(true);
            serverThread.start();
            byte[] reply = within(Timing.upperBound(Duration.ofSeconds(1)), SAY.text("second.what"),
                    SAY.text("second.advice"),
                    () -> UdpClient.request(server.address(), utf8("second"), Duration.ofSeconds(1)));
            serving.get(UdpTestKit.REPLY_WAIT.toMillis(), TimeUnit.MILLISECONDS);
            assertArrayEquals(utf8("answer to the second call"), reply, "the first call timed"
                    + " out, then the server's late answer to it went to the port it came from ("
                    + first.from().getPort() + "); the second call must return its own answer,"
                    + " but returned " + describe(reply) + ". Each call opens a socket of its own"
                    + " on a free port and closes it before returning.");
            UdpTestKit.expectFreeOnLoopback(first.from().getPort(), SAY.text("firstStillOpen"));
        }
    }

    @Test
    @Points(1)
    @Hint("unsent")
    void reportsARequestThatCannotBeSent() throws Exception {
        // One byte more than a UDP datagram over IPv4 can carry: send() itself fails.
        byte[] tooLong = new byte[UdpClient.MAX_REPLY + 1];
        try (Probe silent = new Probe(KIT.text("probe.silentServer"))) {
            try {
                // a short timeout, well within the bound: a client that waits still ends in time
                UdpTestKit.requestWithin(UdpTestKit.LIFECYCLE_WAIT, silent, "request(..., "
                        + tooLong.length + " bytes, 200 ms)", SAY.text("unsent.advice"),
                        () -> UdpClient.request(silent.address(), tooLong, Duration.ofMillis(200)));
                fail("request(...) of " + tooLong.length + " bytes returned, but no datagram can"
                        + " carry them: the IOException of send() must come out.");
            } catch (SocketTimeoutException e) {
                fail("request(...) of " + tooLong.length + " bytes, more than a datagram can carry,"
                        + " threw " + e + " after waiting for a reply; but send() had failed"
                        + " (\"Message too long\"): let that IOException out instead of waiting"
                        + " for a reply to a request that never left.", e);
            } catch (IOException expected) {
                // as documented: the datagram cannot be sent
            }
        }
    }
}
