package conclab.grader.cli;

import conclab.grader.sandbox.SandboxMode;
import conclab.grader.GradeRequest;
import conclab.grader.course.Course;
import conclab.grader.fork.RunLimits;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import picocli.CommandLine.Option;

/** The options of a grading, the same for {@code grade} and {@code grade-all} (a picocli mixin). */
final class GradingOptions {

    /** Output kept per test at most: a report stays readable, and within what a JSON reader takes. */
    static final int MAX_OUTPUT_LIMIT = 1 << 20;
    /** More attempts than this would let a hanging timing test eat the run. */
    static final int MAX_TIMING_ATTEMPTS = 10;

    @Option(names = "--exercises", paramLabel = "ID", split = ",",
            description = "Grade only these exercises, e.g. udp,tcp (default: all).")
    List<String> exercises = new ArrayList<>();

    @Option(names = "--course", paramLabel = "FILE",
            description = "A course file (JSON): the exercises the assignment includes and their weights; --exercises narrows it further.")
    Path courseFile;

    @Option(names = "--test-timeout", paramLabel = "DURATION", defaultValue = "10s",
            converter = DurationConverter.class,
            description = "Default timeout of one test (default: ${DEFAULT-VALUE}).")
    Duration testTimeout;

    @Option(names = "--time-limit", paramLabel = "DURATION", defaultValue = "10m",
            converter = DurationConverter.class,
            description = "Bound on the whole run of the tests (default: ${DEFAULT-VALUE}).")
    Duration timeLimit;

    @Option(names = "--timing-scale", paramLabel = "FACTOR", defaultValue = "1",
            description = "Factor (>= 1) applied to the upper bounds of timing tests, for slow machines (default: ${DEFAULT-VALUE}).")
    double timingScale;

    @Option(names = "--timing-attempts", paramLabel = "N", defaultValue = "3",
            description = "Attempts (>= 1) a timing test gets in all, tried again only when a measured time went past its bound (default: ${DEFAULT-VALUE}).")
    int timingAttempts;

    @Option(names = "--fork-heap", paramLabel = "SIZE", defaultValue = "512m",
            description = "Maximum heap of the test JVM, as for -Xmx (default: ${DEFAULT-VALUE}).")
    String forkHeap;

    @Option(names = "--output-limit", paramLabel = "BYTES", defaultValue = "16384",
            description = "Output kept per test; the rest is counted (default: ${DEFAULT-VALUE}).")
    int outputLimit;

    @Option(names = "--run-output-limit", paramLabel = "BYTES", defaultValue = "" + RunLimits.DEFAULT_RUN_OUTPUT_BYTES,
            description = "Output kept over the whole run; past it, output is only counted (default: ${DEFAULT-VALUE}).")
    long runOutputLimit;

    @Option(names = "--max-processes", paramLabel = "N", defaultValue = "" + RunLimits.DEFAULT_MAX_PROCESSES,
            description = "Processes a test JVM may have alive at once, itself and all it started; past it, it is killed with them all (default: ${DEFAULT-VALUE}).")
    int maxProcesses;

    @Option(names = "--hangs-per-exercise", paramLabel = "N", defaultValue = "" + RunLimits.DEFAULT_HANGS_PER_EXERCISE,
            description = "Tests of an exercise that may hang, none of its tests having passed, before it gives up its remaining tests (default: ${DEFAULT-VALUE}).")
    int hangsPerExercise;

    @Option(names = "--test-jvms", paramLabel = "N",
            description = "Test JVMs that run a submission's tests at once, each beside a submission's JVM of its own, where the sandbox gives each a work folder of its own (bubblewrap as root); else one (default: 1).")
    Integer testJvms;

    @Option(names = "--sandbox", paramLabel = "MODE", defaultValue = "auto",
            description = "auto: grade in sandboxes where they can be made (bubblewrap, Linux), and say so where not;"
                    + " require: refuse to grade without them; off: no sandbox, for debugging (default: ${DEFAULT-VALUE}).")
    String sandbox;

