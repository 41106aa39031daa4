package conclab.grader.format;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import conclab.grader.report.ExerciseResult;
import conclab.grader.report.Report;
import conclab.grader.report.TestResult;

/**
 * The result GitHub Classroom's reporter reads (the action
 * {@code classroom-resources/autograding-grading-reporter}), in the shape its own graders
 * ({@code autograding-command-grader}, {@code autograding-io-grader}) emit:
 * {@code {"version": 1, "status": "pass|fail|error", "max_score": N, "tests": [{"name", "status",
 * "score", "message", "test_code", "filename", "line_no", "duration"}]}}, {@code duration} in
 * milliseconds. The reporter adds the tests' {@code score} and the {@code max_score} of each
 * runner for the points it posts to Classroom, prints each test's name and, unless it is
 * {@code pass}, its message, and fails the workflow when {@code status} is {@code fail} or
 * {@code error}. It reads the result base64-encoded from an environment variable, and Linux caps
 * one variable at 128 KiB: messages are shortened until the result, encoded, fits.
 */
final class GitHubClassroomFormat {

    /** The most bytes of JSON whose base64 (4 bytes per 3) fits Linux's 128 KiB per variable. */
    static final int MAX_BYTES = 96_000;
    private static final int MESSAGE_MAX = 2_000;

    private static final ObjectMapper JSON = new ObjectMapper();

    private GitHubClassroomFormat() {
    }

    static byte[] render(Report report) {
        byte[] bytes = render(report, MESSAGE_MAX);
        for (int limit = MESSAGE_MAX / 2; bytes.length > MAX_BYTES && limit > 0; limit /= 2) {
            bytes = render(report, limit);
        }
        return bytes.length > MAX_BYTES ? render(report, 0) : bytes;
    }

    private static byte[] render(Report report, int messageLimit) {
        ObjectNode root = JSON.createObjectNode();
        root.put("version", 1);
        boolean allPassed = report.exercises().stream().allMatch(e -> e.status().equals("passed"));
        root.put("status", !report.status().equals("graded") ? "error" : allPassed ? "pass" : "fail");
        root.put("max_score", report.weightedMaxScore());
        ArrayNode list = root.putArray("tests");
        if (!report.status().equals("graded")) {
            list.addObject().put("name", "grading").put("status", "error").put("score", 0)
                    .put("message", shorten(report.message(), messageLimit)).put("test_code", "")
                    .put("filename", "").put("line_no", 0).put("duration", 0);
        }
        for (ExerciseResult exercise : report.exercises()) {
            for (TestResult test : exercise.tests()) {
                list.addObject()
                        .put("name", exercise.id() + ": " + test.name())
                        .put("status", status(test.status()))
                        .put("score", Feedback.weighted(test.earned(), exercise.weight()))
                        .put("message", shorten(Feedback.verdict(test).strip(), messageLimit))
                        .put("test_code", test.id())
                        // the pristine test's source is in the grader, not where the student looks
                        .put("filename", "")
                        .put("line_no", 0)
                        .put("duration", test.durationMs());
            }
        }
        try {
            return JSON.writeValueAsBytes(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the GitHub Classroom result could not be serialised", e);
        }
    }

    /** The reporter knows pass, fail and error; a test that did not finish is an error. */
    private static String status(String status) {
        return switch (status) {
            case "passed" -> "pass";
            case "failed", "skipped" -> "fail";
            default -> "error";
        };
    }

    private static String shorten(String text, int limit) {
        if (text == null || text.length() <= limit) {
            return text == null ? "" : text;
        }
        if (limit == 0) {
            return "";
        }
        int end = Character.isHighSurrogate(text.charAt(limit - 1)) ? limit - 1 : limit;
        return text.substring(0, end) + "… [cut: " + text.length() + " characters]";
    }
}
