package conclab.grader.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import conclab.grader.submission.CompilerMessage;
import java.util.List;

/**
 * One exercise of a report.
 *
 * @param id          the exercise id ({@code udp})
 * @param status      {@code passed} (every test passed), {@code failed} (some did not),
 *                    {@code compile_error} (its code did not compile: nothing ran),
 *                    {@code missing} (the submission has no code for it: nothing ran)
 * @param score       points earned
 * @param maxScore    points possible
 * @param weight      what a point of this exercise counts in the weighted total (1 unless a
 *                    course file says otherwise)
 * @param diagnostics the compiler's messages, when it did not compile
 * @param tests       its tests, in the order they ran
 */
@JsonPropertyOrder({"id", "status", "score", "maxScore", "weight", "diagnostics", "tests"})
public record ExerciseResult(String id, String status, int score, int maxScore, double weight,
                             @JsonInclude(JsonInclude.Include.NON_EMPTY) List<CompilerMessage> diagnostics,
                             List<TestResult> tests) {

    public ExerciseResult {
        // the JSON leaves out an empty list: read back, it is empty again, not null
        diagnostics = diagnostics == null ? List.of() : diagnostics;
    }
}
