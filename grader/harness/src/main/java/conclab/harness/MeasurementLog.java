package conclab.harness;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
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

    /** Texts, or objects (such as {@link Intervals}) whose {@code toString()} is taken after the test. */
    private static final Map<String, Object> NOTES = new LinkedHashMap<>();

    private static long testStart = System.nanoTime();

    /** Notes {@code value} under {@code key}, replacing an earlier note of the same key. */
    public static void note(String key, String value) {
        synchronized (NOTES) {
            NOTES.put(key, value);
        }
    }

    /**
     * The object of {@code type} noted under {@code key} in this test, made by {@code make} and
     * noted at the first call: what it says after the test is published.
     */
    static <T> T noted(String key, Class<T> type, Supplier<T> make) {
        synchronized (NOTES) {
            Object present = NOTES.get(key);
            if (type.isInstance(present)) {
                return type.cast(present);
            }
            T made = make.get();
            NOTES.put(key, made);
            return made;
        }
    }

    /** {@link System#nanoTime()} when the running test began (its before-each callbacks). */
    static long testStartNanos() {
        synchronized (NOTES) {
            return testStart;
        }
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        synchronized (NOTES) {
            NOTES.clear();
            testStart = System.nanoTime();
        }
    }

    @Override
    public void afterEach(ExtensionContext context) {
        Map<String, Object> notes;
        synchronized (NOTES) {
            notes = new LinkedHashMap<>(NOTES);
            NOTES.clear();
        }
        Map<String, String> entries = new LinkedHashMap<>();
        notes.forEach((key, value) -> {
            String text = String.valueOf(value);
            if (value instanceof String || !text.isEmpty()) { // an object that saw nothing says nothing
                entries.put(key, text);
            }
        });
        if (!entries.isEmpty()) {
            context.publishReportEntry(entries);
        }
    }
}
