package conclab.grader.suite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every exercise has its promise table ({@code solutions/src/test/java/conclab/ID/PROMISES.md}):
 * each promise of its specification with the tests that check it and the wrong-implementation
 * fixtures that break it. Checked here: every test it names exists, every fixture it names exists
 * and lists one of that promise's tests among the tests it must lose, and a promise without a
 * fixture says why.
 */
class PromiseTablesTest {

    private static final Path ROOT = Path.of(System.getProperty("conclab.root", "../..")).toAbsolutePath().normalize();
    private static final Path FIXTURES = ROOT.resolve("grader/cli/src/it/fixtures");
    private static final Pattern ROW = Pattern.compile("^\\|\\s*([a-z]+\\.[0-9a-z.]+)\\s*\\|(.*)\\|(.*)\\|(.*)\\|\\s*$");

    @TestFactory
    Stream<DynamicTest> everyExerciseHasATableThatHolds() throws IOException {
        List<String> exercises;
        try (Stream<Path> packages = Files.list(ROOT.resolve("exercises/src/main/java/conclab"))) {
            exercises = packages.filter(Files::isDirectory).map(p -> p.getFileName().toString()).sorted().toList();
        }
        assertFalse(exercises.isEmpty(), "no exercises under " + ROOT);
        return exercises.stream().map(id -> DynamicTest.dynamicTest(id, () -> check(id)));
    }

    private static void check(String id) throws IOException {
        Path table = ROOT.resolve("solutions/src/test/java/conclab").resolve(id).resolve("PROMISES.md");
        assertTrue(Files.isRegularFile(table), "no promise table " + table);
        List<String> problems = new ArrayList<>();
        int rows = 0;
        for (String line : Files.readAllLines(table, StandardCharsets.UTF_8)) {
            Matcher row = ROW.matcher(line);
            if (!row.matches()) {
                continue;
            }
            rows++;
            String promise = row.group(1);
            // a promise no test can see from outside says so in its fixtures cell: "— : why"
            List<String> tests = split(row.group(3)).stream().filter(t -> !t.equals("—") && !t.equals("-")).toList();
            for (String test : tests) {
                if (!testExists(id, test)) {
                    problems.add(promise + ": no test " + test);
                }
            }
            String fixtures = row.group(4).strip();
            if (fixtures.startsWith("—") || fixtures.startsWith("-")) {
                if (!fixtures.contains(":")) {
                    problems.add(promise + ": no fixture, and no reason why");
                }
                continue;
            }
            if (tests.isEmpty()) {
                problems.add(promise + ": no test, and no reason why");
            }
            for (String fixture : split(fixtures)) {
                Path expected = FIXTURES.resolve(fixture).resolve("expected-failures.txt");
                if (!Files.isRegularFile(expected)) {
                    problems.add(promise + ": no fixture " + fixture);
                    continue;
                }
                Set<String> lost = Files.readAllLines(expected).stream().map(String::strip)
                        .collect(Collectors.toCollection(TreeSet::new));
                if (tests.stream().noneMatch(t -> lost.contains("conclab." + id + "." + t))) {
                    problems.add(promise + ": fixture " + fixture + " loses none of the promise's tests " + tests);
                }
            }
        }
        assertTrue(rows > 0, table + " has no promise rows (| id.N | promise | tests | fixtures |)");
        assertEquals(List.of(), problems, table.toString());
    }

    private static List<String> split(String cell) {
        return Arrays.stream(cell.split(",")).map(String::strip).map(s -> s.replace("`", ""))
                .filter(s -> !s.isEmpty()).toList();
    }

    /** Whether {@code Class#method} is a method of a test class of the exercise, public or hidden. */
    private static boolean testExists(String id, String test) throws IOException {
        int hash = test.indexOf('#');
        if (hash < 0) {
            return false;
        }
        String className = test.substring(0, hash);
        String method = test.substring(hash + 1);
        for (String tree : List.of("exercises/src/test/java", "solutions/src/test/java")) {
            Path source = ROOT.resolve(tree).resolve("conclab").resolve(id).resolve(className + ".java");
            if (Files.isRegularFile(source)
                    && Pattern.compile("\\bvoid\\s+" + Pattern.quote(method) + "\\s*\\(").matcher(Files.readString(source)).find()) {
                return true;
            }
        }
        return false;
    }
}
