package conclab.harness;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * What a test run ended with, as {@link ScoreTableListener} hands it from the test JVM to the
 * build's {@link ScoreTablePrinter}: each test method's outcome, and the hidden tests' points.
 *
 * @param tests     in the order they ended
 * @param hidden    points the hidden tests hold per exercise (empty when they ran too)
 * @param hiddenRan whether the hidden tests ran in this run (the solutions build)
 */
public record RunResults(List<TestOutcome> tests, Map<String, Integer> hidden, boolean hiddenRan) {

    public RunResults {
        tests = List.copyOf(tests);
        hidden = Map.copyOf(hidden);
    }

    /** Writes the results into {@code file}, atomically. */
    public void write(Path file) throws IOException {
        Properties properties = new Properties();
        for (int i = 0; i < tests.size(); i++) {
            TestOutcome test = tests.get(i);
            String at = "test." + i + ".";
            properties.setProperty(at + "exercise", test.exercise());
            properties.setProperty(at + "class", test.testClass());
            properties.setProperty(at + "name", test.name());
            properties.setProperty(at + "points", String.valueOf(test.points()));
            properties.setProperty(at + "status", test.status().name());
            properties.setProperty(at + "message", test.message());
            properties.setProperty(at + "hint", test.hint());
            properties.setProperty(at + "todo", test.todo());
        }
        properties.setProperty("tests", String.valueOf(tests.size()));
        hidden.forEach((id, points) -> properties.setProperty("hidden." + id, String.valueOf(points)));
        properties.setProperty("hiddenRan", String.valueOf(hiddenRan));
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path temp = Files.createTempFile(dir, file.getFileName().toString(), ".tmp");
        try (Writer out = Files.newBufferedWriter(temp, StandardCharsets.UTF_8)) {
            properties.store(out, "the last test run's results (conclab.harness.ScoreTableListener)");
        }
        Files.move(temp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    /** The results in {@code file}. */
    public static RunResults read(Path file) throws IOException {
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(in);
        }
        List<TestOutcome> tests = new ArrayList<>();
        int count = Integer.parseInt(p.getProperty("tests", "0"));
        for (int i = 0; i < count; i++) {
            String at = "test." + i + ".";
            tests.add(new TestOutcome(p.getProperty(at + "exercise"), p.getProperty(at + "class"),
                    p.getProperty(at + "name"),
                    Integer.parseInt(p.getProperty(at + "points")),
                    TestOutcome.Status.valueOf(p.getProperty(at + "status")), p.getProperty(at + "message"),
                    p.getProperty(at + "hint"), p.getProperty(at + "todo")));
        }
        Map<String, Integer> hidden = new TreeMap<>();
        for (String key : p.stringPropertyNames()) {
            if (key.startsWith("hidden.")) {
                hidden.put(key.substring("hidden.".length()), Integer.parseInt(p.getProperty(key)));
            }
        }
        return new RunResults(tests, hidden, Boolean.parseBoolean(p.getProperty("hiddenRan")));
    }
}
