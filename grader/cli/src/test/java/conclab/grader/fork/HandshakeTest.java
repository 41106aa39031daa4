package conclab.grader.fork;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Only a connection that opens with the fork's secret is taken for the fork's. */
@Timeout(20)
class HandshakeTest {

    private static boolean proves(String firstLine) throws IOException {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
             Socket client = new Socket(InetAddress.getLoopbackAddress(), server.getLocalPort());
             Socket accepted = server.accept()) {
            if (firstLine != null) {
                client.getOutputStream().write((firstLine + "\n").getBytes(StandardCharsets.UTF_8));
                client.getOutputStream().flush();
            } else {
                client.shutdownOutput();
            }
            return ForkedRun.proves(accepted, "s3cret");
        }
    }

    @Test
    void theRightSecretProvesTheFork() throws IOException {
        assertTrue(proves("{\"type\":\"hello\",\"secret\":\"s3cret\"}"));
    }

    @Test
    void anythingElseIsTurnedAway() throws IOException {
        assertFalse(proves("{\"type\":\"hello\",\"secret\":\"guess\"}"));
        assertFalse(proves("{\"type\":\"done\"}"));
        assertFalse(proves("garbage"));
        assertFalse(proves(null));
    }
}
