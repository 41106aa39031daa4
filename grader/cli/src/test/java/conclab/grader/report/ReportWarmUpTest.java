package conclab.grader.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import org.junit.jupiter.api.Test;

class ReportWarmUpTest {

    @Test
    void theSampleIsAWholeReportThatReadsBackAsWritten() throws IOException {
        // run() swallows its failures: a sample the writer refused would silently warm nothing
        Report sample = ReportWarmUp.sample();

        assertEquals(sample, ReportWriter.read(ReportWriter.toJson(sample)));
        assertEquals(2, sample.exercises().size());
        assertEquals(5 + 1, sample.maxScore());
    }
}
