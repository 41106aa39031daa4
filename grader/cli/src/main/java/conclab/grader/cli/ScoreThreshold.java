package conclab.grader.cli;

import picocli.CommandLine;

/**
 * A minimum score: {@code 12} points, or {@code 75%} of the points possible.
 *
 * @param value   the number given
 * @param percent whether it is a percentage of the maximum
 */
record ScoreThreshold(double value, boolean percent) {

    /**
     * Whether {@code score} out of {@code max} reaches the threshold: the report's weighted
     * total, the same number the console, the gradebook and every format show.
     */
    boolean isMet(double score, double max) {
        return percent ? (max == 0 ? value <= 0 : 100.0 * score / max >= value) : score >= value;
    }

    /** Whether the report's weighted total reaches the threshold. */
    boolean isMetBy(conclab.grader.report.Report report) {
        return isMet(report.weightedScore(), report.weightedMaxScore());
    }

    @Override
    public String toString() {
        return percent ? value + "%" : value + " points";
    }

    /** Parses the command line's text. */
    static final class Converter implements CommandLine.ITypeConverter<ScoreThreshold> {
        @Override
        public ScoreThreshold convert(String text) {
            String t = text.trim();
            boolean percent = t.endsWith("%");
            try {
                double value = Double.parseDouble(percent ? t.substring(0, t.length() - 1) : t);
                if (value < 0 || (percent && value > 100) || !Double.isFinite(value)) {
                    throw new NumberFormatException();
                }
                return new ScoreThreshold(value, percent);
            } catch (NumberFormatException e) {
                throw new CommandLine.TypeConversionException("'" + text
                        + "' is not a score threshold: give points (12) or a percentage (75%)");
            }
        }
    }
}
