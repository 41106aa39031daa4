package conclab.grader.format;

import conclab.grader.report.Report;
import java.util.Locale;

/** Who a rendered report is for. */
public enum View {
    /** Everything the report holds. */
    INSTRUCTOR,
    /** What a student may see: see {@link StudentView}. */
    STUDENT;

    /** The report as this view shows it. */
    public Report apply(Report report) {
        return this == STUDENT ? StudentView.of(report) : report;
    }

    /** The name on the command line: {@code instructor} or {@code student}. */
    public String cliName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
