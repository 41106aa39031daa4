package conclab.grader.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Deleting and copying whole folder trees. */
public final class FileTrees {

    private FileTrees() {
    }

    /** Deletes {@code root} and everything in it; nothing happens if it does not exist. */
    public static void delete(Path root) throws IOException {
        delete(root, true);
    }

    /**
     * Empties the folder {@code root}, which stays (a sandbox may have it mounted), creating it
     * if it does not exist.
     */
    public static void empty(Path root) throws IOException {
        delete(root, false);
        Files.createDirectories(root);
    }

    private static void delete(Path root, boolean itself) throws IOException {
        if (!Files.exists(root, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            walk.sorted(Comparator.reverseOrder()).filter(path -> itself || !path.equals(root)).forEach(path -> {
                try {
                    Files.deleteIfExists(path);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }
}
