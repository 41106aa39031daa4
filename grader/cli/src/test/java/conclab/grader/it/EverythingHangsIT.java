package conclab.grader.it;

import static conclab.grader.it.GraderProcess.describe;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import conclab.grader.report.ExerciseResult;
import conclab.grader.report.Report;
import conclab.grader.report.TestResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A submission whose every method spins forever, over all exercises, is graded with the default
 * limits in bounded time: each test may run a few times what the reference needs, and an
 * exercise that passed nothing gives up its remaining tests after two hangs. (That the reference still gets full
 * marks under the same limits is GradeReferenceIT's; the time it takes is in the README.)
 */
class EverythingHangsIT {

    private static final Set<String> STATUSES = Set.of("passed", "failed", "error", "timeout", "not_run");

    @Test
    void aSubmissionThatHangsEverywhereIsGradedCompletelyWithEachExerciseGivingUpAfterTwoHangs(@TempDir Path dir) throws IOException {
        Path root = dir.resolve("submission");
        Path submission = root.resolve("src/main/java");
        GraderProcess.copyTree(GraderProcess.ROOT.resolve("exercises/src/main/java"), submission);
        int hung = 0;
        try (Stream<Path> files = Files.walk(submission)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                String source = Files.readString(file, StandardCharsets.UTF_8);
                // each stub's body ends in this throw: spin where it would have thrown
                String spinning = source.replaceAll(
                        "(?s)throw new UnsupportedOperationException\\(.*?\\);(\\s*\\n\\s*})", "while (true) { }$1");
                hung += (source.length() - source.replace("UnsupportedOperationException(", "").length())
                        / "UnsupportedOperationException(".length();
                Files.writeString(file, spinning, StandardCharsets.UTF_8);
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        assertTrue(hung > 50, "only " + hung + " stub methods found");

        // a bound on the run below the 5 minutes GraderProcess waits: on a machine so busy that
        // the load stretches every bound to the declared timeouts, the report must still be complete
        GraderProcess.Result result = GraderProcess.grade(root, dir, "--time-limit", "4m");
        Report report = result.report();

        assertEquals(0, result.exitCode(), result.stderr());
        assertEquals("graded", report.status(), report.message());
        List<TestResult> tests = GraderProcess.tests(report);
        assertTrue(tests.size() > 150, () -> describe(report));
        assertTrue(tests.stream().allMatch(t -> STATUSES.contains(t.status())), () -> describe(report));
        // an exercise gives up after two hangs; a test of it that another test JVM was running
        // beside them then still runs to its end
        int mostHangs = 1 + report.graded().limits().testJvms();
        for (ExerciseResult exercise : report.exercises()) {
            assertEquals("failed", exercise.status(), exercise.id() + " should compile and fail");
            long timeouts = exercise.tests().stream().filter(t -> t.status().equals("timeout")).count();
            assertTrue(timeouts <= mostHangs, exercise.id() + " had " + timeouts + " hangs");
        }
        assertTrue(tests.stream().anyMatch(t -> t.status().equals("not_run")
                && t.message().contains("hung")), () -> describe(report));
        // how long it takes is a figure for scripts/benchmark and the README, not a test's verdict
    }
}
