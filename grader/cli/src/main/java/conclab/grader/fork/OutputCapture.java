package conclab.grader.fork;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Takes the place of {@code System.out} and {@code System.err} in the fork: what a test prints is
 * kept, up to a limit, for its result, and counted beyond it. It never reaches the real standard
 * output, so nothing printed can pass for the grader's own events.
 */
final class OutputCapture extends OutputStream {

    private final int limit;
    private ByteArrayOutputStream kept = new ByteArrayOutputStream();
    private long total;

    OutputCapture(int limit) {
        this.limit = limit;
    }

    @Override
    public synchronized void write(int b) {
        total++;
        if (kept.size() < limit) {
            kept.write(b);
        }
    }

    @Override
    public synchronized void write(byte[] bytes, int offset, int length) {
        total += length;
        int room = Math.max(0, limit - kept.size());
        kept.write(bytes, offset, Math.min(room, length));
    }

    /** What was printed since the last call, as text, and how many bytes that was in all. */
    synchronized Taken take() {
        Taken taken = new Taken(kept.toString(StandardCharsets.UTF_8), total);
        kept = new ByteArrayOutputStream();
        total = 0;
        return taken;
    }

    record Taken(String text, long bytes) {
    }
}
