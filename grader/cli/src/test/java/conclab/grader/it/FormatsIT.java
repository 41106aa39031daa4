package conclab.grader.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import conclab.grader.report.Report;
import conclab.grader.report.TestResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real jar writes a second report in another format beside the native one, as Gradescope's
 * {@code run_autograder} and a GitHub Classroom workflow call it.
 */
class FormatsIT {

    private static final Path FIXTURE = GraderProcess.FIXTURES.resolve("udp-serial-server");

    /** The reference with the fixture's class in place of the right one, as GradeFixturesIT grades it. */
    private static Path fixture(Path dir) {
        Path submission = GraderProcess.copyOfReference(dir);
        GraderProcess.copyTree(FIXTURE.resolve("src/main/java"), submission.resolve("src/main/java"));
        return submission;
    }

    private static Path course(Path dir) {
        Path course = dir.resolve("course.json");
        GraderProcess.write(course, "{\"course\": \"c\", \"exercises\": {\"udp\": 2}}");
        return course;
    }

    private static double sum(JsonNode tests, String field) {
        double sum = 0;
        for (JsonNode test : tests) {
            sum += test.get(field).asDouble();
        }
        return sum;
    }

    @Test
    void gradescopeResultsOfAWeightedFixture(@TempDir Path dir) throws IOException {
        Path results = dir.resolve("results/results.json");
        Files.createDirectories(results.getParent());
        GraderProcess.Result run = GraderProcess.grade(fixture(dir), dir, "--course", course(dir).toString(),
                "--format", "gradescope", "--format-out", results.toString());
        assertEquals(0, run.exitCode(), run.stderr());
        assertTrue(run.stdout().contains("Also: " + results + " (gradescope, instructor view)"), run.stdout());
        Report report = run.report();
        List<TestResult> graded = GraderProcess.tests(report);

        JsonNode root = new ObjectMapper().readTree(results.toFile());
        assertEquals(report.weightedScore(), root.get("score").asDouble());
        assertTrue(root.get("execution_time").isIntegralNumber());
        assertTrue(root.get("output").asText().contains("udp: failed"), root.get("output").asText());
        JsonNode tests = root.get("tests");
        assertEquals(graded.size(), tests.size());
        assertEquals(report.weightedScore(), sum(tests, "score"), 0.005);
        assertEquals(report.weightedMaxScore(), sum(tests, "max_score"), 0.005);
        assertEquals(2 * report.maxScore(), report.weightedMaxScore());

        Set<String> failed = new TreeSet<>();
        Set<String> hidden = new TreeSet<>();
        for (JsonNode test : tests) {
            assertTrue(Set.of("passed", "failed").contains(test.get("status").asText()));
            if (test.get("status").asText().equals("failed")) {
                failed.add(test.get("extra_data").get("id").asText());
            }
            if (test.get("visibility").asText().equals("hidden")) {
                hidden.add(test.get("extra_data").get("id").asText());
            }
        }
        assertEquals(new TreeSet<>(Files.readAllLines(FIXTURE.resolve("expected-failures.txt"))), failed,
                "the fixture's expected failures, and only those");
        // Gradescope hides these itself: the file names them, marked hidden
        assertTrue(hidden.contains("conclab.udp.UdpEchoServerHiddenTest#servesTenClientsInFiveInterleavedRounds"), hidden::toString);
    }

    @Test
    void githubClassroomResultShowsStudentsNoHiddenTest(@TempDir Path dir) throws IOException {
        GraderProcess.Result run = GraderProcess.grade(fixture(dir), dir, "--exercises", "udp", "--format", "github");
        assertEquals(0, run.exitCode(), run.stderr());
        Path result = dir.resolve("github-result.json");
        String text = Files.readString(result, StandardCharsets.UTF_8);
        assertFalse(text.contains("HiddenTest"), text);
        assertFalse(text.contains("servesTenClientsInFiveInterleavedRounds"), text);
        // the native report, for instructors and the batch tools, still has them
        assertTrue(Files.readString(dir.resolve("report.json")).contains("servesTenClientsInFiveInterleavedRounds"));
        JsonNode root = new ObjectMapper().readTree(text);
        assertEquals("fail", root.get("status").asText());
        assertEquals(run.report().weightedMaxScore(), root.get("max_score").asDouble());
        assertEquals(run.report().weightedScore(), sum(root.get("tests"), "score"), 0.005);
    }

    @Test
    void aSubmissionWithNothingToGradeStillGetsItsResultsFile(@TempDir Path dir) throws IOException {
        // without results.json, Gradescope shows the student an autograder failure
        Path empty = Files.createDirectories(dir.resolve("empty/src/main/java"));
        GraderProcess.Result run = GraderProcess.grade(empty.getParent().getParent().getParent(), dir,
                "--format", "gradescope");
        assertEquals(2, run.exitCode(), run.stderr());
        JsonNode root = new ObjectMapper().readTree(dir.resolve("results.json").toFile());
        assertEquals(0, root.get("score").asDouble());
        assertTrue(root.get("output").asText().contains("no Java sources"), root.get("output").asText());
    }

    @Test
    void badFormatOptionsAreRefusedBeforeGrading(@TempDir Path dir) {
        assertRefused(GraderProcess.grade(FIXTURE, dir, "--format", "xml"),
                "'xml' is not a report format: use one of json, gradescope, github, junit-xml");
        assertRefused(GraderProcess.grade(FIXTURE, dir, "--view", "student"), "give --format too");
        assertRefused(GraderProcess.grade(FIXTURE, dir, "--format", "json", "--view", "teacher"),
                "'teacher' is not a view: use instructor or student");
        assertRefused(GraderProcess.grade(FIXTURE, dir, "--format", "gradescope", "--format-out",
                dir.resolve("report.json").toString()), "is the file of --out");
        assertRefused(GraderProcess.grade(FIXTURE, dir, "--format", "junit-xml", "--format-out",
                dir.resolve("nowhere/TEST-conclab.xml").toString()), "cannot write the junit-xml report");
        assertFalse(Files.exists(dir.resolve("report.json")), "nothing was graded");
    }

    private static void assertRefused(GraderProcess.Result run, String phrase) {
        assertEquals(2, run.exitCode(), () -> run.stdout() + run.stderr());
        assertTrue(run.stderr().startsWith("conclab-grader: "), run.stderr());
        assertTrue(run.stderr().contains(phrase), () -> "'" + phrase + "' not in: " + run.stderr());
    }
}
