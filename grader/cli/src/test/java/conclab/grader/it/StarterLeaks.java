package conclab.grader.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * What an exported starter repository must never hold, found by comparing every file (name and
 * content) with the project's real sources: a reference solution, a hidden test, the grader.
 */
final class StarterLeaks {

    private static final List<String> GRADER_MARKS = List.of("conclab.grader", "conclab/grader", "conclab-grader");

    private final Path root;
    /** Reference sources that differ from their stubs (given types that are equal do not count). */
    private final Map<String, byte[]> reference = new HashMap<>();
    private final Set<String> hiddenClasses = new TreeSet<>();

    StarterLeaks(Path root) {
        this.root = root;
        Path solutions = root.resolve("solutions/src/main/java");
        Path stubs = root.resolve("exercises/src/main/java");
        for (Path file : files(solutions)) {
            byte[] solution = read(file);
            Path stub = stubs.resolve(solutions.relativize(file).toString());
            if (!Files.exists(stub) || !Arrays.equals(read(stub), solution)) {
                reference.put(solutions.relativize(file).toString(), solution);
            }
        }
        for (Path file : files(root.resolve("solutions/src/test/java"))) {
            hiddenClasses.add(file.getFileName().toString().replaceFirst("\\.java$", ""));
        }
        if (reference.isEmpty() || hiddenClasses.isEmpty()) {
            throw new IllegalStateException("no reference sources or hidden tests found under " + root);
        }
    }

    /** Every leak in {@code exported}, one line each; empty when there is none. */
    List<String> find(Path exported) {
        List<String> problems = new ArrayList<>();
        for (Path file : files(exported)) {
            String name = exported.relativize(file).toString().replace('\\', '/');
            byte[] bytes = read(file);
            String text = new String(bytes, StandardCharsets.UTF_8);
            if (name.contains("solutions") || name.endsWith(".class") || name.endsWith(".jar")) {
                problems.add(name + ": not a file a student may get");
            }
            reference.forEach((path, solution) -> {
                if (Arrays.equals(bytes, solution)) {
                    problems.add(name + ": identical to the reference solution " + path);
                }
            });
            for (String hidden : hiddenClasses) {
                if (name.contains(hidden) || text.contains(hidden)) {
                    problems.add(name + ": names the hidden test class " + hidden);
                }
            }
            for (String mark : GRADER_MARKS) {
                if (name.contains(mark) || text.contains(mark)) {
                    problems.add(name + ": holds grader internals (" + mark + ")");
                }
            }
            if (name.startsWith("exercises/src/main/java/")) {
                Path stub = root.resolve(name);
                if (!Files.exists(stub) || !Arrays.equals(read(stub), bytes)) {
                    problems.add(name + ": not the stub of exercises/src/main/java");
                }
            }
        }
        return problems;
    }

    private static List<Path> files(Path dir) {
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(Files::isRegularFile).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
