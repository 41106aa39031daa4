package conclab.tcp;

import static conclab.tcp.TcpTestKit.LOOPBACK;
import static conclab.tcp.TcpTestKit.arbitraryBytes;
import static conclab.tcp.TcpTestKit.closeWithin;
import static conclab.tcp.TcpTestKit.startServer;
import static conclab.tcp.TcpTestKit.utf8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import conclab.harness.CodeUnderTest.ThreadView;
import conclab.harness.Hint;
import conclab.harness.Points;
import conclab.harness.Say;
import conclab.tcp.TcpTestKit.Peer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.BindException;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;
import org.junit.jupiter.api.Timeout;

/** Hidden: big and binary streams, queued clients, every way of leaving, and a clean close. */
@Tag("tcp")
@Timeout(10)
class TcpEchoServerHiddenTest {

    /** The texts this class hands to the kit, in the student's language. */
    private static final Say SAY = Say.of(TcpEchoServerHiddenTest.class);
    private static final Say KIT = TcpTestKit.SAY;

    @Test
    @Points(2)
    @Hint("bytes")
    void echoesALongBinaryStreamUnchanged() throws Exception {
        // 200 KB of arbitrary bytes (invalid UTF-8 among them), written by a second thread while
        // we read: the server echoes as it reads, so a writer that never reads would deadlock.
        byte[] stream = arbitraryBytes(200_000);
        try (TcpEchoServer server = startServer(0); Peer client = new Peer(KIT.text("peer.client"),
                server.port())) {
            OutputStream out = client.socket().getOutputStream();
            FutureTask<Void> writer = new FutureTask<>(() -> {
                for (int at = 0; at < stream.length; at += 7_000) {
                    out.write(stream, at, Math.min(7_000, stream.length - at));
                }
                out.flush();
                return null;
            });
            Thread thread = new Thread(writer, "tcp-test-writer");
            thread.setDaemon(true);
            thread.start();
            client.expectEcho(stream, SAY.text("stream.echo"));
            writer.get(TcpTestKit.REPLY_WAIT.toMillis(), TimeUnit.MILLISECONDS);
            client.exchange("and text after it", SAY.text("stream.after"));
        }
    }

    @Test
    @Points(2)
    @Hint("queued")
    void servesQueuedClientsOnceTheFirstLeaves() throws Exception {
        try (TcpEchoServer server = startServer(0)) {
            int port = server.port();
            Peer first = new Peer(KIT.text("peer.first"), port);
            List<Peer> waiting = new ArrayList<>();
            List<Integer> numbers = new ArrayList<>(); // of the waiting clients, in their messages
            try {
                first.exchange("I am first", SAY.text("queued.first"));
                // Four more connect while the first is being served; two of them give up while
                // they wait (one leaves politely, one resets), the others keep waiting.
                for (int i = 2; i <= 5; i++) {
                    Peer client = new Peer(KIT.text("peer.numbered", i), port);
                    client.send(utf8("client " + i + " was waiting"));
                    if (i == 3) {
                        client.close();
                    } else if (i == 4) {
                        client.reset();
                    } else {
                        waiting.add(client);
                        numbers.add(i);
                    }
                }
                first.exchange("still me", SAY.text("queued.stillFirst"));
            } finally {
                first.close();
            }
            try {
                for (int k = 0; k < waiting.size(); k++) {
                    // what a client sends stays the same bytes in every language
                    Peer client = waiting.get(k);
                    client.expectEcho(utf8("client " + numbers.get(k) + " was waiting"),
                            SAY.text("queued.waiting"));
                    client.exchange("client " + numbers.get(k) + " goes on", SAY.text("queued.after"));
                    client.close();
                }
            } finally {
                waiting.forEach(Peer::close);
            }
        }
    }

