package conclab.grader.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Turns a class of a copied reference into a misbehaving one, by adding a static initialiser
 * that runs {@code code} the first time the class is loaded in a grading run. {@link #once} strikes
 * only in the run's first submission JVM (the system property
 * {@code conclab.executor.generation}, which the grader gives each), so that a test proves one
 * JVM's death costs one test and the resumed one finds the rest intact. A test that uses it grades
 * with {@code --test-jvms 1}: test JVMs that run side by side each start a submission's JVM of
 * their own, and only the first of the run would strike, whichever classes it happened to get.
 */
final class Sabotage {

    private Sabotage() {
    }

    /** As {@link #once}, but strikes every time the class is loaded, in every submission JVM. */
    static void always(Path submission, String className, String code) {
        inject(submission, className, "\n    static {\n        " + code + "\n    }\n");
    }

    static void once(Path submission, String className, String code) {
        inject(submission, className, "\n    static {\n"
                + "        if (Integer.getInteger(\"conclab.executor.generation\", 1) == 1) {\n"
                + "            " + code + "\n"
                + "        }\n"
                + "    }\n");
    }

    private static void inject(Path submission, String className, String sabotage) {
        Path file = submission.resolve("src/main/java").resolve(className.replace('.', '/') + ".java");
        try {
            String source = Files.readString(file, StandardCharsets.UTF_8);
            String simpleName = className.substring(className.lastIndexOf('.') + 1);
            int declaration = source.indexOf("class " + simpleName);
            int body = source.indexOf('{', declaration) + 1;
            Files.writeString(file, source.substring(0, body) + sabotage + source.substring(body),
                    StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