    @Option(names = "--locale", paramLabel = "LOCALE",
            description = "Language of the hints and messages in the report: en or zh_CN (default: -Dconclab.locale, else the system's).")
    String locale;

    /** What is wrong with the options, in one line; null when nothing is. */
    String problem() {
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
        if (runOutputLimit < 0) {
            return "--run-output-limit must be 0 or more bytes, not " + runOutputLimit;
        }
        if (maxProcesses < 2) {
            return "--max-processes must be at least 2 (the test JVM and one process it starts), not " + maxProcesses;
        }
        if (hangsPerExercise < 1) {
            return "--hangs-per-exercise must be at least 1, not " + hangsPerExercise;
        }
        if (testJvms != null && (testJvms < 1 || testJvms > 16)) {
            return "--test-jvms must be between 1 and 16, not " + testJvms;
        }
        for (String id : exercises) {
            if (!id.matches("[a-z][a-z0-9_]*")) {
                return "--exercises: '" + id + "' is not an exercise id (lower-case, like udp)";
            }
        }
        try {
            SandboxMode.parse(sandbox);
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
        if (locale != null && !locale.matches("[a-z]{2,3}([_-][A-Za-z]{2})?")) {
            return "--locale '" + locale + "' is not a locale: write it as en or zh_CN";
        }
        if (locale != null && !locale.matches("en([_-][A-Za-z]{2})?|zh([_-](CN|cn|Hans))?")) {
            // any other language would fall back to English without a word
            return "--locale '" + locale + "': the students' texts exist in English and Simplified Chinese only:"
                    + " give en or zh_CN";
        }
        return null;
    }

    /** Makes {@code --locale}, if given, the language of the students' texts in this grader's reports. */
    void applyLocale() {
        if (locale != null) {
            // the grader passes the property on to the test JVM, where the hints are read
            System.setProperty(conclab.harness.Messages.LOCALE_PROPERTY, locale);
        }
    }

    private static long heapMegabytes(String size) {
        long amount = Long.parseLong(size.substring(0, size.length() - 1));
        return Character.toLowerCase(size.charAt(size.length() - 1)) == 'g' ? amount * 1024 : amount;
    }

    /**
     * The course file's assignment; null without {@code --course}. {@code --exercises} must name
     * only exercises the course includes: it narrows the course, never adds to it.
     */
    Course course() throws Course.InvalidCourse {
        if (courseFile == null) {
            return null;
        }
        Course course = Course.read(courseFile);
        try {
            course.narrowed(exercises);
        } catch (Course.OutsideCourse e) {
            throw new Course.InvalidCourse(courseFile, e.getMessage());
        }
        return course;
    }

    /**
     * The request these options make, under {@code course} (null for none), for a grading beside
     * {@code atOnce - 1} others: unless told, they share the test JVMs one grading would run.
     */
    GradeRequest request(Course course, int atOnce) {
        List<String> chosen;
        try {
            chosen = course == null ? exercises : course.narrowed(exercises);
        } catch (Course.OutsideCourse e) {
            throw new IllegalStateException("course() checks --exercises against the course", e);
        }
        return new GradeRequest(
                new LinkedHashSet<>(chosen),
                testTimeout, timeLimit, timingScale, forkHeap, outputLimit, course,
                new RunLimits(runOutputLimit, maxProcesses, hangsPerExercise,
                        testJvms != null ? testJvms : Math.max(1, RunLimits.DEFAULT_TEST_JVMS / atOnce)), timingAttempts,
                SandboxMode.parse(sandbox));
    }

    /** Where an unknown exercise came from, for its error message. */
    String exercisesSource(Course course) {
        return exercises.isEmpty() && course != null ? " (see the course file " + courseFile + ")" : " (see --exercises)";
    }
}
