package conclab.grader.report;

import java.io.PrintStream;

/**
 * The report in a few lines for a terminal or a CI log: points per exercise, the visible tests
 * that did not pass, and the total. Hidden tests are counted, never named: CI logs are read by
 * students.
 */
public final class ConsoleSummary {

    private ConsoleSummary() {
    }

    public static void print(Report report, PrintStream out) {
        out.printf("conclab grader %s: %s%n", report.graded().graderVersion(), report.graded().submission());
        if (report.message() != null) {
            out.println("  " + report.status() + ": " + report.message());
        }
        String row = "  %-14s %-14s %9s %9s%n";
        out.printf(row, "exercise", "status", "passed", "points");
        int passed = 0;
        int tests = 0;
        for (ExerciseResult exercise : report.exercises()) {
            long ok = exercise.tests().stream().filter(t -> t.status().equals("passed")).count();
            out.printf(row, exercise.id(), exercise.status(), ok + "/" + exercise.tests().size(),
                    exercise.score() + "/" + exercise.maxScore());
            passed += (int) ok;
            tests += exercise.tests().size();
        }
        out.println("  " + "-".repeat(49));
        out.printf(row, "total", "", passed + "/" + tests, report.score() + "/" + report.maxScore());
        int hiddenNotPassed = 0;
        for (ExerciseResult exercise : report.exercises()) {
            for (TestResult test : exercise.tests()) {
                if (test.status().equals("passed")) {
                    continue;
                }
                if (test.visibility().equals("visible")) {
                    out.printf("  %-8s %s%n", test.status(), test.name());
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
}
