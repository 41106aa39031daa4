package conclab.grader;

import conclab.grader.io.FileSeal;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The grader's own jar, as its build made it. The build writes the jar's SHA-256 beside it
 * ({@value #SUFFIX}); every grading, and every grading of a batch, checks that the jar still has
 * it, and that it is the very file this JVM started from, and refuses to grade otherwise: a jar
 * changed after its build (by a submission graded without a sandbox, say) could grade anything.
 * The hash goes into every report ({@code graded.graderHash}).
 *
 * <p>{@code GraderJar JAR} writes {@code JAR}{@value #SUFFIX}: the build's last step.
 */
public final class GraderJar {

    /** What the build's digest file is called: the jar's name and this. */
    public static final String SUFFIX = ".sha256";

    private static final Object LOCK = new Object();
    private static String hash;
    private static String identity;

    private GraderJar() {
    }

    public static void main(String[] args) throws IOException {
        Path jar = Path.of(args[0]);
        Files.writeString(jar.resolveSibling(jar.getFileName() + SUFFIX),
                FileSeal.sha256(jar) + "  " + jar.getFileName() + "\n", StandardCharsets.US_ASCII);
    }

    /** The jar this grader runs from; empty when it runs from classes (a maintainer's IDE). */
    static Optional<Path> location() {
        try {
            Path path = Path.of(GraderJar.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return Files.isRegularFile(path) ? Optional.of(path) : Optional.empty();
        } catch (URISyntaxException | SecurityException | NullPointerException e) {
            return Optional.empty();
        }
    }

    /** The jar's SHA-256 as it was when this JVM first asked, or null without a jar. */
    public static String hash() {
        synchronized (LOCK) {
            if (hash == null) {
                location().ifPresent(jar -> {
                    try {
                        identity = FileSeal.identity(jar);
                        hash = FileSeal.sha256(jar);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
            }
            return hash;
        }
    }

    /**
     * Checks the jar against its build's digest, where the build's file lies beside it, and that
     * it is still the file this JVM first hashed.
     *
     * @throws Changed if it is not
     */
    public static void verify() throws Changed {
        Optional<Path> jar = location();
        if (jar.isEmpty()) {
            return;
        }
        String now = hash();
        try {
            if (!FileSeal.identity(jar.get()).equals(identity)) {
                throw new Changed("the grader's jar " + jar.get() + " was changed since this grader started:"
                        + " nothing more is graded with it; start the grader again from a jar you trust");
            }
            Path digest = jar.get().resolveSibling(jar.get().getFileName() + SUFFIX);
            if (Files.isRegularFile(digest)) {
                String built = Files.readString(digest, StandardCharsets.US_ASCII).strip().split("\\s+")[0];
                if (!built.equalsIgnoreCase(now)) {
                    throw new Changed("the grader's jar " + jar.get() + " is not the one its build made (its"
                            + " SHA-256 is " + now + ", the build's " + digest.getFileName() + " says " + built
                            + "): rebuild it with ./mvnw package, or copy both files anew");
                }
            }
        } catch (IOException e) {
            throw new Changed("cannot check the grader's jar " + jar.get() + ": " + e.getMessage());
        }
    }

    /** The grader's jar is not what its build made. */
    public static final class Changed extends Exception {
        private static final long serialVersionUID = 1L;

        public Changed(String message) {
            super(message);
        }
    }
}
