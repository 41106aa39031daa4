package conclab.harness;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What the students' build compiled ({@link ExerciseCompiler}): the exercises whose code (or
 * whose tests) did not compile, each with the compiler's first message, and those that did.
 *
 * @param compiled the exercises whose code and tests compiled
 * @param broken   exercise to the compiler's first message, in the student's language
 */
public record CompileReport(Set<String> compiled, Map<String, String> broken) {

    /** Where the build leaves it, in its {@code target/conclab} folder. */
    public static final String FILE = "compile.properties";

    public CompileReport {
        compiled = Set.copyOf(compiled);
        broken = Map.copyOf(broken);
    }

    /** Nothing compiled, nothing broken: no report from the build (an IDE's run). */
    public static CompileReport none() {
        return new CompileReport(Set.of(), Map.of());
    }

    /** The report in {@code file}; {@link #none()} if there is none. */
    public static CompileReport read(Path file) {
        if (!Files.isRegularFile(file)) {
            return none();
        }
        Properties properties = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        Set<String> compiled = new TreeSet<>();
        Map<String, String> broken = new TreeMap<>();
        for (String key : properties.stringPropertyNames()) {
            if (key.startsWith("broken.")) {
                broken.put(key.substring("broken.".length()), properties.getProperty(key));
            } else if (key.startsWith("compiled.")) {
                compiled.add(key.substring("compiled.".length()));
            }
        }
        return new CompileReport(compiled, broken);
    }

    /** Writes the report into {@code file}. */
    public void write(Path file) throws IOException {
        Properties properties = new Properties();
        compiled.forEach(id -> properties.setProperty("compiled." + id, "true"));
        broken.forEach((id, message) -> properties.setProperty("broken." + id, message));
        Files.createDirectories(file.toAbsolutePath().getParent());
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            properties.store(out, "what the students' build compiled (conclab.harness.ExerciseCompiler)");
        }
    }
}
