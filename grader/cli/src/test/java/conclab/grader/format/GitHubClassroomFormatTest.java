package conclab.grader.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import conclab.grader.report.ExerciseResult;
import conclab.grader.report.Report;
import conclab.grader.report.TestResult;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Checks the result against what GitHub Classroom's reporter (autograding-grading-reporter) reads
 * and what its own graders write: {@code version} 1, a {@code status} of pass, fail or error,
 * {@code max_score}, and tests with exactly the graders' eight fields, whose scores the reporter
 * adds up for Classroom.
 */
class GitHubClassroomFormatTest {

    private static final Set<String> TEST_FIELDS = Set.of("name", "status", "score", "message", "test_code",
            "filename", "line_no", "duration");

    private static JsonNode parse(Report report, View view) throws IOException {
        return new ObjectMapper().readTree(ReportFormat.GITHUB.render(report, view));
    }

    private static JsonNode assertFollowsTheReportersShape(JsonNode root) {
        assertEquals(Set.of("version", "status", "max_score", "tests"), names(root));
        assertTrue(root.get("version").isInt());
        assertEquals(1, root.get("version").asInt());
        assertTrue(Set.of("pass", "fail", "error").contains(root.get("status").asText()));
        assertTrue(root.get("max_score").isNumber());
        assertTrue(root.get("tests").isArray());
        for (JsonNode test : root.get("tests")) {
            assertEquals(TEST_FIELDS, names(test));
            assertTrue(test.get("name").isTextual() && !test.get("name").asText().isBlank());
            assertTrue(Set.of("pass", "fail", "error").contains(test.get("status").asText()));
            assertTrue(test.get("score").isNumber());
            assertTrue(test.get("message").isTextual());
            assertTrue(test.get("test_code").isTextual());
            assertTrue(test.get("filename").isTextual());
            assertTrue(test.get("line_no").isInt());
            assertTrue(test.get("duration").isIntegralNumber(), "duration in milliseconds");
        }
        return root.get("tests");
    }

    private static Set<String> names(JsonNode node) {
        Set<String> names = new java.util.HashSet<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static double scores(JsonNode tests) {
        double sum = 0;
        for (JsonNode test : tests) {
            sum += test.get("score").asDouble();
        }
        return sum;
    }

    @Test
    void theReporterAddsTheTestsScoresUpToTheWeightedTotal() throws IOException {
        for (View view : View.values()) {
            Report report = SampleReports.mixed();
            JsonNode root = parse(report, view);
            JsonNode tests = assertFollowsTheReportersShape(root);
            assertEquals("fail", root.get("status").asText());
            assertEquals(report.weightedMaxScore(), root.get("max_score").asDouble());
            assertEquals(report.weightedScore(), scores(tests), 0.005, view.name());
        }
    }

    @Test
    void statusesMapToPassFailAndError() throws IOException {
        JsonNode tests = parse(SampleReports.mixed(), View.INSTRUCTOR).get("tests");
        List<String> statuses = new ArrayList<>();
        tests.forEach(t -> statuses.add(t.get("status").asText()));
        // passed, failed, error, timeout, not_run, skipped, hidden failed, hidden passed, after_due_date failed,
        // tcp's compiler messages and its two tests that could not run: the reporter prints the message
        // of an error only, so every test that did not pass is one
        assertEquals(List.of("pass", "error", "error", "error", "error", "fail", "error", "pass", "error",
                        "error", "error", "error"), statuses);
        assertEquals("conclab.udp.UdpEchoServerTest#servesInterleavedClients", tests.get(1).get("test_code").asText());
        assertEquals(120, tests.get(1).get("duration").asInt());
        assertTrue(tests.get(1).get("message").asText().startsWith("expected 5 replies, got 2\nHint: "));
    }

    @Test
    void passesOnlyWhenEveryTestPassedAndErrsWhenNothingWasGraded() throws IOException {
        JsonNode passed = parse(SampleReports.allPassed(), View.STUDENT);
        assertFollowsTheReportersShape(passed);
        assertEquals("pass", passed.get("status").asText());
        assertEquals(3.0, passed.get("max_score").asDouble());
        assertEquals(3.0, scores(passed.get("tests")));
        JsonNode invalid = parse(SampleReports.invalid(), View.STUDENT);
        assertFollowsTheReportersShape(invalid);
        assertEquals("error", invalid.get("status").asText());
        // the reporter skips a runner whose max_score is 0: an invalid submission would get no grade at all
        assertEquals(1.0, invalid.get("max_score").asDouble());
        assertEquals(0.0, scores(invalid.get("tests")));
        assertTrue(invalid.get("tests").get(0).get("message").asText().contains("no Java sources"));
    }

    @Test
    void evenAHugeReportFitsOneEnvironmentVariableOnceEncoded() throws IOException {
        // Linux refuses an environment string above 128 KiB (MAX_ARG_STRLEN): the reporter would never start
        List<TestResult> tests = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            tests.add(SampleReports.test("conclab.udp.BigTest#test" + i, "visible", 1, "failed",
                    "失败 ".repeat(3_000), "hint ".repeat(200), "", Map.of()));
        }
        Report report = Report.graded(SampleReports.graded(),
                List.of(new ExerciseResult("udp", "failed", 0, 400, 1, List.of(), tests)), List.of(), List.of());
        byte[] bytes = ReportFormat.GITHUB.render(report, View.INSTRUCTOR);
        assertTrue(Base64.getEncoder().encode(bytes).length < 128 * 1024, () -> bytes.length + " bytes");
        JsonNode root = new ObjectMapper().readTree(bytes);
        assertEquals(400, assertFollowsTheReportersShape(root).size());
        assertEquals(400.0, root.get("max_score").asDouble());
        // a small report keeps its messages whole
        String whole = parse(SampleReports.mixed(), View.INSTRUCTOR).get("tests").get(3).get("message").asText();
        assertEquals("did not finish within 10 s; the test JVM was killed", whole);
    }

