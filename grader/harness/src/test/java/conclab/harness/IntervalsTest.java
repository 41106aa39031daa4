package conclab.harness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import conclab.harness.samples.IntervalsSample;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/** Tests that note intervals, run through the real Launcher: what their report entries say. */
class IntervalsTest {

    private static final Pattern ENTRY = Pattern.compile("([^;:]+):(\\d+)-(\\d+)");

    private static final Map<String, Map<String, String>> entries = new ConcurrentHashMap<>();
    private static final Map<String, TestExecutionResult.Status> results = new ConcurrentHashMap<>();

    @BeforeAll
    static void runSample() {
        try (LauncherSession session = LauncherFactory.openSession()) {
            session.getLauncher().execute(LauncherDiscoveryRequestBuilder.request()
                    .selectors(selectClass(IntervalsSample.class)).forExecution()
                    .listeners(new TestExecutionListener() {
                        @Override
                        public void executionFinished(TestIdentifier id, TestExecutionResult result) {
                            if (id.isTest()) {
                                results.put(name(id), result.getStatus());
                            }
                        }

                        @Override
                        public void reportingEntryPublished(TestIdentifier id, ReportEntry entry) {
                            entries.computeIfAbsent(name(id), k -> new ConcurrentHashMap<>())
                                    .putAll(entry.getKeyValuePairs());
                        }

                        private String name(TestIdentifier id) {
                            return id.getLegacyReportingName().replace("()", "");
                        }
                    })
                    .build());
        }
    }

    /** The intervals a test published: label, start, end, in order. */
    private static List<String[]> intervals(String test) {
        String value = entries.getOrDefault(test, Map.of()).get(Intervals.CHILDREN);
        assertTrue(value != null, test + " published no " + Intervals.CHILDREN + ": " + entries);
        List<String[]> intervals = new ArrayList<>();
        for (String part : value.split(";")) {
            Matcher m = ENTRY.matcher(part);
            assertTrue(m.matches(), "'" + part + "' in " + value);
            intervals.add(new String[] {m.group(1), m.group(2), m.group(3)});
            assertTrue(Long.parseLong(m.group(2)) <= Long.parseLong(m.group(3)), part);
        }
        return intervals;
    }

    @Test
    void aTestPublishesItsIntervalsInTheOrderTheyBegan() {
        assertEquals(TestExecutionResult.Status.SUCCESSFUL, results.get("aChildAndItsParent"));
        List<String[]> intervals = intervals("aChildAndItsParent");
        assertEquals(List.of("parent start()", "child_one lived", "parent wait, then,more"),
                intervals.stream().map(i -> i[0]).toList(), "WHO in one word, nothing that splits entries");
        assertTrue(Long.parseLong(intervals.get(1)[1]) <= Long.parseLong(intervals.get(0)[1]),
                "the child's life began when it was launched, before the call returned");
        assertTrue(Long.parseLong(intervals.get(1)[2]) <= Long.parseLong(intervals.get(2)[1]),
                "its end, seen on another thread, came before the next interval began");
    }

    @Test
    void aFailedTestPublishesWhatWasStillOpenAsUnfinished() {
        assertEquals(TestExecutionResult.Status.FAILED, results.get("failsWhileAChildRuns"));
        List<String[]> intervals = intervals("failsWhileAChildRuns");
        assertEquals(1, intervals.size());
        assertEquals("child lived" + Intervals.NO_END, intervals.get(0)[0]);
    }

    @Test
    void nothingBegunIsNothingPublished() {
        assertEquals(TestExecutionResult.Status.SUCCESSFUL, results.get("endsWhatNeverBegan"));
        assertFalse(entries.containsKey("endsWhatNeverBegan"), entries.toString());
    }

    @Test
    void aTestKeepsItsOwnIntervalsAndAtMostSoMany() {
        List<String[]> intervals = intervals("startsAHundredChildren");
        assertEquals(Intervals.MOST, intervals.size());
        assertEquals("child0 lived" + Intervals.NO_END, intervals.get(0)[0], "nothing of the tests before it");
    }
}
