package conclab.harness;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * Compiles the students' exercises one exercise apart from the others, as the grader does: an
 * exercise whose code (or whose tests, against that code) does not compile is set aside with the
 * compiler's first messages, and the rest compiles, runs and counts. Students always have
 * half-written code; a missing semicolon in tcp must not cost the udp tests their run.
 *
 * <p>The students' build runs it with {@code exec:java} in place of the compiler plugin:
 * {@code ExerciseCompiler main|test SOURCES CLASSES DIR}, where {@code DIR} is
 * {@code target/conclab}. {@code main} compiles against the JDK, the lab helper and Jackson only
 * (what the grader gives a submission); {@code test} compiles the tests of the exercises whose
 * code compiled against the whole test class path. Both leave {@link CompileReport#FILE} in
 * {@code DIR}; {@code main} also leaves the console's charset there for the test JVM
 * ({@link Messages#CONSOLE_PROPERTY}). Nothing is compiled again while no source and no class
 * path entry changed; what did not compile is then said again.
 */
public final class ExerciseCompiler {

    /** Errors shown per exercise on the console. */
    static final int ERRORS_SHOWN = 3;
    /** Packages that are never an exercise: their classes come from the given modules. */
    private static final Set<String> NOT_EXERCISES = Set.of("lab", "harness", "grader", "boundary", "executor");

    private final Locale locale;

    ExerciseCompiler(Locale locale) {
        this.locale = locale;
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 4 || !Set.of("main", "test").contains(args[0])) {
            throw new IllegalArgumentException("usage: ExerciseCompiler main|test SOURCES CLASSES DIR");
        }
        boolean tests = args[0].equals("test");
        Path sources = Path.of(args[1]);
        Path classes = Path.of(args[2]);
        Path dir = Path.of(args[3]);
        Files.createDirectories(dir);
        if (!tests) {
            Files.writeString(dir.resolve("console"), ConsoleText.charset().name(), StandardCharsets.UTF_8);
        }
        Locale locale = Messages.readableOn(ConsoleText.charset(), Messages.requested());
        CompileReport before = tests ? CompileReport.read(dir.resolve(CompileReport.FILE)) : null;
        List<Path> classpath = tests ? StudentClasspath.whole() : StudentClasspath.libraries();
        Path stamp = dir.resolve("compile-" + args[0] + ".stamp");
        Path said = dir.resolve("compile-" + args[0] + ".txt");
        String fingerprint = fingerprint(sources, classes, classpath, before, locale);
        if (Files.exists(stamp) && Files.readString(stamp).equals(fingerprint) && Files.exists(said)) {
            ConsoleText.print(Files.readString(said, StandardCharsets.UTF_8), Files.readString(said, StandardCharsets.UTF_8));
            return;
        }
        Files.deleteIfExists(stamp);
        Outcome outcome = new ExerciseCompiler(locale).compile(sources, classes, classpath,
                tests ? before.broken().keySet() : Set.of(), tests);
        CompileReport report;
        if (tests) {
            Map<String, String> broken = new TreeMap<>(before.broken());
            broken.putAll(outcome.broken());
            Set<String> compiled = new TreeSet<>(before.compiled());
            compiled.removeAll(broken.keySet());
            report = new CompileReport(compiled, broken);
        } else {
            report = new CompileReport(outcome.compiled(), outcome.broken());
        }
        report.write(dir.resolve(CompileReport.FILE));
        Files.writeString(said, outcome.said(), StandardCharsets.UTF_8);
        Files.writeString(stamp, fingerprint);
        ConsoleText.print(outcome.said(), outcome.said());
    }

    /**
     * What compiling did: the exercises whose files compiled, those that did not with the first
     * message, and what the console was told.
     */
    record Outcome(Set<String> compiled, Map<String, String> broken, String said) {
    }

    /**
     * Compiles what can be compiled of {@code sources} into {@code classes}, whose old classes
     * are removed first; the exercises in {@code skipped} are left out (their code did not
     * compile, so their tests cannot).
     */
    Outcome compile(Path sources, Path classes, List<Path> classpath, Set<String> skipped, boolean tests)
            throws IOException {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        if (javac == null) {
            throw new IllegalStateException(Messages.get(locale, "compile.noCompiler"));
        }
        deleteClasses(classes);
        Path root = sources.toAbsolutePath().normalize();
        StringBuilder said = new StringBuilder();
        Map<String, List<Path>> byExercise = new TreeMap<>();
        for (Path file : javaFiles(root)) {
            String exercise = exerciseOf(root.relativize(file));
            if (exercise == null) {
                said.append(Messages.get(locale, "compile.leftOut", shown(file))).append(System.lineSeparator());
            } else if (!skipped.contains(exercise)) {
                byExercise.computeIfAbsent(exercise, k -> new ArrayList<>()).add(file);
            }
        }
        Map<String, String> broken = new LinkedHashMap<>();
        Files.createDirectories(classes);
        try (StandardJavaFileManager files = javac.getStandardFileManager(null, locale, StandardCharsets.UTF_8)) {
            while (!byExercise.isEmpty()) {
                List<Path> all = byExercise.values().stream().flatMap(List::stream).toList();
                DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
                List<String> options = new ArrayList<>(List.of("-d", classes.toString(), "-g", "-proc:none",
                        "-encoding", "UTF-8", "-implicit:none", "-classpath",
                        classpath.stream().map(Path::toString).collect(Collectors.joining(File.pathSeparator))));
                if (Runtime.version().feature() != 17) {
                    options.addAll(List.of("--release", "17"));
                }
                boolean ok = javac.getTask(null, files, diagnostics, options, null,
                        files.getJavaFileObjectsFromPaths(all)).call();
                if (ok) {
                    break;
                }
                Map<String, List<Diagnostic<? extends JavaFileObject>>> errors = new TreeMap<>();
                for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
                    if (d.getKind() == Diagnostic.Kind.ERROR) {
                        String exercise = d.getSource() == null ? null
                                : exerciseOf(root.relativize(Path.of(d.getSource().toUri()).toAbsolutePath().normalize()));
                        if (exercise == null || !byExercise.containsKey(exercise)) {
                            throw new IllegalStateException("the compiler failed: " + d.getMessage(Locale.ROOT));
                        }
                        errors.computeIfAbsent(exercise, k -> new ArrayList<>()).add(d);
                    }
                }
                if (errors.isEmpty()) {
                    throw new IllegalStateException("the compiler failed without saying why");
                }
                for (var entry : errors.entrySet()) {
                    byExercise.remove(entry.getKey());
                    broken.put(entry.getKey(), brief(entry.getValue().get(0)));
                    said.append(describe(entry.getKey(), entry.getValue(), tests));
                }
                // the others compile again without them; classes written so far are kept or replaced
                deleteClasses(classes);
            }
        }
        Set<String> compiled = new TreeSet<>(byExercise.keySet());
        return new Outcome(compiled, broken, said.toString());
    }

    /** The exercise a source file belongs to: {@code conclab/ID/...}; null for any other file. */
    static String exerciseOf(Path relative) {
        if (relative.getNameCount() < 3 || !relative.getName(0).toString().equals("conclab")) {
            return null;
        }
        String id = relative.getName(1).toString();
        return NOT_EXERCISES.contains(id) ? null : id;
    }

    /** {@code TcpEchoServer.java:42: ';' expected}: the first message as the table shows it. */
    private String brief(Diagnostic<? extends JavaFileObject> d) {
        String file = Path.of(d.getSource().getName()).getFileName().toString();
        return file + ":" + d.getLineNumber() + ": " + d.getMessage(locale).lines().findFirst().orElse("");
    }

    /** The first errors of an exercise, as javac prints them, with the line and a caret. */
    private String describe(String exercise, List<Diagnostic<? extends JavaFileObject>> errors, boolean tests) {
        String nl = System.lineSeparator();
        StringBuilder out = new StringBuilder(nl).append(Messages.get(locale,
                tests ? "compile.brokenTests" : "compile.broken", exercise)).append(nl);
        for (Diagnostic<? extends JavaFileObject> d : errors.subList(0, Math.min(ERRORS_SHOWN, errors.size()))) {
            Path file = Path.of(d.getSource().toUri());
            out.append("  ").append(shown(file)).append(':').append(d.getLineNumber()).append(": ")
                    .append(d.getMessage(locale).replace("\n", nl + "    ")).append(nl);
            String line = sourceLine(file, d.getLineNumber());
            if (line != null && d.getColumnNumber() > 0) {
                out.append("    ").append(line).append(nl).append("    ")
                        .append(" ".repeat((int) Math.min(d.getColumnNumber() - 1, line.length()))).append('^').append(nl);
            }
        }
        if (errors.size() > ERRORS_SHOWN) {
            out.append("  ").append(Messages.get(locale, "compile.more", errors.size() - ERRORS_SHOWN, exercise)).append(nl);
        }
        return out.toString();
    }

    private static String sourceLine(Path file, long number) {
        try (Stream<String> lines = Files.lines(file, StandardCharsets.UTF_8)) {
            return lines.skip(Math.max(0, number - 1)).findFirst().map(l -> l.replace('\t', ' ')).orElse(null);
        } catch (IOException | java.io.UncheckedIOException e) {
            return null;
        }
    }

    private static List<Path> javaFiles(Path sources) throws IOException {
        if (!Files.isDirectory(sources)) {
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(sources)) {
            return walk.filter(p -> p.toString().endsWith(".java") && Files.isRegularFile(p))
                    .map(p -> p.toAbsolutePath().normalize()).sorted().toList();
        }
    }

    private static void deleteClasses(Path classes) throws IOException {
        if (!Files.isDirectory(classes)) {
            return;
        }
        List<Path> old;
        try (Stream<Path> walk = Files.walk(classes)) {
            old = walk.filter(p -> p.toString().endsWith(".class")).toList();
        }
        for (Path file : old) {
            Files.delete(file);
        }
    }

    /** {@code path} relative to where Maven was started, as the student would open it. */
    private static Path shown(Path path) {
        Path here = Path.of("").toAbsolutePath();
        return path.startsWith(here) ? here.relativize(path) : path;
    }

    /**
     * What the last compilation depended on: every source file and class path entry (path, size,
     * time), what the code's compilation left broken, and the language of the messages.
     */
    private static String fingerprint(Path sources, Path classes, List<Path> classpath, CompileReport before,
                                      Locale locale) throws IOException {
        List<Path> entries = new ArrayList<>(javaFiles(sources));
        Path output = classes.toAbsolutePath().normalize();
        for (Path entry : classpath) {
            if (entry.toAbsolutePath().normalize().equals(output)) {
                continue; // what this step writes
            } else if (Files.isDirectory(entry)) {
                try (Stream<Path> walk = Files.walk(entry)) {
                    walk.filter(Files::isRegularFile).sorted().forEach(entries::add);
                }
            } else {
                entries.add(entry);
            }
        }
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (Path entry : entries) {
                String line = entry + "|" + (Files.exists(entry) ? Files.size(entry) + "|"
                        + Files.getLastModifiedTime(entry).toMillis() : "-") + "\n";
                digest.update(line.getBytes(StandardCharsets.UTF_8));
            }
            digest.update((before == null ? "" : before.broken().keySet().toString()).getBytes(StandardCharsets.UTF_8));
            digest.update(locale.toLanguageTag().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
