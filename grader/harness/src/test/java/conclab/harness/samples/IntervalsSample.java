package conclab.harness.samples;

import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.fail;

import conclab.harness.Intervals;
import conclab.harness.MeasurementLog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Tests that note intervals, run by the harness's own tests through the Launcher (not a test
 * class of the build): one that passes, one that fails with a child still running, one that
 * notes nothing but an end, one that notes too much.
 */
@ExtendWith(MeasurementLog.class)
public class IntervalsSample {

    @Test
    public void aChildAndItsParent() throws InterruptedException {
        Intervals lives = Intervals.of(Intervals.CHILDREN);
        long launched = System.nanoTime();
        lives.begin("parent", "start()");
        lives.end("parent", "start()");
        lives.begin("child one", "lived", launched);
        // a child's exit is seen on another thread
        Thread watcher = new Thread(() -> lives.end("child one", "lived"));
        watcher.start();
        watcher.join();
        lives.begin("parent", "wait; then\nmore");
        lives.end("parent", "wait; then\nmore");
        assertSame(lives, Intervals.of(Intervals.CHILDREN), "one per key and test");
    }

    @Test
    public void failsWhileAChildRuns() {
        Intervals.of(Intervals.CHILDREN).begin("child", "lived");
        fail("deliberately");
    }

    @Test
    public void endsWhatNeverBegan() {
        Intervals.of(Intervals.CHILDREN).end("child", "lived");
    }

    @Test
    public void startsAHundredChildren() {
        for (int i = 0; i < 100; i++) {
            Intervals.of(Intervals.CHILDREN).begin("child" + i, "lived");
        }
    }
}
