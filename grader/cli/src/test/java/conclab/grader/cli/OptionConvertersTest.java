package conclab.grader.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class OptionConvertersTest {

    private final DurationConverter durations = new DurationConverter();
    private final ScoreThreshold.Converter thresholds = new ScoreThreshold.Converter();

    @Test
    void durationsInEveryUnit() {
        assertEquals(Duration.ofMillis(500), durations.convert("500ms"));
        assertEquals(Duration.ofSeconds(10), durations.convert("10s"));
        assertEquals(Duration.ofSeconds(7), durations.convert("7"));
        assertEquals(Duration.ofMinutes(5), durations.convert("5m"));
        assertEquals(Duration.ofHours(1), durations.convert(" 1h "));
    }

    @Test
    void badDurationsAreRefusedWithTheFormToUse() {
        var e = assertThrows(CommandLine.TypeConversionException.class, () -> durations.convert("soon"));
        assertTrue(e.getMessage().contains("500ms, 10s, 5m or 1h"), e.getMessage());
        assertThrows(CommandLine.TypeConversionException.class, () -> durations.convert("0s"));
        assertThrows(CommandLine.TypeConversionException.class, () -> durations.convert("-3s"));
    }

    @Test
    void thresholdsInPointsOrPercent() {
        ScoreThreshold points = thresholds.convert("12");
        assertTrue(points.isMet(12, 20));
        assertFalse(points.isMet(11, 20));
        ScoreThreshold percent = thresholds.convert("75%");
        assertTrue(percent.isMet(15, 20));
        assertFalse(percent.isMet(14, 20));
        assertTrue(thresholds.convert("100%").isMet(20, 20));
        assertThrows(CommandLine.TypeConversionException.class, () -> thresholds.convert("120%"));
        assertThrows(CommandLine.TypeConversionException.class, () -> thresholds.convert("lots"));
    }

    /** The case: 81/88 in raw points, 90.3/92.4 = 97.7% weighted. */
    static conclab.grader.report.Report weightedReport() {
        return conclab.grader.report.Report.graded(null, java.util.List.of(
                new conclab.grader.report.ExerciseResult("udp", "passed", 60, 60, 1.45, java.util.List.of(), java.util.List.of()),
                new conclab.grader.report.ExerciseResult("tcp", "failed", 11, 18, 0.3, java.util.List.of(), java.util.List.of()),
                new conclab.grader.report.ExerciseResult("states", "passed", 10, 10, 0, java.util.List.of(), java.util.List.of())),
                java.util.List.of(), java.util.List.of());
    }

    @Test
    void aThresholdJudgesTheWeightedTotalNotTheRawPoints() {
        conclab.grader.report.Report report = weightedReport();
        assertEquals(81, report.score());
        assertEquals(88, report.maxScore());
        assertEquals(90.3, report.weightedScore());
        assertEquals(92.4, report.weightedMaxScore());
        assertTrue(thresholds.convert("95%").isMetBy(report), "97.7% weighted reaches 95%");
        assertFalse(thresholds.convert("98%").isMetBy(report));
        assertTrue(thresholds.convert("90").isMetBy(report), "90.3 weighted points reach 90");
        assertFalse(thresholds.convert("91").isMetBy(report));
    }
}
