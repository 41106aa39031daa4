package conclab.grader.format;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import conclab.grader.report.ExerciseResult;
import conclab.grader.report.Report;
import conclab.grader.report.TestResult;

/**
 * Gradescope's {@code results.json}, as its autograder specification describes it
 * (gradescope-autograders.readthedocs.io, "Autograder Specifications"): a top-level
 * {@code score} (which overrides the sum of the tests'), {@code execution_time} in seconds,
 * {@code output} with its {@code output_format}, and {@code tests}, each with {@code name},
 * {@code number}, {@code score}, {@code max_score}, {@code status} ({@code passed} or
 * {@code failed}), {@code output}, {@code tags} and {@code visibility}. Gradescope itself withholds
 * a test from students according to its {@code visibility}, so each test keeps the report's.
 * The specification has no top-level maximum: Gradescope takes it from the assignment's settings;
 * the tests' {@code max_score} add up to the weighted maximum.
 */
final class GradescopeFormat {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private GradescopeFormat() {
    }

    /**
     * @param report the report, as {@code view} shows it
     * @param view   for the student view every entry is {@code visible}: the view has already
     *               withheld the hidden tests' names (one entry per exercise says how they
     *               did), and Gradescope shows students their total only when no test is hidden
     */
    static byte[] render(Report report, View view) {
        ObjectNode root = JSON.createObjectNode();
        root.put("score", report.weightedScore());
        root.put("execution_time", report.graded() == null ? 0 : Math.round(report.graded().durationMs() / 1000.0));
        root.put("output", Feedback.summary(report));
        // plain text: a student's output must never be taken for markup
        root.put("output_format", "text");
        ArrayNode tests = root.putArray("tests");
        int exerciseNumber = 0;
        for (ExerciseResult exercise : report.exercises()) {
            exerciseNumber++;
            int testNumber = 0;
            for (TestResult test : exercise.tests()) {
                testNumber++;
                ObjectNode node = tests.addObject();
                node.put("name", exercise.id() + ": " + test.name());
                node.put("number", exerciseNumber + "." + testNumber);
                node.put("score", Feedback.weighted(test.earned(), exercise.weight()));
                node.put("max_score", Feedback.weighted(test.points(), exercise.weight()));
                node.put("status", test.status().equals("passed") ? "passed" : "failed");
                // Gradescope shows passed or failed; say which kind of failure
                boolean plain = test.status().equals("passed") || test.status().equals("failed");
                node.put("output", (plain ? "" : test.status() + ": ") + Feedback.full(test));
                node.putArray("tags").add(exercise.id()).add(test.status());
                node.put("visibility", view == View.STUDENT ? StudentView.VISIBLE : test.visibility());
                node.putObject("extra_data").put("id", test.id()).put("status", test.status())
                        .put("durationMs", test.durationMs()).put("attempts", test.attempts());
            }
        }
        ObjectNode extra = root.putObject("extra_data");
        extra.put("status", report.status()).put("score", report.score()).put("maxScore", report.maxScore())
                .put("weightedMaxScore", report.weightedMaxScore());
        ArrayNode events = extra.putArray("events");
        report.events().forEach(e -> events.addObject().put("type", e.type()).put("detail", e.detail()));
        try {
            return JSON.writeValueAsBytes(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the Gradescope results could not be serialised", e);
        }
    }
}
