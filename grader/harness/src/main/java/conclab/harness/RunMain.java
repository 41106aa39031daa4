package conclab.harness;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Runs a main class of the exercises the way {@code java conclab.scheduling.Scheduler A:0:5}
 * would, in a JVM of its own, with the class path the exercises have (their classes, the lab
 * helper, Jackson), on every system:
 * <pre>{@code ./mvnw -q compile exec:java "-Dexec.mainClass=conclab.scheduling.Scheduler" "-Dexec.args=A:0:5 B:1:3"}</pre>
 * The students' build runs it as {@code exec:java}'s main class: a JVM of its own, because a
 * program that starts child JVMs ({@code conclab.lab.ChildJvm}) gives them its own class path,
 * which inside Maven's JVM would be Maven's. Input and output are the console's; the child's exit
 * status is the build's.
 */
public final class RunMain {

    /** System property: the exercises' compiled classes ({@code target/classes}). */
    public static final String CLASSES_PROPERTY = "conclab.run.classes";

    private RunMain() {
    }

    public static void main(String[] args) throws Exception {
        String mainClass = System.getProperty("exec.mainClass", "").strip();
        if (mainClass.isEmpty() || mainClass.equals(RunMain.class.getName())) {
            throw new IllegalArgumentException(Messages.get("run.noClass"));
        }
        List<Path> classpath = new ArrayList<>();
        classpath.add(Path.of(System.getProperty(CLASSES_PROPERTY, "target/classes")));
        classpath.addAll(StudentClasspath.libraries());
        List<String> command = new ArrayList<>(List.of(javaExecutable().toString(), "-cp", classpath.stream().map(Path::toString).collect(Collectors.joining(File.pathSeparator)),
                mainClass));
        command.addAll(Arrays.asList(args));
        Process child = new ProcessBuilder(command).inheritIO().start();
        // Ctrl+C reaches the child from the console too; if Maven's JVM goes first, the child goes
        Thread stop = new Thread(child::destroy);
        Runtime.getRuntime().addShutdownHook(stop);
        int status = child.waitFor();
        Runtime.getRuntime().removeShutdownHook(stop);
        if (status != 0) {
            throw new IllegalStateException(Messages.get("run.exited", mainClass, status));
        }
    }

    private static Path javaExecutable() {
        boolean windows = System.getProperty("os.name", "").startsWith("Windows");
        return Path.of(System.getProperty("java.home"), "bin", windows ? "java.exe" : "java");
    }
}
