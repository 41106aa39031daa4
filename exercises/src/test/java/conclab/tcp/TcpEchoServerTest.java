package conclab.tcp;

import static conclab.tcp.TcpTestKit.LOOPBACK;
import static conclab.tcp.TcpTestKit.REPLY_WAIT;
import static conclab.tcp.TcpTestKit.closeWithin;
import static conclab.tcp.TcpTestKit.describe;
import static conclab.tcp.TcpTestKit.startServer;
import static conclab.tcp.TcpTestKit.utf8;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import conclab.harness.BoundedWait;
import conclab.harness.Hint;
import conclab.harness.Points;
import conclab.harness.Say;
import conclab.tcp.TcpTestKit.Ending;
import conclab.tcp.TcpTestKit.Peer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.BindException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;
import org.junit.jupiter.api.Timeout;

/**
 * The echo server: the communication loop, the connection loop, goodbyes polite and rude, close.
 * Every text is in {@code TcpEchoServerTest.properties} (and {@code _zh_CN}); each step that can
 * fail in its own way carries the hint for that way ({@link Say#hinting}).
 */
@Tag("tcp")
@Timeout(10)
class TcpEchoServerTest {

    private static final Say SAY = Say.of(TcpEchoServerTest.class);

    @Test
    @Points(2)
    @Hint("communication")
    void echoesMessageAfterMessage(TestReporter reporter) throws Exception {
        try (TcpEchoServer server = startServer(0)) {
            int port = server.port();
            SAY.hinting("ephemeral", () -> assertTrue(port > 0 && port <= 65535,
                    SAY.text("ephemeral.port", port)));
            try (Peer client = new Peer(TcpTestKit.SAY.text("peer.client"), port)) {
                client.exchange("hello", SAY.text("echo.first"));
                SAY.hinting("loop", () -> client.exchange("second message",
                        SAY.text("echo.second")));
                client.exchange("你好，TCP！", SAY.text("echo.third"));
                byte[] binary = {(byte) 0xFF, (byte) 0xFE, 0x00, (byte) 0xC3, 0x28, (byte) 0x80};
                client.send(binary);
                client.expectEcho(binary, SAY.text("echo.binary"));
                for (int i = 0; i < 20; i++) {
                    client.exchange("message " + i, SAY.text("echo.twenty"));
                }
                TcpTestKit.publish(reporter, "echoLatencyMaxMs", client.maxLatencyNanos(),
                        REPLY_WAIT);
            }
        }
    }

    @Test
    @Points(2)
    @Hint("connection")
    void servesClientAfterClient() throws Exception {
        try (TcpEchoServer server = startServer(0)) {
            for (int i = 1; i <= 4; i++) {
                try (Peer client = new Peer(TcpTestKit.SAY.text("peer.numbered", i), server.port())) {
                    if (i == 1) {
                        client.exchange("I am client " + i, SAY.text("answered.none"));
                    } else {
                        int number = i;
                        SAY.hinting("acceptAgain", () -> client.exchange("I am client " + number,
                                SAY.text("clients.next", number - 1)));
                    }
                    String again = "client " + i + " again";
                    SAY.hinting("loop", () -> client.exchange(again, SAY.text("clients.again")));
                }
            }
        }
    }

    @Test
    @Points(2)
    @Hint("emptyRead")
    void anEmptyReadMeansThePeerLeft(TestReporter reporter) throws Exception {
        try (TcpEchoServer server = startServer(0)) {
            try (Peer leaving = new Peer(TcpTestKit.SAY.text("peer.leaving"), server.port())) {
                leaving.exchange("goodbye", SAY.text("answered.none"));
                // Half-close: the server reads our bytes, then -1. We keep our read side open
                // to see what the server does about it.
                leaving.shutdownOutput();
                long start = System.nanoTime();
                ByteArrayOutputStream unexpected = new ByteArrayOutputStream();
                Ending ending = leaving.awaitEnd(unexpected);
                if (unexpected.size() > 0) {
                    fail(SAY.text("left.sent", describe(unexpected.toByteArray())));
                }
                if (ending == Ending.TIMED_OUT) {
                    fail(SAY.text("left.open", REPLY_WAIT.toMillis()));
                }
                TcpTestKit.publish(reporter, "peerLeftClosedMs", System.nanoTime() - start,
                        REPLY_WAIT);
            }
            try (Peer next = new Peer(TcpTestKit.SAY.text("peer.next"), server.port())) {
                SAY.hinting("acceptAgain", () -> next.exchange("my turn",
                        SAY.text("left.next")));
            }
        }
    }

