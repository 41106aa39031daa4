package conclab.grader.fork;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The test JVM's end of its link to the grader: its own standard input and output. The
 * configuration comes in as the first line, then the bytes of each of the suite's jars
 * (a 4-byte length, then the jar); events go out, one JSON line each, flushed at once. Nothing
 * else writes to this JVM's standard output: the tests' printing goes to their capture, the JVM's
 * own messages go to standard error ({@code -XX:+DisplayVMOutputToStderr}), and the submission
 * runs in a JVM of its own, whose output this JVM reads.
 */
final class EventChannel {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_JAR = 256 << 20;

    private final DataInputStream in = new DataInputStream(new FileInputStream(FileDescriptor.in));
    private final OutputStream out = new BufferedOutputStream(new FileOutputStream(FileDescriptor.out), 1 << 14);

    /** The fork's configuration: the first line the grader sends. */
    ForkConfig receiveConfig() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream(512);
        for (int b; (b = in.read()) != '\n'; ) {
            if (b < 0) {
                throw new IOException("the grader closed the test JVM's input before sending its configuration");
            }
            line.write(b);
        }
        return JSON.readValue(line.toString(StandardCharsets.UTF_8), ForkConfig.class);
    }

    /** The next of the suite's jars. */
    byte[] receiveJar() throws IOException {
        int length = in.readInt();
        if (length < 0 || length > MAX_JAR) {
            throw new IOException("a jar of " + length + " bytes");
        }
        byte[] jar = new byte[length];
        in.readFully(jar);
        return jar;
    }

    /** Sends one event; flushed, so that it survives the fork dying right after. */
    synchronized void send(ForkEvent event) {
        try {
            out.write(JSON.writeValueAsBytes(event));
            out.write('\n');
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("lost the connection to the grader", e);
        }
    }
}
