package conclab.grader.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import conclab.grader.report.Report;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Checks {@code results.json} against Gradescope's autograder specification
 * (gradescope-autograders.readthedocs.io/en/latest/specs): only its fields, with its types and
 * values, and the tests' points adding up to the weighted total.
 */
class GradescopeFormatTest {

    private static final Set<String> TOP_FIELDS = Set.of("score", "execution_time", "output", "output_format",
            "test_output_format", "test_name_format", "visibility", "stdout_visibility", "extra_data", "tests",
            "leaderboard");
    private static final Set<String> TEST_FIELDS = Set.of("score", "max_score", "status", "name", "name_format",
            "number", "output", "output_format", "tags", "visibility", "extra_data");
    private static final Set<String> VISIBILITIES = Set.of("visible", "hidden", "after_due_date", "after_published");

    static JsonNode parse(Report report, View view) throws IOException {
        return new ObjectMapper().readTree(ReportFormat.GRADESCOPE.render(report, view));
    }

    private static List<String> names(JsonNode node) {
        List<String> names = new ArrayList<>();
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            names.add(it.next());
        }
        return names;
    }

    /** Every rule of the specification this format relies on; returns the tests. */
    static JsonNode assertFollowsSpecification(JsonNode root) {
        assertTrue(TOP_FIELDS.containsAll(names(root)), () -> "fields outside the specification: " + names(root));
        assertTrue(root.get("score").isNumber(), "score is a number");
        assertTrue(root.get("execution_time").isIntegralNumber(), "execution_time is a number of seconds");
        assertTrue(root.get("output").isTextual(), "output is a string");
        assertTrue(Set.of("text", "html", "simple_format", "md", "ansi").contains(root.get("output_format").asText()));
        assertTrue(root.get("tests").isArray(), "tests is an array");
        Set<String> numbers = new java.util.HashSet<>();
        for (JsonNode test : root.get("tests")) {
            assertTrue(TEST_FIELDS.containsAll(names(test)), () -> "test fields outside the specification: " + names(test));
            assertTrue(test.get("name").isTextual() && !test.get("name").asText().isBlank(), "name is a string");
            assertTrue(test.get("number").isTextual(), "number is a string like 1.2");
            assertTrue(numbers.add(test.get("number").asText()), "numbers are unique");
            assertTrue(test.get("score").isNumber() && test.get("max_score").isNumber(), "scores are numbers");
            assertTrue(test.get("score").asDouble() >= 0 && test.get("score").asDouble() <= test.get("max_score").asDouble());
            String status = test.get("status").asText();
            assertTrue(status.equals("passed") || status.equals("failed"), status);
            assertEquals(status.equals("passed"), test.get("score").asDouble() == test.get("max_score").asDouble()
                    || test.get("max_score").asDouble() == 0, "a test passes exactly when it earns its points");
            assertTrue(test.get("output").isTextual(), "output is a string");
            assertTrue(VISIBILITIES.contains(test.get("visibility").asText()));
            assertTrue(test.get("tags").isArray());
            test.get("tags").forEach(tag -> assertTrue(tag.isTextual(), "tags are strings"));
            assertTrue(test.get("extra_data").isObject());
        }
        return root.get("tests");
    }

    private static double sum(JsonNode tests, String field) {
        double sum = 0;
        for (JsonNode test : tests) {
            sum += test.get(field).asDouble();
        }
        return sum;
    }

    @Test
    void followsTheSpecificationAndAddsUpToTheWeightedTotal() throws IOException {
        Report report = SampleReports.mixed();
        JsonNode root = parse(report, View.INSTRUCTOR);
        JsonNode tests = assertFollowsSpecification(root);
        assertEquals(11, tests.size());
        assertEquals(report.weightedScore(), root.get("score").asDouble());
        assertEquals(report.weightedScore(), sum(tests, "score"), 0.005);
        assertEquals(report.weightedMaxScore(), sum(tests, "max_score"), 0.005);
        assertEquals(4, root.get("execution_time").asInt());
        // udp weighs 2: its 4-point test is worth 8
        JsonNode interleaved = tests.get(1);
        assertEquals("udp: UdpEchoServerTest > servesInterleavedClients()", interleaved.get("name").asText());
        assertEquals("1.2", interleaved.get("number").asText());
        assertEquals(8.0, interleaved.get("max_score").asDouble());
        assertEquals("failed", interleaved.get("status").asText());
        assertTrue(interleaved.get("output").asText().contains("expected 5 replies, got 2"));
        assertTrue(interleaved.get("output").asText().contains("Hint: Serve each datagram as it comes."));
        assertTrue(interleaved.get("output").asText().contains("overlapBoundMs=150"));
        // tcp weighs 0.5: 3 points count 1.5
        assertEquals(1.5, tests.get(9).get("max_score").asDouble());
    }

    @Test
    void everyStatusThatIsNotAPassFails() throws IOException {
        JsonNode tests = parse(SampleReports.mixed(), View.INSTRUCTOR).get("tests");
        List<String> statuses = new ArrayList<>();
        tests.forEach(t -> statuses.add(t.get("extra_data").get("status").asText() + "=" + t.get("status").asText()));
        assertEquals(List.of("passed=passed", "failed=failed", "error=failed", "timeout=failed", "not_run=failed",
                "skipped=failed", "failed=failed", "passed=passed", "failed=failed", "not_run=failed", "not_run=failed"),
                statuses);
        // Gradescope shows only passed or failed: the output says which kind of failure
        assertTrue(tests.get(3).get("output").asText().startsWith("timeout: did not finish within 10 s"));
        assertTrue(tests.get(1).get("output").asText().startsWith("expected 5 replies"));
    }

    @Test
    void gradescopeAppliesTheVisibilityOfEachTest() throws IOException {
        JsonNode tests = parse(SampleReports.mixed(), View.INSTRUCTOR).get("tests");
        assertEquals("hidden", tests.get(6).get("visibility").asText());
        assertEquals("after_due_date", tests.get(8).get("visibility").asText());
        assertEquals("visible", tests.get(0).get("visibility").asText());
    }

    @Test
    void theStudentViewHidesNoEntrySoThatStudentsSeeTheirTotal() throws IOException {
        // Gradescope withholds the total from students when any test is hidden: the student view's
        // entries name no hidden test, so each of them is visible and the total shows
        JsonNode root = parse(SampleReports.mixed(), View.STUDENT);
        assertFollowsSpecification(root);
        root.get("tests").forEach(t -> assertEquals("visible", t.get("visibility").asText(), t::toString));
        assertTrue(!root.toString().contains(SampleReports.SECRET), root::toString);
        assertEquals(SampleReports.mixed().weightedScore(), root.get("score").asDouble());
    }

    @Test
    void theTopLevelOutputNamesNoHiddenTestEvenForInstructors() throws IOException {
        // students see the top-level output whatever the tests' visibility
        JsonNode root = parse(SampleReports.mixed(), View.INSTRUCTOR);
        String output = root.get("output").asText();
        assertTrue(output.contains("fork_killed: a withheld test of udp"), output);
        assertTrue(output.contains("conclab/tcp/TcpEchoServer.java:12:5: ERROR: ';' expected"), output);
        assertTrue(output.contains("total: 10/49"), output);
        assertTrue(!output.contains(SampleReports.SECRET), output);
    }

    @Test
    void aSubmissionThatCouldNotBeGradedScoresZeroAndSaysWhy() throws IOException {
        JsonNode root = parse(SampleReports.invalid(), View.INSTRUCTOR);
        assertFollowsSpecification(root);
        assertEquals(0, root.get("score").asDouble());
        assertEquals(0, root.get("tests").size());
        assertTrue(root.get("output").asText().contains("no Java sources"));
    }
}
