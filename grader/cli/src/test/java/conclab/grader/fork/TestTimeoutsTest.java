package conclab.grader.fork;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TestTimeoutsTest {

    private static PlannedTest test(String id, long timeoutMs) {
        return new PlannedTest(id, "[engine:junit-jupiter]", id, "udp", 1, null, "visible", timeoutMs);
    }

    @Test
    void aTestMayRunFiveTimesWhatTheReferenceNeedsAtLeastTheFloorAtMostItsOwnTimeout() {
        TestTimeouts timeouts = new TestTimeouts(Map.of("a#fast", 3L, "a#slow", 1000L, "a#slower", 4000L), 1);

        assertEquals(2000, timeouts.allowedMs(test("a#fast", 10_000)));
        assertEquals(5000, timeouts.allowedMs(test("a#slow", 10_000)));
        assertEquals(10_000, timeouts.allowedMs(test("a#slower", 10_000)));
        assertEquals(7000, timeouts.allowedMs(test("a#unknown", 7000)), "no recorded time: its own timeout");
    }

    @Test
    void theTimingScaleStretchesTheDerivedTimeout() {
        TestTimeouts timeouts = new TestTimeouts(Map.of("a#slow", 1000L), 1.5);

        assertEquals(7500, timeouts.allowedMs(test("a#slow", 30_000)));
    }

    @Test
    void readsSurefireReportsByClassAndMethodNameKeepingTheLongestRun(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("TEST-a.B.xml"), """
                <?xml version="1.0" encoding="UTF-8"?>
                <testsuite name="a.B">
                  <testcase name="plain" classname="a.B" time="0.02"/>
                  <testcase name="withReporter(TestReporter)" classname="a.B" time="1.5"/>
                  <testcase name="repeated()[1]" classname="a.B" time="0.4"/>
                  <testcase name="repeated()[2]" classname="a.B" time="0.9"/>
                </testsuite>
                """);

        TestTimeouts timeouts = TestTimeouts.fromSurefireReports(dir, 1);

        assertEquals(Map.of("a.B#plain", 20L, "a.B#withReporter", 1500L, "a.B#repeated", 900L),
                timeouts.referenceMs());
        assertEquals(Map.of(), TestTimeouts.fromSurefireReports(dir.resolve("absent"), 1).referenceMs());
    }

    @Test
    void anUnreadableReportIsAnError(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("TEST-a.B.xml"), "<testsuite><testcase name=\"x\" classname=\"a.B\" time=\"soon\"/>");

        assertThrows(IOException.class, () -> TestTimeouts.fromSurefireReports(dir, 1));
    }
}
