package conclab.grader.cli;

import conclab.grader.GradeRequest;
import conclab.grader.Grader;
import conclab.grader.course.Course;
import conclab.grader.fork.RunLimits;
import conclab.grader.io.AtomicFile;
import conclab.grader.io.FileSeal;
import conclab.grader.report.ConsoleSummary;
import conclab.grader.report.Report;
import conclab.grader.report.ReportWarmUp;
import conclab.grader.report.ReportWriter;
import conclab.grader.submission.Submission;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code grade SUBMISSION --out report.json}: grades one submission. */
@Command(name = "grade", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
                "Compiles SUBMISSION's src/main/java (or exercises/src/main/java), runs the pristine",
                "public and hidden tests against it in a forked JVM, prints a summary and writes",
                "a JSON report.", ""},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:graded", "1:the grader failed (the report says why)",
                "2:bad input (no such folder, no sources, an unwritable --out, ...)",
                "3:graded below --fail-below"})
final class GradeCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "SUBMISSION",
            description = "A student repository, or a module folder that holds src/main/java.")
    private Path submission;

    @Option(names = "--out", paramLabel = "FILE", defaultValue = "report.json",
            description = "Where the JSON report goes (default: ${DEFAULT-VALUE}).")
    private Path out;

    @Mixin
    private FormatOptions formats;

    @Option(names = "--fail-below", paramLabel = "SCORE", converter = ScoreThreshold.Converter.class,
            description = "Exit with 3 when the score is below SCORE: points (12) or a percentage (75%%).")
    private ScoreThreshold failBelow;

    @Mixin
    private GradingOptions grading;

    /** The --format file written, for the summary; null when none was asked for. */
    private String formatted;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter stdout = spec.commandLine().getOut();
        String problem = grading.problem();
        if (problem != null) {
            err.println("conclab-grader: " + problem);
            return Main.BAD_INPUT;
        }
        grading.applyLocale();
        try {
            AtomicFile.checkWritable(out);
        } catch (IOException e) {
            err.println("conclab-grader: cannot write the report to " + out + " (" + e.getMessage()
                    + "): give --out a file in a folder that exists and that you may write to");
            return Main.BAD_INPUT;
        }
        String formatProblem = formats.check(out);
        if (formatProblem != null) {
            err.println("conclab-grader: " + formatProblem);
            return Main.BAD_INPUT;
        }
        Course course;
        try {
            course = grading.course();
        } catch (Course.InvalidCourse e) {
            err.println("conclab-grader: " + e.getMessage());
            return Main.BAD_INPUT;
        }
        GradeRequest request = grading.request(course, 1);
        try {
            // a grading that must be sandboxed and cannot be is refused before it begins
            conclab.grader.sandbox.Sandbox.choose(request.sandbox());
        } catch (conclab.grader.sandbox.Sandbox.Unavailable e) {
            err.println("conclab-grader: " + e.getMessage());
            return Main.BAD_INPUT;
        }
        Submission located;
        try {
            located = Submission.locate(submission);
        } catch (Submission.InvalidSubmission e) {
            err.println("conclab-grader: " + e.getMessage());
            // nothing to grade is still a result, for a class-wide run to record
            write(Grader.invalid(submission, request, e.getMessage()), err);
            return Main.BAD_INPUT;
        }
        Report report;
        try {
            String before = fingerprint(out);
            report = new Grader(ReportWarmUp::run).grade(located, request);
            if (!fingerprint(out).equals(before)) {
                // the report is written whole, after this: whatever was written is replaced
                report = report.withEvent(new Report.RunEventRecord("report_file_modified", "the report file "
                        + out + " was written while the tests ran (by the submission?); this report replaces it"));
            }
        } catch (Grader.UnknownExercise e) {
            err.println("conclab-grader: " + e.getMessage() + grading.exercisesSource(course));
            return Main.BAD_INPUT;
        }
        if (!write(report, err)) {
            return Main.GRADER_FAILED;
        }
        ConsoleSummary.print(report, new java.io.PrintStream(System.out, true));
        stdout.printf("Report: %s (%.1f s)%n", out, report.graded().durationMs() / 1000.0);
        if (formatted != null) {
            stdout.println("Also: " + formatted);
        }
        stdout.flush();
        if (!report.status().equals("graded")) {
            err.println("conclab-grader: " + report.message().lines().findFirst().orElse("")
                    + " (the report has the details)");
            return Main.GRADER_FAILED;
        }
        if (failBelow != null && !failBelow.isMetBy(report)) {
            err.printf("conclab-grader: score %s is below the threshold of %s%n",
                    conclab.grader.report.Points.total(report), failBelow);
            return Main.BELOW_THRESHOLD;
        }
        return Main.GRADED;
    }

    /**
     * The report file's identity (see {@link FileSeal}), or a word for its absence: a stat, where
     * hashing a large old report would hold up the start of the grading.
     */
    private static String fingerprint(Path file) {
        try {
            return Files.exists(file) ? FileSeal.identity(file) : "absent";
        } catch (IOException e) {
            return "unreadable: " + e.getMessage();
        }
    }

    private boolean write(Report report, PrintWriter err) {
        try {
            ReportWriter.write(report, out);
        } catch (IOException e) {
            err.println("conclab-grader: could not write the report to " + out + ": " + e.getMessage());
            return false;
        }
        try {
            formatted = formats.write(report, out);
            return true;
        } catch (IOException e) {
            err.println("conclab-grader: could not write the --format report: " + e.getMessage());
            return false;
        }
    }
}
