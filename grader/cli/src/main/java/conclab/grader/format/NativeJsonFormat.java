package conclab.grader.format;

import conclab.grader.report.Report;
import conclab.grader.report.ReportWriter;

/** The native report: the same bytes {@code ReportWriter} writes, and reads back. */
final class NativeJsonFormat {

    private NativeJsonFormat() {
    }

    static byte[] render(Report report) {
        return ReportWriter.toJson(report);
    }
}
