package conclab.grader.it;

import conclab.grader.report.ExerciseResult;
import conclab.grader.report.Report;
import conclab.grader.report.ReportWriter;
import conclab.grader.report.TestResult;
import conclab.grader.submission.CompilerMessage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A class of reports made here rather than graded (grading 200 submissions would take CI an hour):
 * 11 exercises of 16 tests each, as many as the suite has, visible and hidden; full marks, untouched
 * stubs, partial work with multi-line messages, output and published measurements (timings with
 * their bounds, children's timelines, Gantt charts), compile errors, timeouts, invalid
 * submissions, Chinese and comma names. The same seed makes the same class.
 */
public final class SyntheticClass {

    static final List<String> EXERCISES = List.of("async", "framing", "ipc", "isolation", "join", "process",
            "scheduling", "states", "tcp", "transfer", "udp");
    static final int TESTS = 16;

    /** What a generated student did. */
    enum Kind { FULL, STUB, PARTIAL, BROKEN, INVALID }

    private SyntheticClass() {
    }

    static Kind kind(int i) {
        int r = i % 20;
        return r < 5 ? Kind.FULL : r < 9 ? Kind.STUB : r < 18 ? Kind.PARTIAL : r < 19 ? Kind.BROKEN : Kind.INVALID;
    }

    static String folder(int i) {
        return String.format("student-%04d", i);
    }

    /** Writes {@code count} reports into {@code reports}, and a roster of them and {@code absent} more into {@code roster}. */
    public static void write(Path reports, Path roster, int count, int absent) throws IOException {
        Files.createDirectories(reports);
        StringBuilder csv = new StringBuilder("folder,id,name\n");
        for (int i = 0; i < count + absent; i++) {
            String name = i % 7 == 0 ? "张" + (char) ('三' + i % 5) + i : i % 7 == 1 ? "\"Lee, Jae " + i + "\"" : "Student " + i;
            csv.append(folder(i)).append(',').append(2026000 + i).append(',').append(name).append('\n');
            if (i < count) {
                ReportWriter.write(report(i, name.replace("\"", "")), reports.resolve(folder(i) + ".json"));
            }
        }
        Files.writeString(roster, csv);
    }

    static Report report(int i, String name) {
        Random random = new Random(i);
        Report.GradedWith graded = new Report.GradedWith("0.1.0", "suitehash", "/class/" + folder(i), "h" + i, "17.0.15",
                "Linux", "2026-12-02T0" + (i % 10) + ":00:00Z", 60_000, 40_000,
                new Report.Limits(List.of(), 10_000, 600_000, 1, "512m", 16_384, 3, 1 << 20, 200, 2, 1), null,
                new Report.StudentRef(String.valueOf(2026000 + i), name), i % 3 == 0 ? "c0ffee" + i : null, null, "none", null);
        Kind kind = kind(i);
        if (kind == Kind.INVALID) {
            return Report.ungraded("invalid_submission", "no Java sources in /class/" + folder(i), graded);
        }
        List<ExerciseResult> exercises = new ArrayList<>();
        for (String exercise : EXERCISES) {
            boolean broken = kind == Kind.BROKEN && exercise.equals("scheduling");
            List<TestResult> tests = new ArrayList<>();
            for (int t = 0; t < TESTS; t++) {
                String id = "conclab." + exercise + "." + Character.toUpperCase(exercise.charAt(0)) + exercise.substring(1)
                        + (t < 11 ? "Test" : "HiddenTest") + "#case" + t;
                String visibility = t < 11 ? "visible" : "hidden";
                int points = 1 + t % 3;
                String status;
                String message = null;
                String output = "";
                if (broken) {
                    status = "not_run";
                    message = "Not run: the code of exercise " + exercise + " does not compile.";
                } else if (kind == Kind.FULL || (kind == Kind.PARTIAL && random.nextInt(10) < 7)) {
                    status = "passed";
                } else if (kind == Kind.STUB) {
                    status = "failed";
                    message = "java.lang.UnsupportedOperationException: TODO: write " + exercise + " case " + t
                            + "\n\tat conclab." + exercise + ".Stub.method(Stub.java:42)\n\tat conclab." + exercise + ".Test.case" + t + "(Test.java:88)";
                } else {
                    status = random.nextInt(12) == 0 ? "timeout" : "failed";
                    message = status.equals("timeout") ? "did not finish within 10 s; the test JVM was killed"
                            : "expected " + (t + 2) + " replies within 500 ms, got " + random.nextInt(t + 2) + "\n"
                            + "org.opentest4j.AssertionFailedError: expected: <" + (t + 2) + "> but was: <1>\n"
                            + "\tat conclab." + exercise + ".Test.case" + t + "(Test.java:" + (50 + t) + ")\n".repeat(1 + random.nextInt(12));
                    output = ("server up on 127.0.0.1:" + (40000 + t) + "\n").repeat(1 + random.nextInt(60));
                }
                Map<String, String> measurements = new LinkedHashMap<>();
                if (exercise.equals("join") && t < 4) {
                    measurements.put("wentOnMs", String.valueOf(20 + random.nextInt(200)));
                    measurements.put("wentOnBoundMs", "750");
                    measurements.put("concurrentIntervals", "1 lived:0-427;1 worked:215-369;2 lived:3-431;2 worked:219-371;parent went on:0-1301");
                }
                if (exercise.equals("scheduling") && t < 6) {
                    measurements.put("gantt", status.equals("passed") ? "A 0-4, B 4-7 | C 0-2" : "B 0-3, A 3-7 | C 0-2");
                    measurements.put("ganttExpected", "A 0-4, B 4-7 | C 0-2");
                }
                if (exercise.equals("process") && t < 3) {
                    measurements.put("childIntervals", "parent start():8-13;child lived:8-305;parent join():299-305");
                }
                boolean passed = status.equals("passed");
                tests.add(new TestResult(id, id.substring(id.lastIndexOf('.') + 1).replace("#", " > ") + "()", visibility,
                        points, passed ? points : 0, status, 5 + random.nextInt(300), 1, message, false,
                        passed ? null : "Hint for case " + t + " of " + exercise + ": read the Javadoc's example again.",
                        output, output.length(), false, measurements));
            }
            int score = tests.stream().mapToInt(TestResult::earned).sum();
            int max = tests.stream().mapToInt(TestResult::points).sum();
            List<CompilerMessage> diagnostics = broken ? List.of(new CompilerMessage("conclab/scheduling/Scheduler.java",
                    12, 5, "ERROR", "';' expected")) : List.of();
            exercises.add(new ExerciseResult(exercise, broken ? "compile_error" : score == max ? "passed" : "failed",
                    score, max, 1, diagnostics, tests));
        }
        List<Report.RunEventRecord> events = kind == Kind.PARTIAL && i % 9 == 0
                ? List.of(new Report.RunEventRecord("git_late", "2 commits after the graded one on HEAD's line"))
                : List.of();
        return Report.graded(graded, exercises, List.of(), events);
    }
}
