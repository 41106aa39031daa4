package conclab.grader.batch;

import conclab.grader.format.ReportFormat;
import conclab.grader.format.View;
import conclab.grader.io.AtomicFile;
import conclab.grader.report.Report;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Each submission's report in another format ({@code grade-all --format}), for whom the view
 * says: {@code REPORTS/FORMAT/NAME.json} ({@code NAME.xml} for {@code junit-xml}) beside the
 * native {@code REPORTS/NAME.json}. A folder of their own, so that a copy never takes the name of
 * another submission's report, and {@code summarize}, which reads {@code REPORTS/*.json}, never
 * takes one for a report. A copy is a view of its native report and nothing else: written after
 * it, whether the report was graded now or kept, whenever the copy is missing or not what the
 * report renders to (another view asked for, a copy edited by hand).
 *
 * @param format the format; null for no copies
 * @param view   who the copies are for
 */
public record FormattedCopies(ReportFormat format, View view) {

    /** No copies. */
    public static final FormattedCopies NONE = new FormattedCopies(null, null);

    /** The folder of the copies in {@code reports}. */
    public Path folder(Path reports) {
        return reports.resolve(format.cliName());
    }

    /** The copy of the report {@code reportName} ({@code NAME.json}). */
    public Path file(Path reports, String reportName) {
        String name = reportName.substring(0, reportName.length() - ".json".length());
        return folder(reports).resolve(name + (format == ReportFormat.JUNIT_XML ? ".xml" : ".json"));
    }

    /**
     * Writes the copy of {@code report} atomically, unless it is there already with exactly what
     * the report renders to now (a kept report whose copy was written before).
     */
    void write(Path reports, String reportName, Report report) throws IOException {
        if (format == null) {
            return;
        }
        byte[] rendered = format.render(report, view);
        Path file = file(reports, reportName);
        if (Files.isRegularFile(file) && Arrays.equals(Files.readAllBytes(file), rendered)) {
            return;
        }
        Files.createDirectories(file.getParent());
        AtomicFile.write(file, rendered);
    }
}
