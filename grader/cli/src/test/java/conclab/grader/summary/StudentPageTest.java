package conclab.grader.summary;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import conclab.grader.report.Report;
import conclab.grader.report.TestResult;
import conclab.harness.Messages;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A student's page labels each hint in the grader's locale, the language the hints are written in. */
class StudentPageTest {

    @AfterEach
    void backToTheDefault() {
        System.clearProperty(Messages.LOCALE_PROPERTY);
    }

    private static Report report() {
        TestResult failed = new TestResult("conclab.udp.UdpEchoServerTest#echoes", "echoes()", "visible", 2, 0,
                "failed", 5, 1, "没有回复", false, "循环调用 receive", "", 0, false, Map.of());
        return new Report(1, "graded", null, 0, 2, 0, 2, Reports.graded("/class/s", "s", "Student", "t"),
                List.of(new conclab.grader.report.ExerciseResult("udp", "failed", 0, 2, 1, List.of(), List.of(failed))),
                List.of(), List.of());
    }

    @Test
    void theHintsLabelFollowsTheLocale() {
        Report report = report();
        Submission submission = new Submission("s.json", report);
        System.setProperty(Messages.LOCALE_PROPERTY, "zh_CN");
        String chinese = StudentPage.feedback(submission, report);
        assertTrue(chinese.contains("<div class=\"hint\">提示：循环调用 receive</div>"), chinese);
        assertFalse(chinese.contains("Hint:"), chinese);
        System.setProperty(Messages.LOCALE_PROPERTY, "en");
        String english = StudentPage.instructors(submission, report, null);
        assertTrue(english.contains("<div class=\"hint\">Hint: 循环调用 receive</div>"), english);
    }
}
