package conclab.grader.summary;

import conclab.grader.report.ExerciseResult;
import conclab.grader.report.Points;
import conclab.grader.report.Report;
import conclab.grader.report.TestResult;
import java.io.IOException;
import java.nio.file.Path;

/**
 * One submission of the class view: its report and the file it was read from.
 *
 * @param file   the report's file name in the folder
 * @param report the report, as the class view keeps it (see {@link ClassReports#slim}: no output)
 * @param source the report's file, read again whole for the submission's own page; null when
 *               {@code report} is whole (or there is no file: a roster's student who did not submit)
 */
public record Submission(String file, Report report, Path source) {

    /** The status of a roster's student for whom there is no report. */
    public static final String NOT_SUBMITTED = "not_submitted";

    public Submission(String file, Report report) {
        this(file, report, null);
    }

    /** The whole report: read again from its file when the class view slimmed it. */
    public Report whole() throws IOException {
        return source == null ? report : conclab.grader.report.ReportWriter.read(source);
    }

    /** The submission folder's name, as graded; the report's file name if the report has none. */
    public String name() {
        String folder = report.graded() == null ? null : report.graded().submission();
        if (folder == null || folder.isBlank()) {
            return file.replaceFirst("\\.json$", "");
        }
        // by hand rather than with Path: a report is not trusted to hold a valid path
        String trimmed = folder.replaceAll("[/\\\\]+$", "");
        String last = trimmed.substring(Math.max(trimmed.lastIndexOf('/'), trimmed.lastIndexOf('\\')) + 1);
        return last.isEmpty() ? folder : last;
    }

    /** The student's id from the roster, or null. */
    public String studentId() {
        return report.graded() == null || report.graded().student() == null ? null
                : report.graded().student().id();
    }

    /** The student's name from the roster, or null. */
    public String studentName() {
        return report.graded() == null || report.graded().student() == null ? null
                : report.graded().student().name();
    }

    /** Who the submission is from: the student's id, or else the submission's name. */
    String identity() {
        String id = studentId();
        return id != null && !id.isBlank() ? "student " + id : "submission " + name();
    }

    /** Whether there is a report at all (a roster lists students who have none). */
    public boolean submitted() {
        return !NOT_SUBMITTED.equals(report.status());
    }

    /** The weighted total as a percentage of the weighted maximum; null when nothing was graded. */
    public Double percent() {
        return Points.percent(report);
    }

    /** The file name of this submission's pages ({@code students/NAME.html}, {@code feedback/NAME.html}). */
    public String page() {
        return file.replaceFirst("\\.json$", "") + ".html";
    }

    String startedAt() {
        return report.graded() == null || report.graded().startedAt() == null ? ""
                : report.graded().startedAt();
    }

    /**
     * Whether an exercise is the untouched stub: nothing passed, and every test that ran failed
     * on the stub's {@code UnsupportedOperationException("TODO: ...")} (its message says TODO).
     * Pass rates leave such exercises out: they say who has not started, not how hard a test is.
     */
    public static boolean untouched(ExerciseResult exercise) {
        boolean ran = false;
        for (TestResult test : exercise.tests()) {
            if (test.status().equals("passed")) {
                return false;
            }
            if (test.status().equals("not_run") || test.status().equals("skipped")) {
                continue;
            }
            ran = true;
            if (test.message() == null || !test.message().contains("TODO")) {
                return false;
            }
        }
        return ran;
    }
}
