package conclab.grader.io;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Writes a file so that readers see either the old content or the whole new one, never a part:
 * the bytes go to a temporary file in the same folder, are forced to disk, and the temporary
 * file is then renamed over the target.
 */
public final class AtomicFile {

    private AtomicFile() {
    }

    /** Replaces {@code target} with {@code bytes}, atomically. */
    public static void write(Path target, byte[] bytes) throws IOException {
        Path folder = target.toAbsolutePath().getParent();
        Path temp = Files.createTempFile(folder, "." + target.getFileName() + ".", ".tmp");
        try {
            readableByAll(temp);
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                channel.write(java.nio.ByteBuffer.wrap(bytes));
                channel.force(true);
            }
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE,
                        StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /** A temporary file is private (0600); the report it becomes is for others to read too. */
    private static void readableByAll(Path file) throws IOException {
        try {
            Files.setPosixFilePermissions(file, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: its own defaults apply
        }
    }

    /**
     * Checks that a file can be written at {@code target} now, by creating and removing a
     * temporary file beside it, so that a long run never ends with nowhere to put its result.
     */
    public static void checkWritable(Path target) throws IOException {
        Path folder = target.toAbsolutePath().getParent();
        if (folder != null && Files.exists(folder) && !Files.isDirectory(folder)) {
            throw new IOException(folder + " is a file, not a folder");
        }
        if (folder == null || !Files.isDirectory(folder)) {
            throw new IOException("folder " + folder + " does not exist");
        }
        if (Files.isDirectory(target)) {
            throw new IOException(target + " is a folder");
        }
        Files.delete(Files.createTempFile(folder, "." + target.getFileName() + ".", ".check"));
    }
}
