package conclab.grader.summary;

import conclab.grader.report.Report;

/**
 * One submission of the class view: its report and the file it was read from.
 *
 * @param file   the report's file name in the folder
 * @param report the report
 */
public record Submission(String file, Report report) {

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

    /** The weighted total as a percentage of the weighted maximum; null when nothing was graded. */
    public Double percent() {
        return report.weightedMaxScore() > 0
                ? 100 * report.weightedScore() / report.weightedMaxScore() : null;
    }

    String startedAt() {
        return report.graded() == null || report.graded().startedAt() == null ? ""
                : report.graded().startedAt();
    }
}
