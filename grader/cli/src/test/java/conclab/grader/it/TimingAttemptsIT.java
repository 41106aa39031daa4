package conclab.grader.it;

import static conclab.grader.it.GraderProcess.describe;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import conclab.grader.report.Report;
import conclab.grader.report.TestResult;
import conclab.harness.Timing;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A timing test whose measured bound failed gets another attempt: a correct solution slowed
 * once (as a busy machine would) earns its points on the next attempt, while a wrong one fails
 * every attempt.
 */
class TimingAttemptsIT {

    private static final String TEST = "conclab.udp.UdpClientTest#timesOutWhenNoReplyComes";

    /**
     * The first call with the 300 ms timeout of {@link #TEST}, within a grading run, sleeps past
     * the test's bound (900 ms times a scale of at most 4) once its request is sent (so that the
     * test, giving up, finds the request at once); a marker file in the test JVM's working folder
     * makes it strike once.
     */
    private static final String SLOW_ONCE = "if (timeout.toMillis() == 300) {"
            + " java.nio.file.Path marker = java.nio.file.Path.of(\"slowed-once\");"
            + " if (!java.nio.file.Files.exists(marker)) {"
            + " try { java.nio.file.Files.createFile(marker); Thread.sleep(4_000); }"
            + " catch (Exception e) { throw new RuntimeException(e); } } }";

    private static TestResult test(Report report, String id) {
        return GraderProcess.tests(report).stream().filter(t -> t.id().equals(id)).findFirst()
                .orElseThrow(() -> new AssertionError("no test " + id + describe(report)));
    }

    @Test
    void aCorrectSolutionSlowOnceEarnsItsPointsOnTheSecondAttempt(@TempDir Path dir) throws IOException {
        Path submission = GraderProcess.copyOfReference(dir);
        Path client = submission.resolve("src/main/java/conclab/udp/UdpClient.java");
        String source = Files.readString(client, StandardCharsets.UTF_8);
        int send = source.indexOf("socket.send(");
        assertTrue(send > 0, "the reference's UdpClient no longer sends with socket.send(");
        int sent = source.indexOf('\n', send) + 1;
        Files.writeString(client, source.substring(0, sent) + SLOW_ONCE + "\n"
                + source.substring(sent), StandardCharsets.UTF_8);

        GraderProcess.Result result = GraderProcess.grade(submission, dir, "--exercises", "udp");
        Report report = result.report();

        assertEquals(0, result.exitCode(), result.stderr());
        TestResult slowOnce = test(report, TEST);
        assertEquals("passed", slowOnce.status(), () -> describe(report));
        assertEquals(slowOnce.points(), slowOnce.earned());
        assertEquals(2, slowOnce.attempts());
        String first = slowOnce.measurements().get("attempt 1");
        assertNotNull(first, slowOnce.measurements().toString());
        assertTrue(first.contains("still waiting after"), first);
        assertEquals(report.maxScore(), report.score(), () -> describe(report));
        assertTrue(GraderProcess.tests(report).stream().filter(t -> !t.id().equals(TEST))
                .allMatch(t -> t.attempts() == 1), () -> describe(report));
        assertEquals(Timing.DEFAULT_ATTEMPTS, report.graded().limits().timingAttempts());
    }

    @Test
    void aWrongSolutionFailsEveryAttempt(@TempDir Path dir) {
        Path submission = GraderProcess.copyOfReference(dir);
        GraderProcess.copyTree(GraderProcess.FIXTURES.resolve("udp-client-no-timeout/src/main/java"),
                submission.resolve("src/main/java"));

        GraderProcess.Result result = GraderProcess.grade(submission, dir, "--exercises", "udp",
                "--timing-attempts", "2");
        Report report = result.report();

        assertEquals(0, result.exitCode(), result.stderr());
        TestResult noTimeout = test(report, TEST);
        assertEquals("failed", noTimeout.status(), () -> describe(report));
        assertEquals(0, noTimeout.earned());
        assertEquals(2, noTimeout.attempts());
        assertTrue(noTimeout.measurements().containsKey("attempt 1"), noTimeout.measurements().toString());
        assertTrue(noTimeout.message().contains("still waiting after"), noTimeout.message());
        assertEquals(2, report.graded().limits().timingAttempts());
    }

    @Test
    void theReportRecordsTheCalibration(@TempDir Path dir) {
        GraderProcess.Result result = GraderProcess.grade(GraderProcess.copyOfReference(dir), dir,
                "--exercises", "udp", "--timing-scale", "1.5");
        var calibration = result.report().graded().calibration();

        assertNotNull(calibration);
        assertTrue(calibration.childJvmStartMs() > 0, calibration.toString());
        assertTrue(calibration.derivedScale() >= 1 && calibration.derivedScale() <= 4, calibration.toString());
        assertEquals(1.5, calibration.manualScale());
        assertEquals(Math.round(150 * calibration.derivedScale()) / 100.0, calibration.scale());
    }
}
