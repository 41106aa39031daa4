package conclab.grader.fork;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.InputStreamReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * The fork's end of its connection to the parent: the configuration comes in as the first line,
 * then events go out, one JSON line each, flushed at once.
 */
final class EventChannel implements Closeable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int CONNECT_TIMEOUT_MS = 10_000;

    private final Socket socket;
    private final BufferedWriter out;

    EventChannel(int port) throws IOException {
        socket = new Socket();
        socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port),
                CONNECT_TIMEOUT_MS);
        out = new BufferedWriter(new OutputStreamWriter(socket.getOutputStream(),
                StandardCharsets.UTF_8));
    }

    /** The fork's configuration: the first line the parent sends. */
    ForkConfig receiveConfig() throws IOException {
        BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                StandardCharsets.UTF_8));
        String line = in.readLine();
        if (line == null) {
            throw new IOException("the grader closed the connection before sending the configuration");
        }
        return JSON.readValue(line, ForkConfig.class);
    }

    /** Sends one event; flushed, so that it survives the fork dying right after. */
    synchronized void send(ForkEvent event) {
        try {
            out.write(JSON.writeValueAsString(event));
            out.write('\n');
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("lost the connection to the grader", e);
        }
    }

    @Override
    public synchronized void close() throws IOException {
        try {
            out.flush();
        } finally {
            socket.close();
        }
    }
}
