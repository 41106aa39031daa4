package conclab.grader.fork;

import conclab.grader.io.Tokens;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Set;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A class-data-sharing archive of the classes every test JVM loads (javac, the JUnit Launcher,
 * Jackson, the grader's own), so that each test JVM maps them instead of loading them: it saves
 * a few hundred milliseconds of start-up per test JVM.
 *
 * <p>The archive is made once per grader jar and JDK, by a {@link ForkTraining} run, and kept in
 * {@code ~/.cache/conclab} (or {@code $XDG_CACHE_HOME/conclab}). Its class path is the grader's
 * alone, which the test JVM's class path begins with, as the JVM requires. Anything that goes
 * wrong only costs the speed-up: without an archive, test JVMs start as they always did.
 * Set {@code -Dconclab.cds=false} to go without one.
 */
public final class ForkArchive {

    /** System property that turns the archive off. */
    public static final String PROPERTY = "conclab.cds";
    private static final long TRAINING_SECONDS = 60;
    /** Archives kept in the cache, the one in use included. */
    static final int KEPT = 8;

    private ForkArchive() {
    }

    /**
     * The archive for test JVMs started this way, made first if there is none yet; empty when
     * it cannot be had.
     *
     * @param java       the test JVMs' {@code java}
     * @param options    the test JVMs' options (the archive is made under the same)
     * @param graderPath the grader's class path, where the test JVMs' class path begins
     */
    public static Optional<Path> prepare(Path java, List<String> options, List<Path> graderPath) {
        if (!graderPath.stream().allMatch(Files::isRegularFile)) {
            return Optional.empty();
        }
        try {
            Optional<Path> location = location("fork", java, options, graderPath);
            if (location.isEmpty()) {
                return Optional.empty();
            }
            Path archive = location.get();
            Path failed = archive.resolveSibling(archive.getFileName() + ".failed");
            if (!Files.isRegularFile(archive) && !Files.exists(failed) && !train(java, options, graderPath, archive)) {
                // once is enough: every later run would pay for the same failure
                Files.writeString(failed, "the training run failed; delete this file to try again\n");
            }
            return Files.isRegularFile(archive) ? Optional.of(archive) : Optional.empty();
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /**
     * Where the archive of another kind of JVM of the grader goes, started with {@code java},
     * {@code options} and {@code classpath}: {@code "grader"} for the grader's own JVM, which
     * makes it itself on its first run (see conclab.grader.cli.Relaunch). The cache keeps the
     * {@value #KEPT} newest of each kind. Empty when archives are turned off.
     */
    public static Optional<Path> location(String kind, Path java, List<String> options, List<Path> classpath)
            throws IOException {
        if ("false".equals(System.getProperty(PROPERTY))) {
            return Optional.empty();
        }
        return Optional.of(cacheFolder().resolve(kind + "-" + key(java, options, classpath) + ".jsa"));
    }

    /** Puts a JVM's freshly dumped archive {@code partial} in its place {@code archive}, and prunes. */
    public static void keep(Path partial, Path archive) throws IOException {
        keepUnlessThere(partial, archive);
        prune(archive);
    }

    /**
     * Moves {@code partial} to {@code file} unless another grader put one there meanwhile (under
     * the same key, it is as good): never over it, since a grading that sealed it would take the
     * new file for the submission's tampering and give up on every test it had left.
     */
    static void keepUnlessThere(Path partial, Path file) throws IOException {
        if (Files.exists(file)) {
            Files.deleteIfExists(partial);
            return;
        }
        try {
            Files.move(partial, file, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** The options that make a test JVM map {@code archive}. */
    public static List<String> options(Path archive) {
        // a stale or foreign archive is skipped silently rather than said on the test JVM's stdout
        return List.of("-XX:SharedArchiveFile=" + archive, "-Xshare:auto", "-Xlog:cds=off", "-Xlog:cds+dynamic=off");
    }

    /**
     * Deletes {@code file} if it is an archive of this cache: after a run in which it changed, it
     * can no longer be trusted, and the next run makes a fresh one.
     */
    public static void discardIfArchive(Path file) {
        if (file.getFileName().toString().matches("(fork|grader)-[0-9a-f]+\\.jsa")
                && cacheFolder().equals(file.getParent())) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                // the next run's seal will find it changed again
            }
        }
    }

    /**
     * Removes the archives of {@code keep}'s kind made for other grader jars, JDKs or options:
     * those a week old, and all but the {@value #KEPT} newest at once (each is some 24 MB, and a maintainer makes a new jar at
     * every build). Never one that a running JVM maps: another grader's test JVM uses it, and that
     * grader would take its disappearance for tampering.
     */
    static void prune(Path keep) {
        long weekAgo = System.currentTimeMillis() - TimeUnit.DAYS.toMillis(7);
        Set<String> inUse = mapped(keep.getParent());
        try (Stream<Path> files = Files.list(keep.getParent())) {
            String kind = keep.getFileName().toString().substring(0, keep.getFileName().toString().indexOf('-') + 1);
            List<Path> others = files.filter(f -> f.getFileName().toString().startsWith(kind) && !f.equals(keep))
                    .sorted(Comparator.comparing(ForkArchive::modified).reversed()).toList();
            for (int i = 0; i < others.size(); i++) {
                Path other = others.get(i);
                if ((i >= KEPT - 1 || modified(other) < weekAgo) && !inUse.contains(other.toString())) {
                    Files.deleteIfExists(other);
                }
            }
        } catch (IOException | java.io.UncheckedIOException e) {
            // only disk space is at stake
        }
    }

    /**
     * The files in {@code folder} that a live process maps or holds open, as Linux's /proc tells;
     * elsewhere none. Open counts too: a JVM reads its jars without mapping them.
     */
    static Set<String> mapped(Path folder) {
        Set<String> mapped = new HashSet<>();
        String prefix = folder.toAbsolutePath() + File.separator;
        try (Stream<Path> processes = Files.list(Path.of("/proc"))) {
            for (Path process : processes.filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit)).toList()) {
                try {
                    Files.readAllLines(process.resolve("maps")).stream()
                            .filter(line -> line.contains(prefix))
                            .forEach(line -> mapped.add(line.substring(line.indexOf(prefix)).strip()));
                } catch (IOException | java.io.UncheckedIOException | SecurityException e) {
                    // gone, or another user's
                }
                try (Stream<Path> fds = Files.list(process.resolve("fd"))) {
                    fds.forEach(fd -> {
                        try {
                            String target = Files.readSymbolicLink(fd).toString();
                            if (target.startsWith(prefix)) {
                                mapped.add(target);
                            }
                        } catch (IOException | SecurityException e) {
                            // closed meanwhile
                        }
                    });
                } catch (IOException | java.io.UncheckedIOException | SecurityException e) {
                    // gone, or another user's
                }
            }
        } catch (IOException | java.io.UncheckedIOException e) {
            // no /proc: nothing is known to be in use
        }
        return mapped;
    }

    private static long modified(Path file) {
        try {
            return Files.getLastModifiedTime(file).toMillis();
        } catch (IOException e) {
            return 0;
        }
    }

    private static boolean train(Path java, List<String> options, List<Path> graderPath, Path archive)
            throws IOException {
        Files.createDirectories(archive.getParent());
        Path partial = archive.resolveSibling(archive.getFileName() + "." + Tokens.random() + ".tmp");
        List<String> command = new ArrayList<>(List.of(java.toString()));
        command.addAll(options);
        // the test JVMs' temporary folder lies in a run's work folder, which may exist only inside
        // its sandbox; the training's lies in the grader's own (the later -D wins)
        command.addAll(List.of("-Djava.io.tmpdir=" + System.getProperty("java.io.tmpdir"),
                "-XX:ArchiveClassesAtExit=" + partial, "-Xlog:cds=off", "-Xlog:cds+dynamic=off",
                "-cp", String.join(File.pathSeparator, graderPath.stream().map(Path::toString).toList()),
                ForkTraining.class.getName()));
        Process training = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        try {
            boolean ok = training.waitFor(TRAINING_SECONDS, TimeUnit.SECONDS) && training.exitValue() == 0
                    && Files.isRegularFile(partial);
            if (ok) {
                keep(partial, archive);
            }
            return ok;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } finally {
            training.destroyForcibly();
            Files.deleteIfExists(partial);
        }
    }

    /**
     * {@code $XDG_CACHE_HOME/conclab}, else {@code ~/.cache/conclab}. Nothing in it is secret:
     * archives of the JDK's and the grader's classes, and the grader's jar without its tests.
     */
    static Path cacheFolder() {
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return base.resolve("conclab");
    }

    /** A key of {@code file} as it is now: its path, size and time. */
    static String keyOf(Path file) throws IOException {
        BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
        String text = file.toRealPath() + " " + attributes.size() + " " + attributes.lastModifiedTime().toMillis();
        return String.format("%016x", fnv1a(text.getBytes(StandardCharsets.UTF_8)));
    }

    /** What the archive depends on: the grader's jars as they are now, the JDK and the options. */
    private static String key(Path java, List<String> options, List<Path> graderPath) throws IOException {
        // the JVM's own options shape an archive; the properties the tests read do not
        List<String> vmOptions = options.stream().filter(o -> o.startsWith("-X")).toList();
        StringBuilder text = new StringBuilder(java.toRealPath() + "\n" + Runtime.version() + "\n" + vmOptions + "\n");
        for (Path jar : graderPath) {
            BasicFileAttributes attributes = Files.readAttributes(jar, BasicFileAttributes.class);
            text.append(jar.toRealPath()).append(' ').append(attributes.size()).append(' ')
                    .append(attributes.lastModifiedTime().toMillis()).append('\n');
        }
        return String.format("%016x", fnv1a(text.toString().getBytes(StandardCharsets.UTF_8)));
    }

    /**
     * 64-bit FNV-1a: the key names a file in a cache of a few, made from the grader's own
     * inputs, and needs no cryptographic hash, whose provider costs a cold JVM some 25 ms (the
     * launcher computes the key before anything else; see conclab.grader.cli.Relaunch).
     */
    static long fnv1a(byte[] bytes) {
        long hash = 0xcbf29ce484222325L;
        for (byte b : bytes) {
            hash = (hash ^ (b & 0xff)) * 0x100000001b3L;
        }
        return hash;
    }
}
