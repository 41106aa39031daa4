package conclab.grader.fork;

import com.fasterxml.jackson.core.type.TypeReference;
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
import java.util.List;

/**
 * The test JVM's end of its link to the grader: its own standard input and output. The
 * configuration comes in as the first line, then the bytes of each of the suite's jars
 * (a 4-byte length, then the jar), then the work, a line each time the fork is idle; events go out, one JSON line each, flushed at once. Nothing
 * else writes to this JVM's standard output: the tests' printing goes to their capture, the JVM's
 * own messages go to standard error ({@code -XX:+DisplayVMOutputToStderr}), and the submission
 * runs in a JVM of its own, whose output this JVM reads.
 */
final class EventChannel {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_JAR = 256 << 20;
    private static final TypeReference<List<String>> WORK = new TypeReference<>() {
    };

    private final DataInputStream in = new DataInputStream(new FileInputStream(FileDescriptor.in));
    private final OutputStream out = new BufferedOutputStream(new FileOutputStream(FileDescriptor.out), 1 << 14);

    /** The fork's configuration: the first line the grader sends. */
    ForkConfig receiveConfig() throws IOException {
        String line = line();
        if (line == null) {
            throw new IOException("the grader closed the test JVM's input before sending its configuration");
        }
        return JSON.readValue(line, ForkConfig.class);
    }

    /** The next line of the input, without its end; null at the end of the input. */
    private String line() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream(512);
        for (int b; (b = in.read()) != '\n'; ) {
            if (b < 0) {
                return null;
            }
            line.write(b);
        }
        return line.toString(StandardCharsets.UTF_8);
    }

    /**
     * The next work: the JUnit unique ids of the tests to run, one JSON array a line; none when
     * the grader has no more (an empty array, or its end of the input).
     */
    List<String> receiveWork() throws IOException {
        String line = line();
        return line == null ? List.of() : JSON.readValue(line, WORK);
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
