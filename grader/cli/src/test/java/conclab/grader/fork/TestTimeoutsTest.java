package conclab.grader.fork;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

    // the machine's load scales every allowance too: these compare allowances with each other

    @Test
    void aTestMayRunFiveTimesItsOwnTimeTwiceItsPackagesSlowestAtLeastTheFloorAtMostItsOwnTimeout() {
        TestTimeouts timeouts = new TestTimeouts(Map.of("p.A#fast", 3L, "p.A#slow", 2500L,
                "q.B#fast", 3L, "q.C#shared", 3750L, "r.D#slower", 4000L, "s.E#tiny", 1L), 1);

        double floor = timeouts.allowedMs(test("s.E#tiny", 600_000)); // the floor times the load
        assertEquals(12_500.0 / TestTimeouts.FLOOR_MS, timeouts.allowedMs(test("p.A#slow", 600_000)) / floor,
                0.01, "5 x 2500 ms");
        assertEquals(7500.0 / TestTimeouts.FLOOR_MS, timeouts.allowedMs(test("q.B#fast", 600_000)) / floor,
                0.01, "2 x the 3750 ms another test of its package spent on work they share");
        assertEquals(10_000, timeouts.allowedMs(test("r.D#slower", 10_000)), "never past its own timeout");
        assertEquals(7000, timeouts.allowedMs(test("p.A#unknown", 7000)), "no recorded time: its own timeout");
    }

    @Test
    void theTimingScaleStretchesTheDerivedTimeout() {
        Map<String, Long> times = Map.of("p.A#slow", 1000L);
        long plain = new TestTimeouts(times, 1).allowedMs(test("p.A#slow", 600_000));
        long scaled = new TestTimeouts(times, 1.5).allowedMs(test("p.A#slow", 600_000));

        assertEquals(1.5, scaled / (double) plain, 0.05);
    }

    @Test
    void theLoadAsTheGradingBeganStretchesTheDerivedTimeoutAndOnlyThat() {
        // read once, as the grading began: its own test JVMs side by side never stretch it
        Map<String, Long> times = Map.of("p.A#slow", 1000L);
        long idle = new TestTimeouts(times, 1).allowedMs(test("p.A#slow", 600_000));
        long busy = new TestTimeouts(times, 1, 2).allowedMs(test("p.A#slow", 600_000));

        assertEquals(2.0, busy / (double) idle, 0.05);
        assertEquals(idle, new TestTimeouts(times, 1).allowedMs(test("p.A#slow", 600_000)));
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
    void readsOnlyRealTestCasesWhateverTheirAttributesOrderAndEscapes(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("TEST-a.B.xml"), """
                <?xml version="1.0" encoding="UTF-8"?>
                <testsuite name="a.B" time="2.5">
                  <properties><property name="line.separator" value="&#10;"/></properties>
                  <!-- <testcase name="commented" classname="a.B" time="9"/> -->
                  <testcase time="0.25" classname="a.B" name="reordered()[1] a &gt; b, &quot;c&quot;"/>
                  <testcase name = "spaced" classname = "a.B" time = "1.0" >
                    <system-out><![CDATA[the test printed <testcase name="printed" classname="a.B" time="7"/>]]></system-out>
                  </testcase>
                </testsuite>
                """);

        assertEquals(Map.of("a.B#reordered", 250L, "a.B#spaced", 1000L),
                TestTimeouts.fromSurefireReports(dir, 1).referenceMs());
    }

    @Test
    void readsTheReportsTheBuildBundled() throws IOException, java.net.URISyntaxException {
        // the bundled reports, as the grader's build copied them from the reference's own run
        java.net.URL bundled = TestTimeouts.class.getResource("/conclab/grader/suite/reference-times");
        org.junit.jupiter.api.Assumptions.assumeTrue(bundled != null && "file".equals(bundled.getProtocol()),
                "the build bundles the reference's reports only after the solutions' tests ran");
        Map<String, Long> times = TestTimeouts.fromSurefireReports(Path.of(bundled.toURI()), 1).referenceMs();

        assertTrue(times.keySet().stream().anyMatch(id -> id.startsWith("conclab.udp.")), times::toString);
        assertTrue(times.values().stream().allMatch(ms -> ms >= 0 && ms < 60_000), times::toString);
    }

    @Test
    void anUnreadableReportIsAnError(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("TEST-a.B.xml"), "<testsuite><testcase name=\"x\" classname=\"a.B\" time=\"soon\"/>");

        assertThrows(IOException.class, () -> TestTimeouts.fromSurefireReports(dir, 1));
    }
}
