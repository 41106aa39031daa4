package conclab.grader.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Turns a class of a copied reference into a misbehaving one, by adding a static initialiser
 * that runs {@code code} the first time the class is loaded in a grading run. A marker file beside
 * the submission (each fork has a fresh working folder, and a killed fork's is removed) makes it
 * strike once only, so
 * that a test proves one fork's death costs one test and the resumed fork finds the rest intact.
 */
final class Sabotage {

    private Sabotage() {
    }

    /** As {@link #once}, but strikes every time the class is loaded, in every test JVM. */
    static void always(Path submission, String className, String code) {
        inject(submission, className, "\n    static {\n        " + code + "\n    }\n");
    }

    static void once(Path submission, String className, String code) {
        String simpleName = className.substring(className.lastIndexOf('.') + 1);
        inject(submission, className, "\n    static {\n"
                + "        java.nio.file.Path marker = java.nio.file.Path.of(\""
                + submission.toAbsolutePath().getParent().resolve("sabotaged-" + simpleName).toString()
                        .replace("\\", "\\\\") + "\");\n"
                + "        if (!java.nio.file.Files.exists(marker)) {\n"
                + "            try { java.nio.file.Files.createFile(marker); }"
                + " catch (java.io.IOException e) { throw new java.io.UncheckedIOException(e); }\n"
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
