package conclab.grader.submission;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import conclab.grader.io.FileTrees;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
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
 * Compiles a submission's own code with the JDK's compiler, in this JVM. A package that does not
 * compile costs only its exercise: its files are set aside and the rest compiled again, until
 * what remains compiles.
 */
public final class SubmissionCompiler {

    /**
     * Packages a submission may never supply: the grader's, the harness's, the lab helper's and
     * those of the libraries the tests trust. Their classes always come from the grader.
     */
    public static final List<String> TRUSTED_PACKAGES = List.of(
            "conclab.lab", "conclab.harness", "conclab.grader", "conclab.boundary", "conclab.executor",
            "org.junit", "org.opentest4j",
            "org.apiguardian", "org.awaitility", "org.hamcrest", "com.fasterxml.jackson", "picocli",
            "java", "javax", "jdk", "sun", "com.sun");

    /** The Java release the exercises are written for (the build's {@code maven.compiler.release}). */
    public static final int JAVA_RELEASE = 17;

    /**
     * {@code --release 17} on a newer JDK, so that a submission may use only Java 17's API, as in
     * the student's own build. A JDK 17 offers exactly that API by itself, and reading it from the
     * JDK's {@code ct.sym} instead would cost some 80 ms of CPU at the start of every grading.
     */
    private static final List<String> RELEASE = Runtime.version().feature() == JAVA_RELEASE
            ? List.of() : List.of("--release", String.valueOf(JAVA_RELEASE));

    private final List<Path> classpath;
    private final Set<String> testClassNames;

    /**
     * @param classpath      what the submission compiles against: the lab helper and Jackson
     * @param testClassNames the classes of the pristine test suite, which a submission never shadows
     */
    public SubmissionCompiler(List<Path> classpath, Set<String> testClassNames) {
        this.classpath = List.copyOf(classpath);
        this.testClassNames = Set.copyOf(testClassNames);
    }

    /** Compiles what may be compiled of the {@code sources} folder into {@code classes}. */
    public CompileOutcome compile(Path sources, Path classes) throws IOException {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        if (javac == null) {
            throw new IllegalStateException("this Java runtime has no compiler: run the grader"
                    + " with a JDK (17 or newer), not a JRE");
        }
        List<String> warnings = new ArrayList<>();
        List<SourceFile> files = eligibleFiles(sources, warnings);
        Map<String, List<CompilerMessage>> broken = new LinkedHashMap<>();
        boolean done = compiledInHalves(javac, files, classes);
        while (!done && !files.isEmpty()) {
            Attempt attempt = compileOnce(javac, files, classes);
            if (attempt.crash() != null) {
                files = withoutCrashingGroup(javac, files, classes, attempt.crash(), broken, warnings);
                continue;
            }
            if (attempt.errors().isEmpty()) {
                break;
            }
            Map<Path, SourceFile> byPath = files.stream()
                    .collect(Collectors.toMap(f -> f.path().toAbsolutePath().normalize(), f -> f));
            Map<SourceFile, String> strays = new LinkedHashMap<>();
            Map<String, List<CompilerMessage>> failing = new LinkedHashMap<>();
            for (Diagnostic<? extends JavaFileObject> error : attempt.errors()) {
                SourceFile file = sourceOf(error, byPath).orElse(null);
                if (file == null) {
                    throw new IllegalStateException("the compiler failed: " + error.getMessage(Locale.ENGLISH));
                }
                file.exercise().ifPresentOrElse(
                        exercise -> failing.computeIfAbsent(exercise, k -> new ArrayList<>()).add(message(file, error)),
                        () -> strays.putIfAbsent(file, error.getMessage(Locale.ENGLISH)));
            }
            if (!strays.isEmpty()) {
                // files outside the exercises go first: their errors may be what breaks the rest
                strays.forEach((file, why) -> warnings.add(file.relativePath()
                        + " was left out: it does not compile (" + why + ")"));
                files = files.stream().filter(f -> !strays.containsKey(f)).toList();
                continue;
            }
            broken.putAll(failing);
            files = files.stream()
                    .filter(f -> f.exercise().map(e -> !failing.containsKey(e)).orElse(true))
                    .toList();
        }
        removeShadowingClasses(classes, warnings);
        Set<String> compiled = files.stream().map(SourceFile::exercise).flatMap(Optional::stream)
                .collect(Collectors.toCollection(TreeSet::new));
        return new CompileOutcome(compiled, broken, warnings);
    }

