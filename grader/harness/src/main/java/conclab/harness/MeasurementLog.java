package conclab.harness;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Measurements a test kit notes while a test runs, published as the test's report entries after
 * it, whether it passed or failed: a failed test is the one an instructor wants to see them for,
 * and a kit deep in a call chain has no {@code TestReporter} at hand. A test class opts in with
 * {@code @ExtendWith(MeasurementLog.class)}; without it, notes are dropped at the next test.
 *
 * <p>One log for the JVM, not one per thread: a test with a timeout runs on a thread of its own.
 * Tests run one at a time (the suite does not enable parallel execution). Entries are what the
 * grader's report keeps as a test's {@code measurements}: keep them small.
 */
public final class MeasurementLog implements BeforeEachCallback, AfterEachCallback {

    private static final Map<String, String> NOTES = new LinkedHashMap<>();

    /** Notes {@code value} under {@code key}, replacing an earlier note of the same key. */
    public static void note(String key, String value) {
        synchronized (NOTES) {
            NOTES.put(key, value);
        }
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        synchronized (NOTES) {
            NOTES.clear();
        }
    }

    @Override
    public void afterEach(ExtensionContext context) {
        Map<String, String> notes;
        synchronized (NOTES) {
            notes = new LinkedHashMap<>(NOTES);
            NOTES.clear();
        }
        if (!notes.isEmpty()) {
            context.publishReportEntry(notes);
        }
    }
}
