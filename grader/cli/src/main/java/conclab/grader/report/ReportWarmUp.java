package conclab.grader.report;

import conclab.grader.io.AtomicFile;
import conclab.grader.io.FileTrees;
import conclab.grader.submission.CompilerMessage;
import conclab.grader.timing.Calibration;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Writes, summarises and throws away a small report of every kind of part while the tests run,
 * so that the real report, after the last test, finds its code loaded and compiled: cold, writing
 * and summarising a report takes some 50 ms, warm a few.
 */
public final class ReportWarmUp {

    private ReportWarmUp() {
    }

    /** Never fails: only a head start is at stake. */
    public static void run() {
        try {
            Report sample = sample();
            Path folder = Files.createTempDirectory("conclab-warm-up-");
            try {
                AtomicFile.write(folder.resolve("report.json"), ReportWriter.toJson(sample));
            } finally {
                FileTrees.delete(folder);
            }
            ConsoleSummary.print(sample, new PrintStream(OutputStream.nullOutputStream(), true));
        } catch (IOException | RuntimeException e) {
            // the report is written all the same, a little later
        }
    }

    static Report sample() {
        TestResult passed = new TestResult("conclab.x.XTest#passes", "XTest > passes()", "visible", 2, 2,
                "passed", 12, 1, null, false, null, "", 0, false, Map.of("waitMs", "12 of at most 500"));
        TestResult failed = new TestResult("conclab.x.XTest#fails", "XTest > fails()", "hidden", 3, 0,
                "failed", 40, 2, "expected 1, got 2", false, "Read the specification.", "output\n", 7, false,
                Map.of());
        ExerciseResult graded = new ExerciseResult("x", "graded", 2, 5, 1.0, List.of(), List.of(passed, failed));
        ExerciseResult broken = new ExerciseResult("y", "compile_error", 0, 1, 1.0,
                List.of(new CompilerMessage("conclab/y/Y.java", 3, 7, "error", "';' expected")), List.of());
        Report.GradedWith with = new Report.GradedWith("warm-up", "0", "submission", "0", "jdk", "os",
                "2026-01-01T00:00:00Z", 1, 1,
                new Report.Limits(List.of(), 1, 1, 1.0, "512m", 1, 1, 1, 1, 1, 1),
                new Report.CourseRef("course", "assignment"), new Report.StudentRef("id", "name"), "commit",
                Calibration.of(100, 1.0, 1.0, 100), "none", "0");
        return Report.graded(with, List.of(graded, broken), List.of("a warning"),
                List.of(new Report.RunEventRecord("event", "detail")));
    }
}
