package conclab.grader.report;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * The one way a score is shown to a person, so that the console, {@code --fail-below}, the
 * batch's lines, the dashboard, the gradebook and every format say the same number: an
 * exercise's points times its weight (the course file's; 1 without one), rounded to two decimals,
 * written without a trailing {@code .0}. A weight of 0 grades an exercise for feedback only: its
 * weighted points are 0 of 0, and the raw ones are shown beside them as such.
 */
public final class Points {

    private Points() {
    }

    /** An exercise's earned points as they count in the weighted total. */
    public static double weighted(ExerciseResult exercise) {
        return round(exercise.score() * exercise.weight());
    }

    /** An exercise's possible points as they count in the weighted total. */
    public static double weightedMax(ExerciseResult exercise) {
        return round(exercise.maxScore() * exercise.weight());
    }

    /** Two decimals, the same in every run. */
    public static double round(double value) {
        return Math.round(value * 100) / 100.0;
    }

    /** {@code 12} rather than {@code 12.0}; {@code 90.25}; two decimals at most, a dot as separator. */
    public static String format(double value) {
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return Long.toString((long) value);
        }
        return new BigDecimal(value).setScale(2, RoundingMode.HALF_UP).stripTrailingZeros().toPlainString();
    }

    /** {@code 90.3/92.4}: the report's weighted total. */
    public static String total(Report report) {
        return format(report.weightedScore()) + "/" + format(report.weightedMaxScore());
    }

    /**
     * An exercise's points as a person reads them: {@code 18/22} weighted, or for a weight of 0
     * {@code not counted (5/11)}.
     */
    public static String of(ExerciseResult exercise) {
        if (exercise.weight() == 0) {
            return "not counted (" + exercise.score() + "/" + exercise.maxScore() + ")";
        }
        return format(weighted(exercise)) + "/" + format(weightedMax(exercise));
    }

    /** The weighted total as a percentage of the weighted maximum; null when nothing could be earned. */
    public static Double percent(Report report) {
        return report.weightedMaxScore() > 0 ? 100 * report.weightedScore() / report.weightedMaxScore() : null;
    }

    /**
     * Whether every point that counts was earned: the weighted total is its maximum. An exercise
     * of weight 0 that fails does not make a submission fall short of full marks.
     */
    public static boolean full(Report report) {
        return "graded".equals(report.status()) && report.weightedMaxScore() > 0
                && report.weightedScore() >= report.weightedMaxScore();
    }
}