    @Test
    @Points(2)
    @Hint("reset")
    void survivesAClientThatResetsTheConnection() throws Exception {
        try (TcpEchoServer server = startServer(0)) {
            Peer rude = new Peer(TcpTestKit.SAY.text("peer.rude"), server.port());
            rude.exchange("I will not say goodbye", SAY.text("answered.none"));
            rude.reset(); // close with SO_LINGER 0: an RST, and the server's read() throws
            try (Peer next = new Peer(TcpTestKit.SAY.text("peer.next"), server.port())) {
                next.exchange("are you still there?", SAY.text("reset.next"));
            }
        }
    }

    @Test
    @Points(1)
    @Hint("port")
    void listensOnTheGivenPortOfTheLoopbackAddress() throws Exception {
        int port;
        try (ServerSocket finder = new ServerSocket(0, 1, LOOPBACK)) {
            port = finder.getLocalPort(); // free a moment ago, and again once this closes
        }
        try (TcpEchoServer server = startServer(port)) {
            assertEquals(port, server.port(), SAY.text("port.given", port));
            try (Peer client = new Peer(TcpTestKit.SAY.text("peer.client"), port)) {
                client.exchange("on a chosen port", SAY.text("port.started", port));
            }
            TcpTestKit.expectLoopbackOnly(port, "start(" + port + ")");
        }
    }

