package conclab.grader.fork;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Drains a fork's standard output and error, keeping only the last few kilobytes. A test's own
 * printing is captured inside the fork; what reaches here is the JVM's own messages (a crash, an
 * out-of-memory) and whatever a child process writes to the inherited descriptors, which may be
 * endless: it is read and counted, never stored in full, so it can neither block the fork nor
 * fill a disk.
 */
final class OutputTail {

    private static final int KEPT = 4096;

    private final byte[] ring = new byte[KEPT];
    private long total;
    private final Thread drainer;

    /** Starts draining {@code in} on a daemon thread. */
    OutputTail(InputStream in) {
        this(in, bytes -> { });
    }

    /** Starts draining {@code in} on a daemon thread, passing each chunk read on to {@code passOn}. */
    OutputTail(InputStream in, java.util.function.Consumer<byte[]> passOn) {
        drainer = new Thread(() -> drain(in, passOn), "conclab-fork-output");
        drainer.setDaemon(true);
        drainer.start();
    }

    private void drain(InputStream in, java.util.function.Consumer<byte[]> passOn) {
        byte[] buffer = new byte[8192];
        try (in) {
            for (int n; (n = in.read(buffer)) > 0; ) {
                passOn.accept(java.util.Arrays.copyOf(buffer, n));
                synchronized (this) {
                    for (int i = 0; i < n; i++) {
                        ring[(int) (total++ % KEPT)] = buffer[i];
                    }
                }
            }
        } catch (IOException e) {
            // the fork is gone
        }
    }

    /** The last bytes written, as text, once the stream has ended or after a short wait. */
    String text() {
        try {
            drainer.join(500);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronized (this) {
            int kept = (int) Math.min(total, KEPT);
            byte[] last = new byte[kept];
            for (int i = 0; i < kept; i++) {
                last[i] = ring[(int) ((total - kept + i) % KEPT)];
            }
            String text = new String(last, StandardCharsets.UTF_8).strip();
            return total > KEPT ? "[... " + (total - KEPT) + " bytes before this]\n" + text : text;
        }
    }
}
