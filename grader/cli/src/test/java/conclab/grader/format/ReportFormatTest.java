package conclab.grader.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import conclab.grader.io.AtomicFile;
import conclab.grader.report.Report;
import conclab.grader.report.ReportWriter;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportFormatTest {

    @Test
    void theNativeFormatReadsBackAsTheSameReportInEitherView(@TempDir Path dir) throws IOException {
        for (View view : View.values()) {
            Report shown = view.apply(SampleReports.mixed());
            Path file = dir.resolve(view + ".json");
            AtomicFile.write(file, ReportFormat.JSON.render(SampleReports.mixed(), view));
            assertEquals(shown, ReportWriter.read(file));
        }
    }

    @Test
    void formatsAreNamedAsOnTheCommandLine() {
        assertEquals(ReportFormat.JUNIT_XML, ReportFormat.named("junit-xml"));
        assertEquals(ReportFormat.GRADESCOPE, ReportFormat.named(" Gradescope "));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ReportFormat.named("xml"));
        assertEquals("'xml' is not a report format: use one of json, gradescope, github, junit-xml", e.getMessage());
    }

    @Test
    void whatStudentsReadDefaultsToTheStudentsView() {
        assertEquals(View.STUDENT, ReportFormat.GITHUB.defaultView());
        assertEquals(View.STUDENT, ReportFormat.JUNIT_XML.defaultView());
        assertEquals(View.INSTRUCTOR, ReportFormat.GRADESCOPE.defaultView());
        assertEquals(View.INSTRUCTOR, ReportFormat.JSON.defaultView());
        assertTrue(ReportFormat.JSON.defaultFile(View.STUDENT).equals("report-student.json"));
    }
}
