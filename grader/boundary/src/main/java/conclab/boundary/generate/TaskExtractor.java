package conclab.boundary.generate;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Picks out, at build time, the classes of the public tests that run beside the submission:
 * those marked {@code @conclab.harness.RunsWithSubmission}, with the classes nested in them. They
 * are the only test classes that enter the sandbox, so the build fails if a hidden test class is
 * marked, or if a marked class needs a test class that is not (it would be missing there).
 *
 * <p>{@code TaskExtractor PUBLIC_TEST_CLASSES HIDDEN_TEST_CLASSES OUT_CLASSES}
 */
public final class TaskExtractor {

    static final String MARK = "conclab.harness.RunsWithSubmission";

    private TaskExtractor() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 3) {
            throw new IllegalArgumentException("usage: TaskExtractor PUBLIC_TEST_CLASSES HIDDEN_TEST_CLASSES OUT_CLASSES");
        }
        extract(Path.of(args[0]), Path.of(args[1]), Path.of(args[2]));
    }

    static List<String> extract(Path publicTests, Path hiddenTests, Path out) throws IOException {
        List<String> marked = new ArrayList<>();
        for (String name : StandInGenerator.classNames(hiddenTests)) {
            if (facts(hiddenTests, name).annotations().contains(MARK)) {
                marked.add(name);
            }
        }
        if (!marked.isEmpty()) {
            throw new IllegalStateException("hidden test classes are marked @RunsWithSubmission, but nothing of the"
                    + " hidden tests may enter the sandbox: " + marked);
        }
        Map<String, ClassFiles.Facts> publicClasses = new TreeMap<>();
        for (String name : StandInGenerator.classNames(publicTests)) {
            publicClasses.put(name, facts(publicTests, name));
        }
        Set<String> roots = new TreeSet<>();
        publicClasses.forEach((name, facts) -> {
            if (facts.annotations().contains(MARK)) {
                roots.add(name);
            }
        });
        Set<String> chosen = new TreeSet<>();
        for (String name : publicClasses.keySet()) {
            String outer = name.contains("$") ? name.substring(0, name.indexOf('$')) : name;
            if (roots.contains(outer) || roots.contains(name)) {
                chosen.add(name);
            }
        }
        List<String> missing = new ArrayList<>();
        for (String name : chosen) {
            for (String referenced : publicClasses.get(name).referencedClasses()) {
                if (publicClasses.containsKey(referenced) && !chosen.contains(referenced)) {
                    missing.add(name + " needs " + referenced);
                }
            }
        }
        if (!missing.isEmpty()) {
            throw new IllegalStateException("classes marked @RunsWithSubmission need test classes that are not"
                    + " marked, which would be missing beside the submission: " + missing);
        }
        for (String name : chosen) {
            String file = name.replace('.', '/') + ".class";
            Path to = out.resolve(file);
            Files.createDirectories(to.getParent());
            Files.copy(publicTests.resolve(file), to, StandardCopyOption.REPLACE_EXISTING);
        }
        Files.createDirectories(out);
        return List.copyOf(chosen);
    }

    private static ClassFiles.Facts facts(Path root, String name) throws IOException {
        return ClassFiles.read(Files.readAllBytes(root.resolve(name.replace('.', '/') + ".class")));
    }
}
