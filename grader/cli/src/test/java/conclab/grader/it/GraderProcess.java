package conclab.grader.it;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import conclab.grader.report.ExerciseResult;
import conclab.grader.report.Report;
import conclab.grader.report.ReportWriter;
import conclab.grader.report.TestResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** Runs the built grader jar as a separate process, as CI and instructors do. */
final class GraderProcess {

    static final Path JAR = Path.of(System.getProperty("conclab.grader.jar", "target/conclab-grader.jar"));
    static final Path ROOT = Path.of(System.getProperty("conclab.root", "../..")).toAbsolutePath().normalize();
    static final Path FIXTURES = Path.of(System.getProperty("conclab.fixtures", "src/it/fixtures"));

    private GraderProcess() {
    }

    /** What one run of the grader gave. */
    record Result(int exitCode, String stdout, String stderr, Path reportFile) {

        Report report() {
            assertTrue(Files.exists(reportFile), () -> "no report was written; stderr: " + stderr);
            try {
                return ReportWriter.read(reportFile);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** Runs {@code java -jar conclab-grader.jar ARGS} and waits for it, at most 5 minutes. */
    static Result run(Path reportFile, String... args) {
        return run(List.of(), Map.of(), reportFile, args);
    }

    /** As {@link #run(Path, String...)}, with options for the grader's own JVM. */
    static Result run(List<String> jvmOptions, Path reportFile, String... args) {
        return run(jvmOptions, Map.of(), reportFile, args);
    }

    /** As {@link #run(Path, String...)}, with variables added to the grader's environment. */
    static Result run(Map<String, String> environment, Path reportFile, String... args) {
        return run(List.of(), environment, reportFile, args);
    }

    private static Result run(List<String> jvmOptions, Map<String, String> environment, Path reportFile,
                              String... args) {
        return run(JAR, jvmOptions, environment, reportFile, args);
    }

    /** As {@link #run(Path, String...)}, with the grader's jar at {@code jar}. */
    static Result run(Path jar, List<String> jvmOptions, Map<String, String> environment, Path reportFile,
                      String... args) {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(jvmOptions);
        command.addAll(List.of("-jar", jar.toString()));
        command.addAll(List.of(args));
        try {
            Path out = Files.createTempFile("grader-stdout", ".txt");
            Path err = Files.createTempFile("grader-stderr", ".txt");
            ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out.toFile())
                    .redirectError(err.toFile());
            builder.environment().putAll(environment);
            Process process = builder.start();
            if (!process.waitFor(5, TimeUnit.MINUTES)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                fail("the grader did not finish within 5 minutes: " + command);
            }
            Result result = new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8), reportFile);
            Files.delete(out);
            Files.delete(err);
            return result;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Grades {@code submission} into {@code report.json} in {@code dir}. */
    static Result grade(Path submission, Path dir, String... options) {
        return grade(List.of(), submission, dir, options);
    }

    /** As {@link #grade(Path, Path, String...)}, with options for the grader's own JVM. */
    static Result grade(List<String> jvmOptions, Path submission, Path dir, String... options) {
        Path report = dir.resolve("report.json");
        List<String> args = new ArrayList<>(List.of("grade", submission.toString(), "--out", report.toString()));
        args.addAll(List.of(options));
        return run(jvmOptions, report, args.toArray(String[]::new));
    }

    /** A copy of the stubs, as a submission folder with {@code src/main/java}: what earns nothing. */
    static Path copyOfStubs(Path dir) {
        Path submission = dir.resolve("submission");
        copyTree(ROOT.resolve("exercises/src/main/java"), submission.resolve("src/main/java"));
        return submission;
    }

    /** A copy of the reference solution's sources, as a submission folder with {@code src/main/java}. */
    static Path copyOfReference(Path dir) {
        Path submission = dir.resolve("submission");
        copyTree(ROOT.resolve("solutions/src/main/java"), submission.resolve("src/main/java"));
        return submission;
    }

    static void copyTree(Path from, Path to) {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path path : walk.toList()) {
                Path target = to.resolve(from.relativize(path).toString());
                if (Files.isDirectory(path)) {
                    Files.createDirectories(target);
                } else {
                    Files.createDirectories(target.getParent());
                    Files.copy(path, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void write(Path file, String content) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, content, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<TestResult> tests(Report report) {
        return report.exercises().stream().flatMap(e -> e.tests().stream()).toList();
    }

    static ExerciseResult exercise(Report report, String id) {
        return report.exercises().stream().filter(e -> e.id().equals(id)).findFirst()
                .orElseThrow(() -> new AssertionError("the report has no exercise " + id));
    }

    /** The ids of the tests that did not pass. */
    static Set<String> notPassed(Report report) {
        return tests(report).stream().filter(t -> !t.status().equals("passed"))
                .map(TestResult::id).collect(Collectors.toCollection(TreeSet::new));
    }

    /** A readable list of tests and statuses, for failure messages. */
    static String describe(Report report) {
        return tests(report).stream().map(t -> t.status() + " " + t.id()
                        + (t.message() == null ? "" : ": " + t.message().lines().findFirst().orElse("")))
                .collect(Collectors.joining("\n", "\n", "\n"));
    }

    static Map<String, ExerciseResult> byId(Report report) {
        return report.exercises().stream().collect(Collectors.toMap(ExerciseResult::id, e -> e));
    }
}
