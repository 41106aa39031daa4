package conclab.harness.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import conclab.harness.Hint;
import conclab.harness.Timing;
import conclab.harness.TimingTest;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Timeout;

/**
 * Timing tests run by the harness's own tests through the Launcher (not a test class of the
 * build): each fails in one way, and {@link #calls} counts the attempts each one got.
 */
public class TimingSample {

    public static final java.util.Map<String, AtomicInteger> calls = new java.util.concurrent.ConcurrentHashMap<>();

    private static int call(String test) {
        return calls.computeIfAbsent(test, k -> new AtomicInteger()).incrementAndGet();
    }

    private static void tooSlow() {
        Timing.assertWithin(Duration.ofMillis(900), Duration.ofMillis(700), "the call", "Be quicker.");
    }

    @TimingTest
    public void slowOnceThenOnTime() {
        if (call("slowOnceThenOnTime") == 1) {
            tooSlow();
        }
    }

    @TimingTest
    @Hint("sum")
    public void alwaysTooSlow() {
        call("alwaysTooSlow");
        tooSlow();
    }

    @TimingTest
    public void wrongValue() {
        call("wrongValue");
        assertEquals(4, 2 + 1, "2 + 1");
    }

    @TimingTest
    public void throwsAnException() {
        call("throwsAnException");
        throw new IllegalStateException("broken");
    }

    @TimingTest
    @Timeout(value = 50, unit = java.util.concurrent.TimeUnit.MILLISECONDS)
    public void timesOut() throws InterruptedException {
        call("timesOut");
        Thread.sleep(5_000);
    }

    @TimingTest
    public void onTime() {
        call("onTime");
    }
}
