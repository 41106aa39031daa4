package conclab.grader.it;

import static conclab.grader.it.GraderProcess.describe;
import static conclab.grader.it.GraderProcess.notPassed;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import conclab.grader.report.ExerciseResult;
import conclab.grader.report.Report;
import conclab.grader.report.TestResult;
import conclab.harness.Timing;
import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each wrong-implementation fixture in {@code src/it/fixtures} is the reference with one class
 * replaced by a plausible mistake. Graded on the exercises it touches, it must lose exactly the
 * points of the tests its {@code expected-failures.txt} lists, and keep every other point; one
 * fixture is also graded on the whole suite, to show that the other exercises keep theirs.
 */
class GradeFixturesIT {

    static List<String> fixtures() throws IOException {
        // -Dconclab.fixture=udp-* grades only the fixtures whose names match, while one is written
        PathMatcher only = FileSystems.getDefault().getPathMatcher("glob:" + System.getProperty("conclab.fixture", "*"));
        try (Stream<Path> list = Files.list(GraderProcess.FIXTURES)) {
            List<String> names = list.filter(Files::isDirectory).filter(p -> only.matches(p.getFileName()))
                    .map(p -> p.getFileName().toString()).sorted().toList();
            assertFalse(names.isEmpty(), "no fixtures in " + GraderProcess.FIXTURES);
            return names;
        }
    }

    /** The exercises a fixture's classes belong to: the packages under its src/main/java/conclab. */
    private static String exercisesOf(Path fixture) throws IOException {
        try (Stream<Path> list = Files.list(fixture.resolve("src/main/java/conclab"))) {
            return list.map(p -> p.getFileName().toString()).sorted().collect(Collectors.joining(","));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void fixtureLosesExactlyItsTests(String name, @TempDir Path dir) throws IOException {
        Path fixture = GraderProcess.FIXTURES.resolve(name);
        gradeAndCheck(fixture, dir, "--exercises", exercisesOf(fixture));
    }

    @Test
    void aFixtureGradedOnTheWholeSuiteCostsNoOtherExercise(@TempDir Path dir) throws IOException {
        gradeAndCheck(GraderProcess.FIXTURES.resolve("udp-serial-server"), dir);
    }

    private static void gradeAndCheck(Path fixture, Path dir, String... options) throws IOException {
        String name = fixture.getFileName().toString();
        Set<String> expected = Files.readAllLines(fixture.resolve("expected-failures.txt")).stream()
                .map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#"))
                .collect(Collectors.toCollection(TreeSet::new));
        assertFalse(expected.isEmpty(), name + " lists no expected failures");
        Path submission = GraderProcess.copyOfReference(dir);
        GraderProcess.copyTree(fixture.resolve("src/main/java"), submission.resolve("src/main/java"));

        GraderProcess.Result result = GraderProcess.grade(submission, dir, options);
        Report report = result.report();

        assertEquals(0, result.exitCode(), result.stderr());
        assertEquals(expected, notPassed(report), () -> name + ":" + describe(report));
        int lost = GraderProcess.tests(report).stream().filter(t -> expected.contains(t.id()))
                .mapToInt(TestResult::points).sum();
        assertEquals(report.maxScore() - lost, report.score(), "only the listed tests lose points");
        for (ExerciseResult exercise : report.exercises()) {
            boolean touched = exercise.tests().stream().anyMatch(t -> expected.contains(t.id()));
            assertEquals(touched ? "failed" : "passed", exercise.status(), exercise.id());
        }
        assertTrue(GraderProcess.tests(report).stream().filter(t -> expected.contains(t.id()))
                        .allMatch(t -> t.message() != null && !t.message().isBlank()),
                "every lost test says why");
        // a timing test never passes a wrong implementation by luck: it failed on something
        // other than a bound (one attempt), or went past its bound on every attempt
        for (TestResult lostTest : GraderProcess.tests(report)) {
            if (expected.contains(lostTest.id())) {
                boolean retried = lostTest.measurements().containsKey("attempt 1");
                assertEquals(retried ? Timing.DEFAULT_ATTEMPTS : 1, lostTest.attempts(),
                        () -> name + ": " + lostTest.id() + " " + lostTest.measurements());
            }
        }
    }
}
