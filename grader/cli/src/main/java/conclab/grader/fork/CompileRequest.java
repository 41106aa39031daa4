package conclab.grader.fork;

import java.io.File;
import java.util.Arrays;
import java.util.List;

/**
 * What the first fork of a run compiles before the tests, and where the result goes. Compiling
 * in the fork keeps the compiler out of the grader's own process and lets it run beside JUnit's
 * start-up. It travels as command-line arguments, not in the JSON configuration, so that the
 * compiler starts before the JSON library has even loaded.
 *
 * @param sources   the submission's {@code src/main/java}
 * @param classes   where the classes go; on the fork's classpath
 * @param classpath what the submission compiles against
 * @param testJars  the pristine test jars, whose classes a submission may never shadow
 * @param stubsJar  the stubs of every exercise, which tell the exercises the suite knows
 */
public record CompileRequest(String sources, String classes, List<String> classpath,
                             List<String> testJars, String stubsJar) {

    /** The first argument of a fork that compiles. */
    static final String FLAG = "--compile";

    /** The request as command-line arguments, after {@link #FLAG}. */
    List<String> arguments() {
        return List.of(FLAG, sources, classes, String.join(File.pathSeparator, classpath),
                String.join(File.pathSeparator, testJars), stubsJar);
    }

    /** Reads the arguments that {@link #arguments()} made. */
    static CompileRequest parse(String[] arguments) {
        if (arguments.length != 6 || !arguments[0].equals(FLAG)) {
            throw new IllegalArgumentException("expected " + FLAG
                    + " SOURCES CLASSES CLASSPATH TEST_JARS STUBS_JAR, got " + Arrays.toString(arguments));
        }
        return new CompileRequest(arguments[1], arguments[2], split(arguments[3]), split(arguments[4]),
                arguments[5]);
    }

    private static List<String> split(String paths) {
        return paths.isEmpty() ? List.of() : List.of(paths.split(File.pathSeparator));
    }
}
