package conclab.grader.cli;

import conclab.grader.Grader;
import conclab.grader.fork.ForkArchive;
import conclab.grader.io.Tokens;
import conclab.lab.ParentWatch;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Runs the grading commands in a second JVM, started with the options that {@code java -jar}
 * cannot be given from inside the jar: the C1 compiler alone, the serial collector, and a
 * class-data archive of the grader's own classes. A grading's own JVM lives a few seconds and
 * mostly waits on its test JVM, but before the first test it competes for the cores with the
 * compiler and JUnit's start-up; with these options it needs a fraction of the CPU, and the
 * grading ends some 0.2 s sooner. The archive is made by the first grading of a jar (its JVM
 * writes it at exit) and kept in the same cache as the test JVMs' ({@link ForkArchive}).
 *
 * <p>The first JVM (the launcher) only waits: the grader's exit status becomes its own, its
 * input and output are the grader's, and stopping it stops the grader, which then cleans up as
 * if stopped itself. The grader ends itself, cleaning up, if its launcher is killed outright.
 * {@code -Dconclab.relaunch=false} grades in the first JVM.
 */
final class Relaunch {

    /** System property that keeps the grading in the first JVM. */
    static final String PROPERTY = "conclab.relaunch";
    /** System property of the second JVM: its launcher's pid. */
    static final String LAUNCHER_PROPERTY = "conclab.grader.launcher";

    /**
     * System property of a second JVM that writes its archive at exit: the file where it leaves
     * its exit status first. A JVM that fails to write the archive exits with 1 whatever status
     * it was given, and the launcher must not take that for the grader's.
     */
    static final String STATUS_PROPERTY = "conclab.grader.status";

