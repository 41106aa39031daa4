package conclab.grader.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class WeightedTotalTest {

    private static ExerciseResult exercise(String id, int score, int max, double weight) {
        return new ExerciseResult(id, score == max ? "passed" : "failed", score, max, weight, List.of(), List.of());
    }

    @Test
    void weightsMultiplyEachExercisesPoints() {
        Report report = Report.graded(null, List.of(exercise("udp", 10, 20, 2), exercise("tcp", 5, 5, 0.5),
                exercise("ipc", 3, 9, 0)), List.of(), List.of());
        assertEquals(18, report.score());
        assertEquals(34, report.maxScore());
        assertEquals(22.5, report.weightedScore());
        assertEquals(42.5, report.weightedMaxScore());
    }

    @Test
    void withoutWeightsTheWeightedTotalIsTheScore() {
        Report report = Report.graded(null, List.of(exercise("udp", 7, 31, 1), exercise("tcp", 0, 12, 1)),
                List.of(), List.of());
        assertEquals(7.0, report.weightedScore());
        assertEquals(43.0, report.weightedMaxScore());
    }

    @Test
    void roundedToTwoDecimals() {
        Report report = Report.graded(null, List.of(exercise("udp", 1, 3, 1.0 / 3)), List.of(), List.of());
        assertEquals(0.33, report.weightedScore());
        assertEquals(1.0, report.weightedMaxScore());
    }
}
