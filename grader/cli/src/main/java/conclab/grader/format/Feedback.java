package conclab.grader.format;

import conclab.grader.report.ExerciseResult;
import conclab.grader.report.Report;
import conclab.grader.report.TestResult;
import conclab.grader.submission.CompilerMessage;
import conclab.harness.Messages;
import java.util.stream.Collectors;

/** The texts that formats show people: a test's feedback, the run in a few lines, points. */
final class Feedback {

    private Feedback() {
    }

    /**
     * Why a test did not pass, its hint (labelled in the students' language, that of the hint:
     * {@link Messages#locale()}) and what it measured; empty for a bare pass.
     */
    static String verdict(TestResult test) {
        StringBuilder text = new StringBuilder();
        if (test.message() != null) {
            text.append(test.message()).append('\n');
        }
        if (test.hint() != null) {
            text.append(Messages.get("hint.label", test.hint())).append('\n');
        }
        if (!test.measurements().isEmpty()) {
            text.append("Measured: ").append(test.measurements().entrySet().stream()
                    .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(", "))).append('\n');
        }
        return text.toString();
    }

    /** {@link #verdict} followed by what the test printed. */
    static String full(TestResult test) {
        String output = test.output() == null ? "" : test.output();
        if (output.isEmpty()) {
            return verdict(test);
        }
        return verdict(test) + "Output" + (test.outputTruncated()
                ? " (cut: " + test.outputBytes() + " bytes in all)" : "") + ":\n" + output
                + (output.endsWith("\n") ? "" : "\n");
    }

    /**
     * The run in a few lines: the status, points per exercise, compiler messages, files left out
     * and the events. Shown to students by Gradescope whatever the tests' visibility, so the
     * events come from the {@link StudentView}, which names no hidden test.
     */
    static String summary(Report report) {
        StringBuilder text = new StringBuilder();
        if (report.message() != null) {
            text.append(report.status()).append(": ").append(report.message()).append('\n');
        }
        for (ExerciseResult exercise : report.exercises()) {
            text.append(String.format("%s: %s, %s points%s%n", exercise.id(), exercise.status(),
                    conclab.grader.report.Points.of(exercise),
                    exercise.weight() == 1 || exercise.weight() == 0 ? ""
                            : " (" + exercise.score() + "/" + exercise.maxScore() + " times the weight "
                            + conclab.grader.report.Points.format(exercise.weight()) + ")"));
            text.append(diagnostics(exercise).indent(2));
        }
        if (!report.exercises().isEmpty()) {
            text.append(String.format("total: %s/%s%n", number(report.weightedScore()), number(report.weightedMaxScore())));
        }
        report.warnings().forEach(w -> text.append("warning: ").append(w).append('\n'));
        StudentView.of(report).events().forEach(e -> text.append("event ").append(e.type())
                .append(": ").append(e.detail()).append('\n'));
        return text.toString();
    }

    /** The compiler's messages of an exercise that did not compile, one a line; empty if it compiled. */
    static String diagnostics(ExerciseResult exercise) {
        StringBuilder text = new StringBuilder();
        for (CompilerMessage diagnostic : exercise.diagnostics()) {
            text.append(String.format("%s:%d:%d: %s: %s%n", diagnostic.file(), diagnostic.line(),
                    diagnostic.column(), diagnostic.kind(), diagnostic.message()));
        }
        return text.toString();
    }

    /** A test's points as they count in the weighted total. */
    static double weighted(int points, double weight) {
        // four decimals: rid of binary noise (3 * 0.1), still adds up to the total's two
        return Math.round(points * weight * 10_000) / 10_000.0;
    }

    /** {@code 12} rather than {@code 12.0}; {@code 12.5} as it is. */
    static String number(double value) {
        return value == Math.rint(value) ? String.valueOf((long) value) : String.valueOf(value);
    }
}