    /** The grader's JVM options; the user's own, from the first JVM's command line, follow. */
    static final List<String> OPTIONS = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
            // a small young generation keeps the resident set small (~70 MB instead of ~100)
            "-Xmn8m", "-XX:-UsePerfData",
            // nothing attaches to the grader, whatever it grades
            "-XX:+DisableAttachMechanism");

    private static final Set<String> COMMANDS = Set.of("grade", "grade-all", "summarize");
    /**
     * Commands relaunched for the options alone, without the grading JVM's class-data archive:
     * summarize's classes are not a grading's. C1 alone halves its CPU (a class of 200: 5.8 s
     * to 2.7 s), the serial collector keeps it to a third of the memory.
     */
    private static final Set<String> WITHOUT_ARCHIVE = Set.of("summarize");
    /** How long a stopped launcher waits for its grader to clean up before killing it. */
    private static final long CLEANUP_SECONDS = 10;

    private Relaunch() {
    }

    /**
     * Runs {@code args} in a second JVM if that is how they should run, and returns its exit
     * status; empty when this JVM should run them itself: not a grading command, already the
     * second JVM, turned off, not started as {@code java -jar}, or the second JVM would not start.
     */
    static OptionalInt run(String[] args) {
        if (args.length == 0 || !COMMANDS.contains(args[0]) || System.getProperty(LAUNCHER_PROPERTY) != null
                || "false".equals(System.getProperty(PROPERTY))) {
            return OptionalInt.empty();
        }
        Optional<Path> jar = ownJar();
        Optional<List<String>> userOptions = jar.flatMap(Relaunch::userOptions);
        if (userOptions.isEmpty()) {
            return OptionalInt.empty();
        }
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> options = new ArrayList<>(OPTIONS);
        options.addAll(userOptions.get());
        Optional<Path> archive = WITHOUT_ARCHIVE.contains(args[0]) ? Optional.empty() : archive(java, options, jar.get());
        Path partial = archive.filter(a -> !Files.isRegularFile(a))
                .map(a -> a.resolveSibling(a.getFileName() + "." + Tokens.random() + ".tmp")).orElse(null);
        Process grader;
        try {
            grader = new ProcessBuilder(command(java, options, archive.orElse(null), partial, jar.get(), args))
                    .inheritIO().start();
        } catch (IOException e) {
            return OptionalInt.empty();
        }
        Thread stop = new Thread(() -> stop(grader), "conclab-launcher-stop");
        Runtime.getRuntime().addShutdownHook(stop);
        int status = waitFor(grader);
        if (partial != null) {
            status = recorded(statusFile(partial)).orElse(status);
            keep(partial, archive.get(), status);
        }
        return OptionalInt.of(status);
    }

    /** The second JVM's command line. */
    static List<String> command(Path java, List<String> options, Path archive, Path partial, Path jar,
                                String[] args) {
        List<String> command = new ArrayList<>(List.of(java.toString()));
        command.addAll(options);
        command.add("-D" + LAUNCHER_PROPERTY + "=" + ProcessHandle.current().pid());
        if (archive != null && partial != null) {
            command.addAll(List.of("-XX:ArchiveClassesAtExit=" + partial, "-Xlog:cds=off", "-Xlog:cds+dynamic=off",
                    "-D" + STATUS_PROPERTY + "=" + statusFile(partial)));
        } else if (archive != null) {
            command.addAll(ForkArchive.options(archive));
            command.add("-D" + Grader.OWN_ARCHIVE_PROPERTY + "=" + archive);
        }
        command.addAll(List.of("-cp", jar.toString(), Main.class.getName()));
        command.addAll(Arrays.asList(args));
        return command;
    }

    /** In a second JVM that writes its archive at exit: leaves {@code status} for its launcher. */
    static void record(int status) {
        String file = System.getProperty(STATUS_PROPERTY);
        if (file != null) {
            try {
                Files.writeString(Path.of(file), Integer.toString(status));
            } catch (IOException | RuntimeException e) {
                // the launcher falls back on the JVM's exit status
            }
        }
    }

    private static Path statusFile(Path partial) {
        return partial.resolveSibling(partial.getFileName() + ".status");
    }

    private static OptionalInt recorded(Path statusFile) {
        try {
            return OptionalInt.of(Integer.parseInt(Files.readString(statusFile).strip()));
        } catch (IOException | NumberFormatException e) {
            return OptionalInt.empty();
        } finally {
            try {
                Files.deleteIfExists(statusFile);
            } catch (IOException e) {
                // a stray file of a few bytes in the cache
            }
        }
    }

    /**
     * In the second JVM: ends it, as a stopped JVM ends (its shutdown hooks clean up), when its
     * launcher ends. Nothing else reads the grader's output then.
     */
    static void watchLauncher() {
        String launcher = System.getProperty(LAUNCHER_PROPERTY);
        if (launcher == null) {
            return;
        }
        Optional<ProcessHandle> handle = ProcessHandle.of(Long.parseLong(launcher.trim()));
        if (handle.isEmpty()) {
            System.exit(ParentWatch.ORPHANED_EXIT_STATUS);
        }
        handle.get().onExit().thenRun(() -> System.exit(ParentWatch.ORPHANED_EXIT_STATUS));
    }

    /**
     * The options this JVM was started with, before {@code -jar JAR}; empty unless it was started
     * so (the grader then cannot tell its own options from its class path's).
     */
    static Optional<List<String>> userOptions(Path jar) {
        List<String> arguments = ProcessHandle.current().info().arguments().map(Arrays::asList).orElse(List.of());
        int at = arguments.indexOf("-jar");
        if (at < 0 || at + 1 >= arguments.size() || !Path.of(arguments.get(at + 1)).toAbsolutePath().normalize()
                .equals(jar)) {
            return Optional.empty();
        }
        return Optional.of(List.copyOf(arguments.subList(0, at)));
    }

    private static Optional<Path> ownJar() {
        try {
            Path location = Path.of(Main.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                    .toAbsolutePath().normalize();
            return Files.isRegularFile(location) ? Optional.of(location) : Optional.empty();
        } catch (URISyntaxException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static Optional<Path> archive(Path java, List<String> options, Path jar) {
        try {
            Optional<Path> archive = ForkArchive.location("grader", java, options, List.of(jar));
            if (archive.isPresent() && !Files.isRegularFile(archive.get())) {
                // the JVM fails at exit where it cannot write the archive: make sure it can
                Files.createDirectories(archive.get().getParent());
                if (!Files.isWritable(archive.get().getParent())) {
                    return Optional.empty();
                }
            }
            // a first run that could not write one is not repeated at every grading
            return archive.filter(a -> !Files.exists(a.resolveSibling(a.getFileName() + ".failed")));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** Keeps the archive a first grading wrote at exit, if it graded (0, or 3 below a threshold). */
    private static void keep(Path partial, Path archive, int status) {
        try {
            if ((status == Main.GRADED || status == Main.BELOW_THRESHOLD) && Files.isRegularFile(partial)) {
                ForkArchive.keep(partial, archive);
            } else if (status == Main.GRADED || status == Main.BELOW_THRESHOLD) {
                Files.writeString(archive.resolveSibling(archive.getFileName() + ".failed"),
                        "the grader's JVM wrote no archive at exit; delete this file to try again\n");
            }
            Files.deleteIfExists(partial);
        } catch (IOException | RuntimeException e) {
            // only the next grading's speed is at stake
        }
    }

    private static int waitFor(Process grader) {
        while (true) {
            try {
                return grader.waitFor();
            } catch (InterruptedException e) {
                // nothing interrupts the launcher's main thread but its own shutdown
            }
        }
    }

    /** The launcher is stopping (Ctrl-C, SIGTERM): so does the grader, which cleans up first. */
    private static void stop(Process grader) {
        if (!grader.isAlive()) {
            return;
        }
        grader.destroy();
        try {
            if (!grader.waitFor(CLEANUP_SECONDS, TimeUnit.SECONDS)) {
                grader.destroyForcibly();
            }
        } catch (InterruptedException e) {
            grader.destroyForcibly();
        }
    }
}
