package conclab.grader.report;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import conclab.harness.Messages;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConsoleSummaryTest {

    private static TestResult test(String id, String visibility, String status, String message, String hint) {
        return new TestResult(id, id.substring(id.indexOf('#') + 1) + "()", visibility, 2,
                status.equals("passed") ? 2 : 0, status, 5, 1, message, false, hint, "", 0, false, Map.of());
    }

    private static String print(Report report) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ConsoleSummary.print(report, new PrintStream(bytes, true, StandardCharsets.UTF_8));
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static Report.GradedWith graded() {
        return new Report.GradedWith("1", "s", "alice", "h", "17", "linux", "now", 1, 1, null, null, null, null, null, "none", null);
    }

    @Test
    void showsTheWeightedPointsTheGradebookShows() {
        Report report = Report.graded(graded(), List.of(
                new ExerciseResult("udp", "passed", 60, 60, 1.45, List.of(), List.of()),
                new ExerciseResult("tcp", "failed", 11, 18, 0.3, List.of(), List.of()),
                new ExerciseResult("states", "failed", 5, 10, 0, List.of(), List.of())), List.of(), List.of());
        String text = print(report);
        assertTrue(text.contains("87/87"), text);
        assertTrue(text.contains("3.3/5.4"), text);
        assertTrue(text.contains("not counted (5/10)"), text);
        assertTrue(text.contains("90.3/92.4"), text);
        assertFalse(text.contains("81/88"), text);
    }

    @Test
    void aVisibleFailureShowsTheFirstLinesOfItsMessageAndItsHintAHiddenOneNothing() {
        String message = "expected the echo \"hi\" within 500 ms\nbut nothing came back\nline 3\nline 4\nline 5";
        Report report = Report.graded(graded(), List.of(new ExerciseResult("udp", "failed", 0, 4, 1, List.of(), List.of(
                test("conclab.udp.UdpEchoServerTest#echoes", "visible", "failed", message, "call receive in a loop"),
                test("conclab.udp.UdpHiddenTest#secretCase", "hidden", "failed", "the secret expectation", "secret hint")))),
                List.of(), List.of());
        String text = print(report);
        assertTrue(text.contains("echoes()"), text);
        assertTrue(text.contains("expected the echo \"hi\" within 500 ms"), text);
        assertTrue(text.contains("but nothing came back"), text);
        assertTrue(text.contains("2 more lines in the report"), text);
        assertFalse(text.contains("line 4"), text);
        assertTrue(text.contains("Hint: call receive in a loop"), text);
        assertFalse(text.contains("secret"), text);
        assertTrue(text.contains("and 1 hidden tests did not pass"), text);
    }

    @Test
    void theHintsLabelSpeaksTheGradersLocaleLikeTheHintItself() {
        Report report = Report.graded(graded(), List.of(new ExerciseResult("udp", "failed", 0, 2, 1, List.of(),
                List.of(test("conclab.udp.UdpEchoServerTest#echoes", "visible", "failed", "没有回复", "循环调用 receive")))),
                List.of(), List.of());
        try {
            System.setProperty(Messages.LOCALE_PROPERTY, "zh_CN"); // what --locale zh_CN sets
            String text = print(report);
            assertTrue(text.contains("提示：循环调用 receive"), text);
            assertFalse(text.contains("Hint:"), text);
            System.setProperty(Messages.LOCALE_PROPERTY, "en");
            assertTrue(print(report).contains("Hint: 循环调用 receive"), print(report));
        } finally {
            System.clearProperty(Messages.LOCALE_PROPERTY);
        }
    }
}
