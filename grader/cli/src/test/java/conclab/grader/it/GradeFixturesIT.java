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
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each wrong-implementation fixture in {@code src/it/fixtures} is the reference with one class
 * replaced by a plausible mistake. Graded on the exercise it touches, it must lose exactly the
 * points of the tests its {@code expected-failures.txt} lists, and keep every other point; one
 * fixture is also graded on the whole suite, to show that the other exercises keep theirs.
 *
 * <p>Exercises are independent, so the fixtures are graded in rounds: a round's submission holds
 * one fixture of each exercise that has one left (the reference for the rest of its classes) and
 * is graded on those exercises, each judged on its own. So a few dozen gradings cover a few
 * hundred fixtures, two at a time; {@code -Dconclab.fixture=GLOB} grades only the matching ones.
 */
class GradeFixturesIT {

    /** Gradings run at once: one per core of the machines CI runs on. */
    private static final int AT_ONCE = 2;

    static List<Path> fixtures() throws IOException {
        PathMatcher only = FileSystems.getDefault().getPathMatcher("glob:" + System.getProperty("conclab.fixture", "*"));
        try (Stream<Path> list = Files.list(GraderProcess.FIXTURES)) {
            List<Path> found = list.filter(Files::isDirectory).filter(p -> only.matches(p.getFileName()))
                    .sorted().toList();
            assertFalse(found.isEmpty(), "no fixtures in " + GraderProcess.FIXTURES);
            return found;
        }
    }

    /** The exercise a fixture's classes belong to: the one package under its src/main/java/conclab. */
    private static String exerciseOf(Path fixture) {
        try (Stream<Path> list = Files.list(fixture.resolve("src/main/java/conclab"))) {
            List<String> packages = list.map(p -> p.getFileName().toString()).sorted().toList();
            assertEquals(1, packages.size(), fixture + " must change one exercise, not " + packages);
            return packages.get(0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @TestFactory
    Stream<DynamicNode> everyFixtureLosesExactlyItsTests(@TempDir Path dir) throws IOException {
        Map<String, List<Path>> byExercise = new TreeMap<>();
        for (Path fixture : fixtures()) {
            byExercise.computeIfAbsent(exerciseOf(fixture), k -> new ArrayList<>()).add(fixture);
        }
        List<Map<String, Path>> rounds = new ArrayList<>();
        byExercise.forEach((exercise, fixtures) -> {
            for (int i = 0; i < fixtures.size(); i++) {
                if (rounds.size() == i) {
                    rounds.add(new LinkedHashMap<>());
                }
                rounds.get(i).put(exercise, fixtures.get(i));
            }
        });
        ExecutorService gradings = Executors.newFixedThreadPool(AT_ONCE);
        List<CompletableFuture<Report>> reports = new ArrayList<>();
        for (int i = 0; i < rounds.size(); i++) {
            Map<String, Path> round = rounds.get(i);
            Path roundDir = dir.resolve("round-" + i);
            reports.add(CompletableFuture.supplyAsync(() -> grade(round, roundDir), gradings));
        }
        gradings.shutdown();
        List<DynamicNode> nodes = new ArrayList<>();
        for (int i = 0; i < rounds.size(); i++) {
            CompletableFuture<Report> report = reports.get(i);
            nodes.add(DynamicContainer.dynamicContainer("round " + (i + 1), rounds.get(i).entrySet().stream()
                    .map(e -> DynamicTest.dynamicTest(e.getValue().getFileName().toString(),
                            () -> check(e.getValue(), e.getKey(), report.join())))));
        }
        return nodes.stream();
    }

    /** A round's submission: the reference with each of its fixtures' classes, graded on their exercises. */
    private static Report grade(Map<String, Path> round, Path dir) {
        Path submission = GraderProcess.copyOfReference(dir);
        round.values().forEach(fixture -> GraderProcess.copyTree(fixture.resolve("src/main/java"),
                submission.resolve("src/main/java")));
        GraderProcess.Result result = GraderProcess.grade(submission, dir, "--exercises",
                String.join(",", round.keySet()));
        assertEquals(0, result.exitCode(), result.stderr());
        return result.report();
    }

    @Test
    void aFixtureGradedOnTheWholeSuiteCostsNoOtherExercise(@TempDir Path dir) throws IOException {
        Path fixture = GraderProcess.FIXTURES.resolve("udp-serial-server");
        Path submission = GraderProcess.copyOfReference(dir);
        GraderProcess.copyTree(fixture.resolve("src/main/java"), submission.resolve("src/main/java"));
        GraderProcess.Result result = GraderProcess.grade(submission, dir);
        assertEquals(0, result.exitCode(), result.stderr());
        Report report = result.report();
        check(fixture, null, report);
        for (ExerciseResult exercise : report.exercises()) {
            if (!exercise.id().equals("udp")) {
                assertEquals(exercise.maxScore(), exercise.score(), () -> exercise.id() + ": " + describe(report));
            }
        }
    }

    /** The fixture lost exactly its tests in {@code exercise} (in every exercise when null). */
    private static void check(Path fixture, String exercise, Report report) throws IOException {
        String name = fixture.getFileName().toString();
        Set<String> expected = Files.readAllLines(fixture.resolve("expected-failures.txt")).stream()
                .map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#"))
                .collect(Collectors.toCollection(TreeSet::new));
        assertFalse(expected.isEmpty(), name + " lists no expected failures");
        List<TestResult> tests = report.exercises().stream()
                .filter(e -> exercise == null || e.id().equals(exercise))
                .flatMap(e -> e.tests().stream()).toList();
        Set<String> lost = notPassed(report).stream()
                .filter(id -> tests.stream().anyMatch(t -> t.id().equals(id)))
                .collect(Collectors.toCollection(TreeSet::new));
        assertEquals(expected, lost, () -> name + ":" + describe(report));
        for (ExerciseResult result : report.exercises()) {
            if (exercise == null || result.id().equals(exercise)) {
                boolean touched = result.tests().stream().anyMatch(t -> expected.contains(t.id()));
                assertEquals(touched ? "failed" : "passed", result.status(), name + ": " + result.id());
                int lostPoints = result.tests().stream().filter(t -> expected.contains(t.id()))
                        .mapToInt(TestResult::points).sum();
                assertEquals(result.maxScore() - lostPoints, result.score(), name + ": only the listed tests lose points");
            }
        }
        assertTrue(tests.stream().filter(t -> expected.contains(t.id()))
                        .allMatch(t -> t.message() != null && !t.message().isBlank()),
                name + ": every lost test says why");
        // a timing test never passes a wrong implementation by luck: it failed on something
        // other than a bound (one attempt), or went past its bound on every attempt
        for (TestResult lostTest : tests) {
            if (expected.contains(lostTest.id())) {
                boolean retried = lostTest.measurements().containsKey("attempt 1");
                assertEquals(retried ? Timing.DEFAULT_ATTEMPTS : 1, lostTest.attempts(),
                        () -> name + ": " + lostTest.id() + " " + lostTest.measurements());
            }
        }
    }
}
