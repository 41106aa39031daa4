package conclab.grader.summary;

import conclab.grader.report.ExerciseResult;
import conclab.grader.report.Report;
import conclab.grader.report.TestResult;
import java.util.List;
import java.util.Map;

/** Small reports for the summary's unit tests (the ITs summarize reports the real grader wrote). */
final class Reports {

    private Reports() {
    }

    static Report.GradedWith graded(String folder, String studentId, String studentName, String startedAt) {
        return new Report.GradedWith("test", "suite", folder, "hash", "17", "linux", startedAt, 1000, 500,
                null, null, studentId == null && studentName == null ? null
                : new Report.StudentRef(studentId, studentName), null, null, "none", null);
    }

    static TestResult test(String id, String status, int points, String message, Map<String, String> measurements) {
        return new TestResult(id, id, "visible", points, status.equals("passed") ? points : 0, status, 10, 1,
                message, false, null, "", 0, false, measurements);
    }

    static ExerciseResult exercise(String id, double weight, TestResult... tests) {
        int score = 0;
        int max = 0;
        for (TestResult t : tests) {
            score += t.earned();
            max += t.points();
        }
        return new ExerciseResult(id, score == max ? "passed" : "failed", score, max, weight, List.of(), List.of(tests));
    }

    static Submission submission(String file, Report.GradedWith graded, ExerciseResult... exercises) {
        return new Submission(file, Report.graded(graded, List.of(exercises), List.of(), List.of()));
    }
}