    /**
     * Deletes compiled classes that would shadow a trusted or a test class: a source file can
     * declare more than its public type, so the file names alone do not tell.
     */
    private void removeShadowingClasses(Path classes, List<String> warnings) throws IOException {
        List<Path> classFiles;
        try (Stream<Path> walk = Files.walk(classes)) {
            classFiles = walk.filter(p -> p.toString().endsWith(".class")).sorted().toList();
        }
        for (Path classFile : classFiles) {
            String relative = classes.relativize(classFile).toString().replace('\\', '/');
            String name = relative.substring(0, relative.length() - ".class".length()).replace('/', '.');
            String pkg = name.contains(".") ? name.substring(0, name.lastIndexOf('.')) : "";
            if (isTrusted(pkg) || testClassNames.contains(name)) {
                Files.delete(classFile);
                warnings.add("class " + name + " was left out: it would shadow a class of the grader"
                        + " or of the pristine tests");
            }
        }
    }

    private List<SourceFile> eligibleFiles(Path sources, List<String> warnings) throws IOException {
        List<SourceFile> eligible = new ArrayList<>();
        List<Path> paths;
        try (Stream<Path> walk = Files.walk(sources)) {
            paths = walk.filter(p -> p.toString().endsWith(".java")).sorted().toList();
        }
        for (Path path : paths) {
            String relative = sources.relativize(path).toString().replace('\\', '/');
            if (!Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS)) {
                warnings.add(relative + " was left out: only plain files are compiled, not links");
                continue;
            }
            if (path.getFileName().toString().equals("module-info.java")) {
                warnings.add(relative + " was left out: the exercises are not a Java module");
                continue;
            }
            SourceFile file = SourceFile.read(sources, path);
            if (isTrusted(file.packageName())) {
                warnings.add(file.relativePath() + " was left out: package " + file.packageName()
                        + " is the grader's own; its classes always come from the grader");
            } else if (testClassNames.contains(file.qualifiedName())) {
                warnings.add(file.relativePath() + " was left out: " + file.qualifiedName()
                        + " is the name of a test class, and the pristine tests always run");
            } else {
                eligible.add(file);
            }
        }
        return eligible;
    }

    /** Whether {@code packageName} is, or is inside, a trusted package. */
    public static boolean isTrusted(String packageName) {
        return TRUSTED_PACKAGES.stream().anyMatch(t -> packageName.equals(t)
                || packageName.startsWith(t + "."));
    }

    /**
     * The common case, sooner: a submission whose files all belong to exercises, which never
     * refer to each other, compiles as two halves side by side, one per core. Any error, any
     * crash, or a file outside the exercises sends it the careful way, one call at a time.
     *
     * @return whether everything compiled
     */
    private boolean compiledInHalves(JavaCompiler javac, List<SourceFile> files, Path classes)
            throws IOException {
        Map<String, List<SourceFile>> byExercise = new java.util.TreeMap<>();
        for (SourceFile file : files) {
            if (file.exercise().isEmpty()) {
                return false;
            }
            byExercise.computeIfAbsent(file.exercise().get(), k -> new ArrayList<>()).add(file);
        }
        if (byExercise.size() < 2 || Runtime.getRuntime().availableProcessors() < 2) {
            return false;
        }
        List<SourceFile> first = new ArrayList<>();
        List<SourceFile> second = new ArrayList<>();
        byExercise.values().stream()
                .sorted(java.util.Comparator.comparingInt((List<SourceFile> group) -> group.size()).reversed())
                .forEach(group -> (first.size() <= second.size() ? first : second).addAll(group));
        FileTrees.empty(classes);
        java.util.concurrent.CompletableFuture<Attempt> other = java.util.concurrent.CompletableFuture
                .supplyAsync(() -> {
                    try {
                        return call(javac, second, classes);
                    } catch (IOException e) {
                        return new Attempt(List.of(), e);
                    }
                });
        Attempt mine = call(javac, first, classes);
        Attempt theirs = other.join();
        return mine.crash() == null && mine.errors().isEmpty()
                && theirs.crash() == null && theirs.errors().isEmpty();
    }

    /** What one call of the compiler gave: its errors, or the exception it crashed with. */
    private record Attempt(List<Diagnostic<? extends JavaFileObject>> errors, Throwable crash) {
    }

    private Attempt compileOnce(JavaCompiler javac, List<SourceFile> files, Path classes) throws IOException {
        FileTrees.empty(classes);
        return call(javac, files, classes);
    }

    private Attempt call(JavaCompiler javac, List<SourceFile> files, Path classes) throws IOException {
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        try (StandardJavaFileManager manager = javac.getStandardFileManager(
                diagnostics, Locale.ENGLISH, StandardCharsets.UTF_8)) {
            List<String> options = new ArrayList<>(List.of("-d", classes.toString(),
                    "-classpath", classpath.stream().map(Path::toString)
                            .collect(Collectors.joining(java.io.File.pathSeparator)),
                    "-sourcepath", "", "-encoding", "UTF-8",
                    "-proc:none", "-implicit:none", "-nowarn", "-Xlint:none", "-Xmaxerrs", "200"));
            options.addAll(RELEASE);
            Iterable<? extends JavaFileObject> units = manager.getJavaFileObjectsFromPaths(
                    files.stream().map(SourceFile::path).toList());
            StringWriter log = new StringWriter();
            boolean ok;
            try {
                ok = javac.getTask(log, manager, diagnostics, options, null, units).call();
            } catch (RuntimeException | StackOverflowError | AssertionError e) {
                return new Attempt(List.of(), e);
            }
            List<Diagnostic<? extends JavaFileObject>> errors = diagnostics.getDiagnostics().stream()
                    .filter(d -> d.getKind() == Diagnostic.Kind.ERROR)
                    .toList();
            if (!ok && errors.isEmpty()) {
                return new Attempt(List.of(), new IllegalStateException(log.toString().strip()));
            }
            return new Attempt(errors, null);
        }
    }

    /**
     * The compiler crashed (a stack overflow on deeply nested code, a compiler bug): compiles
     * each exercise, and each file outside the exercises, alone to find the culprit, and leaves
     * it out. If none crashes alone, everything is left out.
     */
    private List<SourceFile> withoutCrashingGroup(JavaCompiler javac, List<SourceFile> files, Path classes,
                                                  Throwable crash, Map<String, List<CompilerMessage>> broken,
                                                  List<String> warnings) throws IOException {
        Map<String, List<SourceFile>> groups = new LinkedHashMap<>();
        for (SourceFile file : files) {
            groups.computeIfAbsent(file.exercise().orElse("file " + file.relativePath()),
                    k -> new ArrayList<>()).add(file);
        }
        for (var group : groups.entrySet()) {
            Attempt alone = compileOnce(javac, group.getValue(), classes);
            if (alone.crash() != null) {
                String why = "the compiler crashed on this code (" + alone.crash() + ")";
                SourceFile first = group.getValue().get(0);
                if (first.exercise().isPresent()) {
                    broken.put(group.getKey(), List.of(new CompilerMessage(first.relativePath(), 0, 0, "error", why)));
                } else {
                    warnings.add(first.relativePath() + " was left out: " + why);
                }
                return files.stream().filter(f -> !group.getValue().contains(f)).toList();
            }
        }
        for (var group : groups.entrySet()) {
            SourceFile first = group.getValue().get(0);
            String why = "the compiler crashed on the submission as a whole (" + crash + ")";
            if (first.exercise().isPresent()) {
                broken.put(group.getKey(), List.of(new CompilerMessage(first.relativePath(), 0, 0, "error", why)));
            } else {
                warnings.add(first.relativePath() + " was left out: " + why);
            }
        }
        return List.of();
    }

    private static Optional<SourceFile> sourceOf(Diagnostic<? extends JavaFileObject> diagnostic,
                                                 Map<Path, SourceFile> byPath) {
        if (diagnostic.getSource() == null) {
            return Optional.empty();
        }
        try {
            Path path = Path.of(diagnostic.getSource().toUri()).toAbsolutePath().normalize();
            return Optional.ofNullable(byPath.get(path));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static CompilerMessage message(SourceFile file, Diagnostic<? extends JavaFileObject> d) {
        return new CompilerMessage(file.relativePath(), Math.max(0, d.getLineNumber()),
                Math.max(0, d.getColumnNumber()), d.getKind() == Diagnostic.Kind.ERROR ? "error" : "warning",
                d.getMessage(Locale.ENGLISH));
    }

}
