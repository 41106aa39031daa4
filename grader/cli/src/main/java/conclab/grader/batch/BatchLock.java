package conclab.grader.batch;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * One {@code grade-all} at a time on a reports folder's shard: a lock on
 * {@code .conclab-batch[-I-of-N].lock} beside the manifest, held until the batch ends (the
 * operating system lets it go when the process ends, however it ends). A second run on the same
 * folder and shard, with whatever options, is refused and says which process holds it, instead of
 * replacing the first one's reports behind its back. Shards of one class each take their own.
 */
public final class BatchLock implements AutoCloseable {

    private final FileChannel channel;
    private final FileLock lock;

    private BatchLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /** The lock file of a shard's manifest. */
    static String fileName(Shard shard) {
        String manifest = shard.manifestName();
        return manifest.substring(0, manifest.length() - ".json".length()) + ".lock";
    }

    /**
     * Takes the lock of {@code shard} in {@code reports}.
     *
     * @throws Busy when another batch holds it
     */
    public static BatchLock take(Path reports, Shard shard) throws Busy, IOException {
        Path file = reports.resolve(fileName(shard));
        FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null; // this JVM holds it already
        }
        if (lock == null) {
            String holder = new String(Files.readAllBytes(file), StandardCharsets.UTF_8).strip();
            channel.close();
            throw new Busy("another grade-all" + (holder.isEmpty() ? "" : " (" + holder + ")")
                    + " is grading into " + reports + (shard.count() > 1 ? " (shard " + shard + ")" : "")
                    + ": wait for it to end, or give another --out");
        }
        channel.truncate(0);
        channel.write(ByteBuffer.wrap(("pid " + ProcessHandle.current().pid()).getBytes(StandardCharsets.UTF_8)), 0);
        return new BatchLock(channel, lock);
    }

    @Override
    public void close() throws IOException {
        lock.release();
        channel.close();
    }

    /** The folder's shard is being graded by another batch. */
    public static final class Busy extends Exception {
        private static final long serialVersionUID = 1L;

        Busy(String message) {
            super(message);
        }
    }
}
