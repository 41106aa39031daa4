package conclab.tcp;

import static conclab.tcp.TcpEchoClientTest.echoInPieces;
import static conclab.tcp.TcpEchoClientTest.expectEofAfter;
import static conclab.tcp.TcpEchoClientTest.expectTimeout;
import static conclab.harness.BoundedWait.within;

import conclab.harness.Hint;
import conclab.harness.Points;
import conclab.harness.Say;
import conclab.harness.TimingTest;
import conclab.tcp.TcpTestKit.FakeServer;
import java.net.Socket;
import java.time.Duration;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;
import org.junit.jupiter.api.Timeout;

/** Hidden: echoes cut everywhere, a server that falls silent mid-echo, one that leaves early. */
@Tag("tcp")
@Timeout(10)
class TcpEchoClientHiddenTest {

    /** The texts this class hands to the kit and to BoundedWait, in the student's language. */
    private static final Say SAY = Say.of(TcpEchoClientHiddenTest.class);

    @Test
    @Points(2)
    @Hint("pieces")
    void readsAnEchoThatArrivesInPieces() throws Exception {
        try (FakeServer server = new FakeServer()) {
            TcpEchoClient client = TcpEchoClientTest.connect(server);
            try (client) {
                Socket connection = server.accept();
                echoInPieces(client, connection, "split in three pieces", 4, 11);
                echoInPieces(client, connection, "你好", 2); // cut inside the first character
                echoInPieces(client, connection, "😀 emoji", 1, 2, 3); // 4 bytes, cut after each
                // longer than the lecture's recv(1024), in pieces of 1000
                echoInPieces(client, connection, "x".repeat(3000), 1000, 2000);
            }
        }
    }

    @TimingTest
    @Points(2)
    @Hint("timeout")
    void timesOutWhenTheServerFallsSilentMidEcho(TestReporter reporter) throws Exception {
        Duration timeout = Duration.ofMillis(100);
        try (FakeServer server = new FakeServer()) {
            TcpEchoClient client = within(TcpTestKit.LIFECYCLE_WAIT, "connect(server, 100 ms)",
                    SAY.text("connect.advice"),
                    () -> TcpEchoClient.connect(server.address(), timeout));
            try (client) {
                Socket connection = server.accept();
                // The server reads the message and sends the first half of the echo only, once
                // the client is waiting: then nothing more.
                Thread halfEcho = new Thread(() -> {
                    try {
                        byte[] request = connection.getInputStream().readNBytes(12);
                        connection.getOutputStream().write(request, 0, Math.min(6,
                                request.length));
                    } catch (java.io.IOException e) {
                        // the test is over
                    }
                }, "tcp-fake-half-echo");
                halfEcho.setDaemon(true);
                halfEcho.start();
                expectTimeout(client, "half of this", connection, timeout, SAY.text("halfEcho"),
                        reporter);
            }
        }
    }

    @Test
    @Points(1)
    @Hint("eof")
    void aServerThatLeavesBeforeTheWholeEchoIsAnError() throws Exception {
        for (int sent : new int[] {0, 9}) {
            try (FakeServer server = new FakeServer()) {
                TcpEchoClient client = TcpEchoClientTest.connect(server);
                try (client) {
                    expectEofAfter(client, server.accept(), "ten bytes!", sent);
                }
            }
        }
    }
}
