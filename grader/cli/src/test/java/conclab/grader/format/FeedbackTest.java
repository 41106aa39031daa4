package conclab.grader.format;

import static org.junit.jupiter.api.Assertions.assertEquals;

import conclab.harness.Messages;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A test's feedback in the formats: its hint labelled in the grader's locale, as the hint is written. */
class FeedbackTest {

    @AfterEach
    void backToTheDefault() {
        System.clearProperty(Messages.LOCALE_PROPERTY);
    }

    private static final conclab.grader.report.TestResult FAILED = SampleReports.test(
            "conclab.udp.UdpEchoServerTest#echoes", "visible", 2, "failed", "没有回复", "循环调用 receive", "", Map.of());

    @Test
    void theHintIsLabelledInEnglishByDefault() {
        System.setProperty(Messages.LOCALE_PROPERTY, "en");
        assertEquals("没有回复\nHint: 循环调用 receive\n", Feedback.verdict(FAILED));
    }

    @Test
    void underZhCnTheHintIsLabelledInChinese() {
        System.setProperty(Messages.LOCALE_PROPERTY, "zh_CN"); // what --locale zh_CN sets
        assertEquals("没有回复\n提示：循环调用 receive\n", Feedback.verdict(FAILED));
    }
}