    @Test
    @Points(2)
    @Hint("leaving")
    void survivesClientsThatLeaveInEveryWay() throws Exception {
        try (TcpEchoServer server = startServer(0)) {
            int port = server.port();
            // Connects and leaves without a word.
            new Peer(SAY.text("peer.silent"), port).close();
            // Resets in the middle of a message, before the server answered.
            Peer rude = new Peer(SAY.text("peer.rude"), port);
            rude.send(utf8("half a mess"));
            rude.reset();
            // Sends and leaves without reading the echo: the server writes to a closed socket.
            Peer hasty = new Peer(SAY.text("peer.hasty"), port);
            hasty.send(arbitraryBytes(50_000));
            hasty.close();
            // Half-closes without sending anything.
            Peer mute = new Peer(SAY.text("peer.mute"), port);
            mute.shutdownOutput();
            mute.close();
            try (Peer good = new Peer(SAY.text("peer.good"), port)) {
                good.exchange("anybody home?", SAY.text("leaving.good"));
            }
        }
    }

    @Test
    @Points(2)
    @Hint("close")
    void closeEndsEveryThreadAndFreesAGivenPort(TestReporter reporter) throws Exception {
        for (int bad : new int[] {-1, 65536}) {
            try {
                startServer(bad).close();
                fail("TcpEchoServer.start(" + bad + ") returned a server; a port must be within"
                        + " 0..65535: throw IllegalArgumentException.");
            } catch (IllegalArgumentException expected) {
                // as documented
            }
        }
        try (TcpEchoServer ephemeral = startServer(0)) {
            TcpTestKit.expectLoopbackOnly(ephemeral.port(), "start(0)");
        }
        int port;
        try (ServerSocket finder = new ServerSocket(0, 1, LOOPBACK)) {
            port = finder.getLocalPort(); // free a moment ago, and again once this closes
        }
        Set<Long> before = TcpTestKit.threadIds();
        TcpEchoServer server = startServer(port);
        try (Peer client = new Peer(KIT.text("peer.client"), port)) {
            try {
                assertEquals(port, server.port(), "start(" + port + ") must listen on port "
                        + port);
                client.exchange("on a chosen port", SAY.text("chosen.echo", port));
                TcpEchoServer second = null;
                try {
                    second = startServer(port);
                    fail("a second TcpEchoServer.start(" + port + ") succeeded while the first"
                            + " server held the port; it must throw java.net.BindException.");
                } catch (IOException expected) {
                    // BindException, as documented (any IOException is accepted)
                } finally {
                    if (second != null) {
                        second.close();
                    }
                }
            } finally {
                closeWithin(server); // while the client is still connected
            }
            TcpTestKit.expectThreadsEnd(before, reporter);
        }
        try (ServerSocket rebound = new ServerSocket(port, 1, LOOPBACK)) {
            assertEquals(port, rebound.getLocalPort());
        } catch (BindException e) {
            fail("after close() port " + port + " was still bound: " + e);
        }
        closeWithin(server); // closing twice is harmless
        closeWithin(server);
    }

    @Test
    @Points(1)
    @Hint("join")
    @Timeout(15) // ten servers started and closed: ten times a close test's work
    void closeReturnsOnlyOnceItsThreadHasEnded() throws Exception {
        closeWithin(startServer(0)); // the class is loaded
        // The servers of earlier rounds have ended (or the test has failed): one set will do.
        Set<Long> before = TcpTestKit.threadIds();
        for (int round = 1; round <= TcpTestKit.CLOSE_ROUNDS; round++) {
            TcpEchoServer server = startServer(0);
            boolean closing = false;
            boolean served = round % 2 == 1; // odd rounds: closed while a client is served
            try (Peer client = served ? new Peer("the client", server.port()) : null) {
                if (served) {
                    client.exchange("round " + round, "the server must echo before it is"
                            + " closed.");
                }
                closing = true;
                List<ThreadView> running = TcpTestKit.closeAndLook(server, before);
                if (!running.isEmpty()) {
                    fail("server " + round + " of " + TcpTestKit.CLOSE_ROUNDS + " was closed"
                            + (served ? " while a client was connected" : ", no client ever"
                            + " connected") + ", and when close() returned these threads still"
                            + " ran its code: " + TcpTestKit.describe(running) + ". close()"
                            + " must return only once the serving thread has ended.");
                }
            } finally {
                if (!closing) { // the round failed before close()
                    closeWithin(server);
                }
            }
        }
    }
}
