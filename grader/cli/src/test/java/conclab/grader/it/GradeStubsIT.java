package conclab.grader.it;

import static conclab.grader.it.GraderProcess.describe;
import static conclab.grader.it.GraderProcess.tests;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import conclab.grader.report.Report;
import conclab.grader.report.TestResult;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The stubs earn nothing: every public and hidden test fails against them, fast, with the stub's
 * TODO message and the test's hint, and none times out. This is where the stubs' expected
 * failures are proven, instead of as red noise in the maintainers' build.
 */
class GradeStubsIT {

    @Test
    void stubsFailEveryTestQuickly(@TempDir Path dir) {
        GraderProcess.Result result = GraderProcess.grade(GraderProcess.ROOT.resolve("exercises"), dir,
                "--fail-below", "1");
        Report report = result.report();

        assertEquals(3, result.exitCode(), "below --fail-below exits with 3: " + result.stderr());
        assertTrue(result.stderr().contains("below the threshold"), result.stderr());
        assertEquals("graded", report.status());
        assertEquals(0, report.score());
        assertTrue(report.maxScore() > 0);
        assertTrue(report.exercises().stream().allMatch(e -> e.status().equals("failed")), () -> describe(report));
        for (TestResult test : tests(report)) {
            assertTrue(test.status().equals("failed") || test.status().equals("error"),
                    () -> test.id() + " should fail against the stub, but is " + test.status());
            assertTrue(test.message() != null && test.message().contains("TODO"),
                    () -> test.id() + " should show the stub's TODO message: " + test.message());
            // Loose on purpose: a stub throws at once, so a test that waits seconds on it
            // is waiting on a socket or a latch it should not.
            assertTrue(test.durationMs() < 2000,
                    () -> test.id() + " took " + test.durationMs() + " ms against a stub");
        }
        assertTrue(tests(report).stream().anyMatch(t -> t.hint() != null), "failures carry hints");
        assertTrue(report.events().isEmpty(), () -> "no test JVM died or was killed: " + report.events());
    }
}
