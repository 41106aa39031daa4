package conclab.grader.report;

import conclab.harness.Messages;
import java.io.PrintStream;

/**
 * The report in a few lines for a terminal or a CI log: points per exercise, the visible tests
 * that did not pass, and the total. Hidden tests are counted, never named: CI logs are read by
 * students. The hint's label is in the students' language, that of the hints themselves
 * ({@code --locale}, or {@code -Dconclab.locale}: {@link Messages#locale()}).
 */
public final class ConsoleSummary {

    private ConsoleSummary() {
    }

    /** Lines of a failure's message shown, and characters per line. */
    static final int MESSAGE_LINES = 3;
    static final int LINE_CHARS = 160;

    public static void print(Report report, PrintStream out) {
        out.printf("conclab grader %s: %s%n", report.graded().graderVersion(), report.graded().submission());
        if (report.message() != null) {
            out.println("  " + report.status() + ": " + report.message());
        }
        boolean weighted = report.exercises().stream().anyMatch(e -> e.weight() != 1);
        String row = "  %-14s %-14s %9s %9s%n";
        out.printf(row, "exercise", "status", "passed", weighted ? "weighted" : "points");
        int passed = 0;
        int tests = 0;
        for (ExerciseResult exercise : report.exercises()) {
            long ok = exercise.tests().stream().filter(t -> t.status().equals("passed")).count();
            out.printf(row, exercise.id(), exercise.status(), ok + "/" + exercise.tests().size(),
                    Points.of(exercise));
            passed += (int) ok;
            tests += exercise.tests().size();
        }
        out.println("  " + "-".repeat(49));
        out.printf(row, "total", "", passed + "/" + tests, Points.total(report));
        if (weighted) {
            out.println("  (points times the course file's weights; an exercise of weight 0 is graded for feedback only)");
        }
        int hiddenNotPassed = 0;
        for (ExerciseResult exercise : report.exercises()) {
            for (TestResult test : exercise.tests()) {
                if (test.status().equals("passed")) {
                    continue;
                }
                if (test.visibility().equals("visible")) {
                    out.printf("  %-8s %s%n", test.status(), test.name());
                    // the first lines of why, where CI logs show it: the full text is in the report
                    lines(test.message()).forEach(line -> out.println("           " + line));
                    if (test.hint() != null) {
                        out.println("           " + Messages.get("hint.label",
                                cut(test.hint().strip().lines().findFirst().orElse(""))));
                    }
                } else {
                    hiddenNotPassed++;
                }
            }
        }
        if (hiddenNotPassed > 0) {
            out.printf("  and %d hidden tests did not pass%n", hiddenNotPassed);
        }
        if (!report.warnings().isEmpty()) {
            out.printf("  %d warnings (files left out): see the report%n", report.warnings().size());
        }
    }

    private static java.util.List<String> lines(String message) {
        if (message == null || message.isBlank()) {
            return java.util.List.of();
        }
        java.util.List<String> all = message.strip().lines().filter(l -> !l.isBlank()).toList();
        java.util.List<String> shown = new java.util.ArrayList<>(all.stream().limit(MESSAGE_LINES).map(ConsoleSummary::cut).toList());
        if (all.size() > MESSAGE_LINES) {
            shown.add("... (" + (all.size() - MESSAGE_LINES) + " more lines in the report)");
        }
        return shown;
    }

    private static String cut(String line) {
        return line.length() <= LINE_CHARS ? line : line.substring(0, LINE_CHARS) + "...";
    }
}
