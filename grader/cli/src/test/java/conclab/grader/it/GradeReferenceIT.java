package conclab.grader.it;

import static conclab.grader.it.GraderProcess.describe;
import static conclab.grader.it.GraderProcess.tests;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import conclab.grader.report.Report;
import conclab.grader.report.TestResult;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The reference solution earns every point, public and hidden. */
class GradeReferenceIT {

    @Test
    void referenceEarnsFullMarks(@TempDir Path dir) {
        GraderProcess.Result result = GraderProcess.grade(GraderProcess.ROOT.resolve("solutions"), dir,
                "--fail-below", "100%");
        Report report = result.report();

        assertEquals(0, result.exitCode(), () -> result.stderr() + describe(report));
        assertEquals("graded", report.status());
        assertTrue(report.maxScore() > 0, "the suite holds points");
        assertEquals(report.maxScore(), report.score(), () -> describe(report));
        assertTrue(tests(report).stream().allMatch(t -> t.status().equals("passed") && t.earned() == t.points()),
                () -> describe(report));
        assertTrue(tests(report).stream().anyMatch(t -> t.visibility().equals("visible")), "public tests ran");
        assertTrue(tests(report).stream().anyMatch(t -> t.visibility().equals("hidden")), "hidden tests ran");
        assertTrue(tests(report).stream().map(TestResult::hint).allMatch(h -> h == null),
                "a passed test shows no hint");
        assertTrue(report.warnings().isEmpty(), () -> "warnings: " + report.warnings());
        assertTrue(report.events().isEmpty(), () -> "events: " + report.events());
        assertEquals(Report.SCHEMA_VERSION, report.schemaVersion());
        assertNotNull(report.graded().suiteHash());
        assertNotNull(report.graded().submissionHash());
        assertTrue(report.graded().jdk().contains(Runtime.version().feature() + ""), report.graded().jdk());
        assertTrue(result.stdout().contains("total"), result.stdout());
        assertFalse(result.stdout().contains("hidden tests did not pass"), result.stdout());
    }

    @Test
    void gradesAStudentRepositoryLayoutAndASubset(@TempDir Path dir) {
        Path repo = dir.resolve("repo");
        GraderProcess.copyTree(GraderProcess.ROOT.resolve("solutions/src/main/java"),
                repo.resolve("exercises/src/main/java"));
        GraderProcess.Result result = GraderProcess.grade(repo, dir, "--exercises", "udp");
        Report report = result.report();

        assertEquals(0, result.exitCode(), result.stderr());
        assertEquals(java.util.List.of("udp"), report.exercises().stream().map(e -> e.id()).toList());
        assertEquals(report.maxScore(), report.score(), () -> describe(report));
        assertEquals(java.util.List.of("udp"), report.graded().limits().exercises());
    }

    @Test
    void aCourseFileChoosesTheExercisesAndWeighsThem(@TempDir Path dir) throws java.io.IOException {
        Path course = java.nio.file.Files.writeString(dir.resolve("course.json"), """
                {"course": "Concurrency 2026", "assignment": "week 1",
                 "exercises": {"states": 0, "udp": 2}}""");
        GraderProcess.Result result = GraderProcess.grade(GraderProcess.ROOT.resolve("solutions"), dir,
                "--course", course.toString());
        Report report = result.report();

        assertEquals(0, result.exitCode(), result.stderr());
        assertEquals(java.util.List.of("states", "udp"), report.exercises().stream().map(e -> e.id()).toList());
        assertEquals(report.maxScore(), report.score(), () -> describe(report));
        int udp = report.exercises().get(1).maxScore();
        assertEquals(2.0 * udp, report.weightedScore(), "states weighs 0, udp twice");
        assertEquals(2.0 * udp, report.weightedMaxScore());
        assertEquals(new Report.CourseRef("Concurrency 2026", "week 1"), report.graded().course());
    }
}