    @Test
    @Points(3)
    @Hint("queued")
    void servesQueuedClientsOneAtATimeHoweverLongEachStays(TestReporter reporter)
            throws Exception {
        // The first client stays connected and silent for longer than two seconds, a pause a
        // server must allow: only the client's leaving (or close()) ends its conversation.
        Duration silence = Duration.ofMillis(2_300);
        try (TcpEchoServer server = startServer(0)) {
            int port = server.port();
            Peer first = new Peer(TcpTestKit.SAY.text("peer.first"), port);
            List<Peer> waiting = new ArrayList<>();
            // what each waiting client sends starts with its id, in every language the same bytes
            java.util.Map<Peer, String> ids = new java.util.HashMap<>();
            try {
                first.exchange("I am first", SAY.text("answered.none"));
                // BACKLOG clients connect while the first is being served: the backlog holds them,
                // and their messages wait in their sockets.
                for (int i = 2; i <= 1 + TcpEchoServer.BACKLOG; i++) {
                    Peer client;
                    try {
                        client = new Peer(TcpTestKit.SAY.text("peer.numbered", i), port);
                    } catch (SocketTimeoutException e) {
                        int number = i;
                        client = SAY.hinting("backlog", () -> fail(SAY.text("queued.refused",
                                number, e.getMessage(), TcpEchoServer.BACKLOG)));
                    }
                    waiting.add(client);
                    ids.put(client, "client " + i);
                    client.send(utf8(ids.get(client) + " was waiting"));
                }
                long silentFrom = System.nanoTime();
                BoundedWait.announce(silence.plus(REPLY_WAIT));
                try {
                    await().during(silence).atMost(silence.plus(REPLY_WAIT))
                            .pollInSameThread().pollInterval(Duration.ofMillis(20))
                            .until(() -> noneHasBytes(waiting));
                } catch (ConditionTimeoutException e) {
                    long after = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - silentFrom);
                    String served = waiting.stream().filter(TcpEchoServerTest::hasBytes)
                            .map(Peer::name).collect(Collectors.joining(TcpTestKit.SAY.text("list.separator")));
                    boolean firstStillServed = isStillServed(first);
                    SAY.hinting(firstStillServed ? "oneAtATime" : "noReadTimeout", () -> fail(
                            firstStillServed ? SAY.text("queued.early", served, after)
                            : SAY.text("queued.gaveUp", after, served)));
                }
                reporter.publishEntry("silenceMs", String.valueOf(silence.toMillis()));
                SAY.hinting("noReadTimeout", () -> first.exchange("still me",
                        SAY.text("queued.silent", silence.toMillis())));
            } finally {
                first.close();
            }
            try {
                for (Peer client : waiting) {
                    client.expectEcho(utf8(ids.get(client) + " was waiting"),
                            SAY.text("queued.waited"));
                    client.close();
                }
            } finally {
                waiting.forEach(Peer::close);
            }
        }
    }

    private static boolean noneHasBytes(List<Peer> peers) {
        return peers.stream().noneMatch(TcpEchoServerTest::hasBytes);
    }

    private static boolean hasBytes(Peer peer) {
        try {
            return peer.waiting() > 0;
        } catch (IOException e) {
            return true; // reset: the server did something with it
        }
    }

    /** Whether the server still serves {@code peer}: it answers a message on it. */
    private static boolean isStillServed(Peer peer) {
        try {
            peer.send(utf8("?"));
            java.io.InputStream in = peer.socket().getInputStream();
            return in.read() == '?';
        } catch (IOException e) {
            return false;
        }
    }

    @Test
    @Points(2)
    @Hint("close")
    void closeReleasesThePortAndEndsTheConversation(TestReporter reporter) throws Exception {
        // A first server, closed with no client connected: it also makes sure the class is
        // loaded, so that threads its loading may start are not the threads of the server below.
        closeWithin(startServer(0));
        Set<Long> before = TcpTestKit.threadIds();
        TcpEchoServer server = TcpTestKit.startFromANonDaemonThread(0);
        int port = server.port();
        java.util.List<conclab.harness.CodeUnderTest.ThreadView> runningWhenClosed;
        try (Peer client = new Peer(TcpTestKit.SAY.text("peer.connected"), port)) {
            try {
                client.exchange("before close", SAY.text("close.before"));
                TcpTestKit.expectDaemons(before);
            } finally {
                long start = System.nanoTime();
                runningWhenClosed = TcpTestKit.closeAndLook(server, before);
                TcpTestKit.publish(reporter, "closeMs", System.nanoTime() - start,
                        TcpTestKit.LIFECYCLE_WAIT);
            }
            Ending ending = client.awaitEnd(new ByteArrayOutputStream());
            SAY.hinting("close.connection", () -> assertTrue(ending != Ending.TIMED_OUT,
                    SAY.text("close.untold", REPLY_WAIT.toMillis())));
        }
        SAY.hinting("close.port", () -> assertEquals(port, server.port(),
                SAY.text("close.portForgotten")));
        ServerSocket rebound;
        try {
            rebound = new ServerSocket(port, 1, LOOPBACK);
        } catch (BindException e) {
            rebound = SAY.hinting("close.socket", () -> fail(SAY.text("close.stillBound", port,
                    e)));
        }
        try (ServerSocket newOwner = rebound; Peer late = new Peer(TcpTestKit.SAY.text("peer.late"), port)) {
            newOwner.setSoTimeout((int) REPLY_WAIT.toMillis());
            try (Socket accepted = newOwner.accept()) {
                assertEquals(port, accepted.getLocalPort(), SAY.text("close.newOwner", port));
            }
        }
        TcpTestKit.expectThreadsEnd(before, reporter);
        TcpTestKit.expectEndedWhenCloseReturned(runningWhenClosed);
        SAY.hinting("close.twice", () -> closeWithin(server)); // closing twice does nothing
    }
}
