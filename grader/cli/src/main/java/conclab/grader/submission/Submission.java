package conclab.grader.submission;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * A submission folder and the {@code src/main/java} inside it that holds its code: a student
 * repository ({@code exercises/src/main/java}) or a module folder ({@code src/main/java}).
 *
 * @param folder  the folder given on the command line
 * @param sources its {@code src/main/java}
 */
public record Submission(Path folder, Path sources) {

    /**
     * Finds the sources of the submission in {@code folder}.
     *
     * @throws InvalidSubmission with a message that names the problem and the fix
     */
    public static Submission locate(Path folder) throws InvalidSubmission {
        if (!Files.exists(folder)) {
            throw new InvalidSubmission("submission folder " + folder + " does not exist:"
                    + " give the path of a student repository or of its exercises/ folder");
        }
        if (!Files.isDirectory(folder)) {
            throw new InvalidSubmission("submission " + folder + " is a file, not a folder:"
                    + " give the folder that holds src/main/java (or exercises/src/main/java)");
        }
        for (Path candidate : List.of(folder.resolve("exercises/src/main/java"),
                folder.resolve("src/main/java"))) {
            if (Files.isDirectory(candidate) && hasJavaFiles(candidate)) {
                return new Submission(folder.toAbsolutePath().normalize(),
                        candidate.toAbsolutePath().normalize());
            }
        }
        throw new InvalidSubmission("no Java sources in " + folder + ": expected .java files under "
                + folder.resolve("src/main/java") + " or " + folder.resolve("exercises/src/main/java"));
    }

    /** A SHA-256 of the sources: every {@code .java} file's path and content, in path order. */
    public String hash() throws IOException {
        java.security.MessageDigest digest;
        try {
            digest = java.security.MessageDigest.getInstance("SHA-256");
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
        List<Path> files;
        try (Stream<Path> walk = Files.walk(sources)) {
            files = walk.filter(p -> p.toString().endsWith(".java")
                            && Files.isRegularFile(p, java.nio.file.LinkOption.NOFOLLOW_LINKS))
                    .sorted().toList();
        }
        for (Path file : files) {
            digest.update(sources.relativize(file).toString().replace('\\', '/')
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8));
            digest.update((byte) 0);
            digest.update(Files.readAllBytes(file));
        }
        return java.util.HexFormat.of().formatHex(digest.digest());
    }

    private static boolean hasJavaFiles(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.anyMatch(p -> p.toString().endsWith(".java")
                    && Files.isRegularFile(p, java.nio.file.LinkOption.NOFOLLOW_LINKS));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The submission's folder or sources were not usable. */
    public static final class InvalidSubmission extends Exception {
        private static final long serialVersionUID = 1L;

        public InvalidSubmission(String message) {
            super(message);
        }
    }
}
