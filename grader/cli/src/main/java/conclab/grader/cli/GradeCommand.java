package conclab.grader.cli;

import conclab.grader.GradeRequest;
import conclab.grader.Grader;
import conclab.grader.course.Course;
import conclab.grader.io.AtomicFile;
import conclab.grader.report.ConsoleSummary;
import conclab.grader.report.Report;
import conclab.grader.report.ReportWriter;
import conclab.grader.submission.Submission;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
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

    /** Output kept per test at most: a report stays readable, and within what a JSON reader takes. */
    static final int MAX_OUTPUT_LIMIT = 1 << 20;
    /** More attempts than this would let a hanging timing test eat the run. */
    static final int MAX_TIMING_ATTEMPTS = 10;

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "SUBMISSION",
            description = "A student repository, or a module folder that holds src/main/java.")
    private Path submission;

    @Option(names = "--out", paramLabel = "FILE", defaultValue = "report.json",
            description = "Where the JSON report goes (default: ${DEFAULT-VALUE}).")
    private Path out;

    @Option(names = "--exercises", paramLabel = "ID", split = ",",
            description = "Grade only these exercises, e.g. udp,tcp (default: all).")
    private List<String> exercises = new ArrayList<>();

    @Option(names = "--course", paramLabel = "FILE",
            description = "A course file (JSON): the exercises the assignment includes and their weights; --exercises narrows it further.")
    private Path courseFile;

    @Option(names = "--fail-below", paramLabel = "SCORE", converter = ScoreThreshold.Converter.class,
            description = "Exit with 3 when the score is below SCORE: points (12) or a percentage (75%%).")
    private ScoreThreshold failBelow;

    @Option(names = "--test-timeout", paramLabel = "DURATION", defaultValue = "10s",
            converter = DurationConverter.class,
            description = "Default timeout of one test (default: ${DEFAULT-VALUE}).")
    private Duration testTimeout;

    @Option(names = "--time-limit", paramLabel = "DURATION", defaultValue = "10m",
            converter = DurationConverter.class,
            description = "Bound on the whole run of the tests (default: ${DEFAULT-VALUE}).")
    private Duration timeLimit;

    @Option(names = "--timing-scale", paramLabel = "FACTOR", defaultValue = "1",
            description = "Factor (>= 1) applied to the upper bounds of timing tests, for slow machines (default: ${DEFAULT-VALUE}).")
    private double timingScale;

    @Option(names = "--timing-attempts", paramLabel = "N", defaultValue = "3",
            description = "Attempts (>= 1) a timing test gets in all, tried again only when a measured time went past its bound (default: ${DEFAULT-VALUE}).")
    private int timingAttempts;

    @Option(names = "--fork-heap", paramLabel = "SIZE", defaultValue = "512m",
            description = "Maximum heap of the test JVM, as for -Xmx (default: ${DEFAULT-VALUE}).")
    private String forkHeap;

    @Option(names = "--output-limit", paramLabel = "BYTES", defaultValue = "16384",
            description = "Output kept per test; the rest is counted (default: ${DEFAULT-VALUE}).")
    private int outputLimit;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter stdout = spec.commandLine().getOut();
        String problem = checkOptions();
        if (problem != null) {
            err.println("conclab-grader: " + problem);
            return Main.BAD_INPUT;
        }
        try {
            AtomicFile.checkWritable(out);
        } catch (IOException e) {
            err.println("conclab-grader: cannot write the report to " + out + " (" + e.getMessage()
                    + "): give --out a file in a folder that exists and that you may write to");
            return Main.BAD_INPUT;
        }
        Course course = null;
        if (courseFile != null) {
            try {
                course = Course.read(courseFile);
            } catch (Course.InvalidCourse e) {
                err.println("conclab-grader: " + e.getMessage());
                return Main.BAD_INPUT;
            }
        }
        GradeRequest request = new GradeRequest(
                new LinkedHashSet<>(exercises.isEmpty() && course != null ? course.exercises() : exercises),
                testTimeout, timeLimit, timingScale, forkHeap, outputLimit, course, timingAttempts);
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
            report = new Grader().grade(located, request);
        } catch (Grader.UnknownExercise e) {
            err.println("conclab-grader: " + e.getMessage()
                    + (exercises.isEmpty() && course != null ? " (see the course file " + courseFile + ")" : " (see --exercises)"));
            return Main.BAD_INPUT;
        }
        if (!write(report, err)) {
            return Main.GRADER_FAILED;
        }
        ConsoleSummary.print(report, new java.io.PrintStream(System.out, true));
        stdout.printf("Report: %s (%.1f s)%n", out, report.graded().durationMs() / 1000.0);
        stdout.flush();
        if (!report.status().equals("graded")) {
            err.println("conclab-grader: " + report.message().lines().findFirst().orElse("")
                    + " (the report has the details)");
            return Main.GRADER_FAILED;
        }
        if (failBelow != null && !failBelow.isMet(report.score(), report.maxScore())) {
            err.printf("conclab-grader: score %d/%d is below the threshold of %s%n",
                    report.score(), report.maxScore(), failBelow);
            return Main.BELOW_THRESHOLD;
        }
        return Main.GRADED;
    }

    private String checkOptions() {
        if (!(timingScale >= 1) || !Double.isFinite(timingScale)) {
            return "--timing-scale must be a number of at least 1, not " + timingScale;
        }
        if (timingAttempts < 1 || timingAttempts > MAX_TIMING_ATTEMPTS) {
            return "--timing-attempts must be a whole number from 1 to " + MAX_TIMING_ATTEMPTS + ", not " + timingAttempts;
        }
        if (!forkHeap.matches("\\d{1,7}[mMgG]") || heapMegabytes(forkHeap) < 64) {
            return "--fork-heap '" + forkHeap + "' is not a heap size of 64m or more: write it as 512m or 2g";
        }
        if (outputLimit < 0 || outputLimit > MAX_OUTPUT_LIMIT) {
            return "--output-limit must be between 0 and " + MAX_OUTPUT_LIMIT + " bytes, not " + outputLimit;
        }
        for (String id : exercises) {
            if (!id.matches("[a-z][a-z0-9_]*")) {
                return "--exercises: '" + id + "' is not an exercise id (lower-case, like udp)";
            }
        }
        return null;
    }

    private static long heapMegabytes(String size) {
        long amount = Long.parseLong(size.substring(0, size.length() - 1));
        return Character.toLowerCase(size.charAt(size.length() - 1)) == 'g' ? amount * 1024 : amount;
    }

    private boolean write(Report report, PrintWriter err) {
        try {
            ReportWriter.write(report, out);
            return true;
        } catch (IOException e) {
            err.println("conclab-grader: could not write the report to " + out + ": " + e.getMessage());
            return false;
        }
    }
}
