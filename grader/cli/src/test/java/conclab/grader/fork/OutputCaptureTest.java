package conclab.grader.fork;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class OutputCaptureTest {

    @Test
    void keepsUpToTheLimitAndCountsTheRest() {
        OutputCapture capture = new OutputCapture(5);
        capture.write("hello world".getBytes(StandardCharsets.UTF_8), 0, 11);
        capture.write('!');
        OutputCapture.Taken taken = capture.take();
        assertEquals("hello", taken.text());
        assertEquals(12, taken.bytes());
        assertEquals(new OutputCapture.Taken("", 0), capture.take(), "taking starts afresh");
    }
}