    @Test
    void theCompilersMessagesReachTheStudent() throws IOException {
        JsonNode tests = parse(SampleReports.mixed(), View.STUDENT).get("tests");
        JsonNode compilation = null;
        for (JsonNode test : tests) {
            if (test.get("name").asText().equals("tcp: compilation")) {
                compilation = test;
            }
        }
        assertTrue(compilation != null, tests::toString);
        assertEquals("error", compilation.get("status").asText());
        assertEquals(0.0, compilation.get("score").asDouble());
        assertTrue(compilation.get("message").asText().contains("conclab/tcp/TcpEchoServer.java:12:5: ERROR: ';' expected"),
                compilation::toString);
        JsonNode clean = parse(SampleReports.allPassed(), View.STUDENT).get("tests");
        clean.forEach(t -> assertFalse(t.get("name").asText().endsWith("compilation"), t::toString));
    }

    @Test
    void fullMarksPassEvenWhenAnExerciseOfWeightZeroFails() throws IOException {
        TestResult ok = SampleReports.test("conclab.udp.UdpTest#echoes", "visible", 2, "passed", null, null, "", Map.of());
        TestResult bad = SampleReports.test("conclab.states.StatesTest#moves", "visible", 2, "failed", "no", null, "", Map.of());
        Report feedbackFailed = Report.graded(SampleReports.graded(), List.of(
                new ExerciseResult("udp", "passed", 2, 2, 1, List.of(), List.of(ok)),
                new ExerciseResult("states", "failed", 0, 2, 0, List.of(), List.of(bad))), List.of(), List.of());
        JsonNode root = parse(feedbackFailed, View.STUDENT);
        assertEquals("pass", root.get("status").asText());
        assertEquals(2.0, root.get("max_score").asDouble());
        Report countedFailed = Report.graded(SampleReports.graded(), List.of(
                new ExerciseResult("udp", "passed", 2, 2, 1, List.of(), List.of(ok)),
                new ExerciseResult("states", "failed", 0, 2, 0.5, List.of(), List.of(bad))), List.of(), List.of());
        assertEquals("fail", parse(countedFailed, View.STUDENT).get("status").asText());
    }
}
