package conclab.grader.batch;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Map;

/**
 * The secret that keys the batch manifest ({@link BatchManifest}): 32 random bytes in a file kept
 * outside every reports folder, so that whoever can rewrite a report and the manifest beside it
 * (a submission that reached the reports folder, a student with write access to it) still cannot
 * make the manifest vouch for the rewritten report: a plain SHA-256 is anybody's to compute, an
 * HMAC only the key's holder's.
 *
 * <p>Where: {@code $CONCLAB_BATCH_KEY} (a file name) when set, else
 * {@code $XDG_CONFIG_HOME/conclab/batch.key}, else {@code ~/.config/conclab/batch.key}. Made on
 * first use, readable and writable by its owner only (0600 where the file system has POSIX
 * permissions). A key that is missing is made anew, and then no manifest written with the old
 * one is trusted: every report is graded again, never taken on trust. A key file that cannot be
 * read or made gives a key for this run only, with the same effect, and says so.
 *
 * @param bytes   the key
 * @param file    where it is kept
 * @param problem why the key is for this run only; null when it is the file's
 */
public record BatchKey(byte[] bytes, Path file, String problem) {

    /** The environment variable that names the key file. */
    public static final String ENV = "CONCLAB_BATCH_KEY";
    static final int LENGTH = 32;

    /** The key file this environment names. */
    public static Path location(Map<String, String> env) {
        String named = env.get(ENV);
        if (named != null && !named.isBlank()) {
            return Path.of(named);
        }
        String config = env.get("XDG_CONFIG_HOME");
        Path base = config != null && !config.isBlank() ? Path.of(config)
                : Path.of(System.getProperty("user.home"), ".config");
        return base.resolve("conclab").resolve("batch.key");
    }

    /** The key in {@code file}, made there if there is none. */
    public static BatchKey at(Path file) {
        try {
            if (!Files.exists(file)) {
                make(file);
            }
            byte[] bytes = Files.readAllBytes(file);
            if (bytes.length != LENGTH) {
                return ephemeral(file, "the key file " + file + " holds " + bytes.length + " bytes, not "
                        + LENGTH + ": remove it to have a new one made");
            }
            return new BatchKey(bytes, file, null);
        } catch (IOException | UnsupportedOperationException e) {
            return ephemeral(file, "the key file " + file + " cannot be read or made (" + e.getMessage() + ")");
        }
    }

    private static void make(Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        byte[] bytes = new byte[LENGTH];
        new SecureRandom().nextBytes(bytes);
        Path temporary = file.resolveSibling("." + file.getFileName() + "." + System.nanoTime() + ".tmp");
        try {
            try {
                Files.createFile(temporary, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } catch (UnsupportedOperationException e) {
                Files.createFile(temporary); // not POSIX: the folder's own access rules apply
            }
            Files.write(temporary, bytes);
            try {
                // another grade-all making its key at the same moment: the first one made wins
                Files.createLink(file, temporary);
            } catch (FileAlreadyExistsException e) {
                // made meanwhile: read that one
            } catch (UnsupportedOperationException e) {
                Files.move(temporary, file);
            }
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    private static BatchKey ephemeral(Path file, String problem) {
        byte[] bytes = new byte[LENGTH];
        new SecureRandom().nextBytes(bytes);
        return new BatchKey(bytes, file, problem + "; this run uses a key of its own, so the next run grades everything again");
    }
}
