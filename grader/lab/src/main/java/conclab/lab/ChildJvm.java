package conclab.lab;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The command line of a child JVM that runs a main class of this same program: the running JDK's
 * {@code java}, this JVM's class path, and the main class with its arguments, started through
 * {@link ChildMain} so that the child ends when its parent does.
 *
 * <p>No shell is involved: the command is a list of arguments, the same on Windows, macOS and
 * Linux. Where the command line would be longer than some systems accept, the class path goes
 * into an argument file ({@code java @file}).
 *
 * <pre>{@code
 * Process child = ChildJvm.processBuilder(Worker.class, "3", "hello")
 *         .redirectErrorStream(true)
 *         .start();
 * // the child runs Worker.main(new String[] {"3", "hello"}) in a JVM of its own
 * }</pre>
 */
public final class ChildJvm {

    /** Options that make a small child JVM start fast. */
    static final List<String> OPTIONS = List.of(
            "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-XX:-UsePerfData", "-Dfile.encoding=UTF-8");

    /** Longest command line written out in full; Windows caps it near 32,768 characters. */
    static final int MAX_COMMAND_LENGTH = 8_000;

    /**
     * System property: the class path of the child JVMs, where it is not this JVM's own. The
     * grader sets it in the JVM that runs the tests, which holds none of your classes: the
     * children that tests start there run beside your classes, as they do in {@code mvn test}.
     */
    public static final String CLASS_PATH_PROPERTY = "conclab.lab.childClassPath";

    /**
     * System property: a file whose lines, one argument each, come before the child's command:
     * the grader's sandbox, in the JVM that runs the tests. The child's parent is then the
     * sandbox, which ends it when this JVM ends.
     */
    public static final String LAUNCHER_PROPERTY = "conclab.lab.childLauncher";

    private ChildJvm() {
    }

    /** The command that runs {@code mainClass.main(args)} in a child JVM. */
    public static List<String> command(Class<?> mainClass, String... args) {
        return command(mainClass.getName(), Arrays.asList(args));
    }

    /**
     * The command that runs the {@code main} method of the class named {@code mainClass} in a
     * child JVM. The class is looked up in the child: a name that does not exist makes the child
     * exit with {@link ChildMain#NO_SUCH_CLASS}.
     */
    public static List<String> command(String mainClass, List<String> args) {
        return command(List.of(), mainClass, args);
    }

    /**
     * The command that runs {@code mainClass.main(args)} in a child JVM started with extra JVM
     * options, for example {@code List.of("-Xmx8m")} for a child with a small heap. The options
     * come after conclab's own, so they win where they overlap.
     */
    public static List<String> command(List<String> jvmOptions, String mainClass, List<String> args) {
        Objects.requireNonNull(mainClass, "mainClass");
        jvmOptions.forEach(option -> Objects.requireNonNull(option, "a JVM option is null"));
        args.forEach(arg -> Objects.requireNonNull(arg, "an argument is null"));
        List<String> command = new ArrayList<>(launcher());
        command.add(javaExecutable().toString());
        command.addAll(OPTIONS);
        if (command.size() == 1 + OPTIONS.size()) {
            command.add("-D" + ParentWatch.PARENT_PID_PROPERTY + "=" + ProcessHandle.current().pid());
        }
        command.addAll(jvmOptions);
        String classpath = System.getProperty(CLASS_PATH_PROPERTY, System.getProperty("java.class.path"));
        List<String> tail = new ArrayList<>();
        tail.add(ChildMain.class.getName());
        tail.add(mainClass);
        tail.addAll(args);
        int length = command.stream().mapToInt(String::length).sum() + classpath.length()
                + tail.stream().mapToInt(String::length).sum() + command.size() + tail.size() + 4;
        if (length <= MAX_COMMAND_LENGTH) {
            command.add("-cp");
            command.add(classpath);
        } else {
            command.add("@" + argumentFile(classpath));
        }
        command.addAll(tail);
        return List.copyOf(command);
    }

    /** A {@link ProcessBuilder} for {@link #command(Class, String...)}; start it when ready. */
    public static ProcessBuilder processBuilder(Class<?> mainClass, String... args) {
        return new ProcessBuilder(command(mainClass, args));
    }

    /** The arguments that come before the child's {@code java}: none, unless the grader set a launcher. */
    private static List<String> launcher() {
        String file = System.getProperty(LAUNCHER_PROPERTY);
        if (file == null) {
            return List.of();
        }
        try {
            return Files.readAllLines(Path.of(file), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the child launcher " + file, e);
        }
    }

    /** The {@code java} launcher of the JDK this JVM runs on. */
    public static Path javaExecutable() {
        boolean windows = System.getProperty("os.name", "").startsWith("Windows");
        return Path.of(System.getProperty("java.home"), "bin", windows ? "java.exe" : "java");
    }

    private static Path argumentFile(String classpath) {
        try {
            Path file = Files.createTempFile("conclab-child-", ".args");
            file.toFile().deleteOnExit();
            // In an argument file a quoted argument may hold spaces; backslash escapes.
            String quoted = "\"" + classpath.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
            Files.writeString(file, "-cp " + quoted + System.lineSeparator(), StandardCharsets.UTF_8);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the child JVM's argument file", e);
        }
    }
}
