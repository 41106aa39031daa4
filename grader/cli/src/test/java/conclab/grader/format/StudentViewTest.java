package conclab.grader.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import conclab.grader.report.ExerciseResult;
import conclab.grader.report.Report;
import conclab.grader.report.TestResult;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Two-sided: the instructors' view of a report whose hidden tests failed names them, with their
 * messages, hints, output and measurements; the students' view, in every format, holds none of
 * it, yet counts their points.
 */
class StudentViewTest {

    private static String text(ReportFormat format, View view) {
        return new String(format.render(SampleReports.mixed(), view), StandardCharsets.UTF_8);
    }

    @ParameterizedTest
    @EnumSource(ReportFormat.class)
    void theInstructorsViewHoldsTheHiddenTestsTexts(ReportFormat format) {
        String text = text(format, View.INSTRUCTOR);
        assertTrue(text.contains(SampleReports.SECRET + "Rounds"), "the hidden test's name");
        if (format != ReportFormat.JUNIT_XML) {
            // JUnit XML names a test by its display name and class, not its id
            assertTrue(text.contains(SampleReports.HIDDEN_FAILED_ID), "its id");
        }
        assertTrue(text.contains("expected ten " + SampleReports.SECRET + " replies"), "its message");
        assertTrue(text.contains("Hint about " + SampleReports.SECRET), "its hint");
        if (format != ReportFormat.GITHUB) {
            // the reporter prints messages only: output and measurements stay out of the CI log
            assertTrue(text.contains(SampleReports.SECRET + " printed this"), "its output");
        }
    }

    @ParameterizedTest
    @EnumSource(ReportFormat.class)
    void theStudentsViewHoldsNothingOfThem(ReportFormat format) {
        String text = text(format, View.STUDENT);
        assertFalse(text.contains(SampleReports.SECRET), () -> format + " leaks a hidden test:\n" + text);
        assertFalse(text.contains("UdpEchoServerHiddenTest"), () -> format + " leaks a hidden class:\n" + text);
        // what students may see is still there
        assertTrue(text.contains("servesInterleavedClients"));
        assertTrue(text.contains("expected 5 replies, got 2"));
    }

    @Test
    void hiddenTestsStillCountInTheTotals() {
        Report instructors = SampleReports.mixed();
        Report students = StudentView.of(instructors);
        assertEquals(instructors.score(), students.score());
        assertEquals(instructors.maxScore(), students.maxScore());
        assertEquals(instructors.weightedScore(), students.weightedScore());
        for (int i = 0; i < instructors.exercises().size(); i++) {
            ExerciseResult before = instructors.exercises().get(i);
            ExerciseResult after = students.exercises().get(i);
            assertEquals(before.score(), after.tests().stream().mapToInt(TestResult::earned).sum());
            assertEquals(before.maxScore(), after.tests().stream().mapToInt(TestResult::points).sum());
        }
    }

    @Test
    void theWithheldTestsOfAnExerciseBecomeOneEntryPerVisibility() {
        ExerciseResult udp = StudentView.of(SampleReports.mixed()).exercises().get(0);
        List<TestResult> withheld = udp.tests().stream().filter(t -> !t.visibility().equals("visible")).toList();
        assertEquals(2, withheld.size());
        TestResult hidden = withheld.get(0);
        assertEquals("udp/hidden", hidden.id());
        assertEquals("hidden tests", hidden.name());
        assertEquals(7, hidden.points());
        assertEquals(2, hidden.earned());
        assertEquals("failed", hidden.status());
        assertTrue(hidden.message().startsWith("1 of 2 hidden tests passed (2 of 7 points)"), hidden.message());
        assertEquals(null, hidden.hint());
        assertTrue(hidden.measurements().isEmpty());
        assertEquals("", hidden.output());
        TestResult later = withheld.get(1);
        assertEquals("after_due_date", later.visibility());
        assertEquals(3, later.points());
        // visible tests stay as they were, in their order
        assertEquals(SampleReports.mixed().exercises().get(0).tests().subList(0, 6), udp.tests().subList(0, 6));
    }

    @Test
    void eventsNameNoHiddenTest() {
        Report students = StudentView.of(SampleReports.mixed());
        assertEquals("a withheld test of udp: did not finish within 10 s", students.events().get(0).detail());
        assertEquals(SampleReports.mixed().events().get(1), students.events().get(1));
    }

    @Test
    void aReportWithoutWithheldTestsIsUnchanged() {
        Report report = SampleReports.invalid();
        assertEquals(report, StudentView.of(report));
    }
}
