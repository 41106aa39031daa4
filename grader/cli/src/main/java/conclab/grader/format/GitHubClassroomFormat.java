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
        // an exercise of weight 0 is feedback: failing it does not turn full marks red
        boolean allCounted = report.exercises().stream()
                .allMatch(e -> e.status().equals("passed") || e.weight() == 0);
        boolean graded = report.status().equals("graded");
        root.put("status", !graded ? "error" : allCounted ? "pass" : "fail");
        // the reporter leaves out a runner whose max_score is 0, so that nothing at all would be
        // recorded for a submission that could not be graded: 0 of 1 records its 0
        root.put("max_score", graded || report.weightedMaxScore() > 0 ? report.weightedMaxScore() : UNGRADED_MAX);
        ArrayNode list = root.putArray("tests");
        if (!graded) {
            list.addObject().put("name", "grading").put("status", "error").put("score", 0)
                    .put("message", shorten(report.message(), messageLimit)).put("test_code", "")
                    .put("filename", "").put("line_no", 0).put("duration", 0);
        }
        for (ExerciseResult exercise : report.exercises()) {
            if (!exercise.diagnostics().isEmpty()) {
                // the compiler's messages, where the student reads the feedback
                list.addObject().put("name", exercise.id() + ": compilation").put("status", "error").put("score", 0)
                        .put("message", shorten(Feedback.diagnostics(exercise).strip(), messageLimit))
                        .put("test_code", exercise.id()).put("filename", "").put("line_no", 0).put("duration", 0);
            }
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

    /** The max_score of a report that graded nothing. */
    static final double UNGRADED_MAX = 1;

    /**
     * The reporter knows pass, fail and error, and prints a test's message only for
     * {@code error}: every test that did not pass is one, so that the student reads why. A test
     * skipped (an earlier attempt of a timing test, or a precondition) is {@code fail}: it has
     * nothing to say.
     */
    private static String status(String status) {
        return switch (status) {
            case "passed" -> "pass";
            case "skipped" -> "fail";
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
