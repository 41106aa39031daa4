package conclab.grader.timing;

import conclab.grader.io.Ahead;
import conclab.lab.ChildJvm;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Measures the machine as the tests will find it: a child JVM's start-up (CPU and disk under
 * whatever else runs) and the timer's overshoot (how late a sleeping thread wakes). It runs in
 * the grader's own process before the test JVM starts, so the scale is a fixed JVM option of
 * every test JVM before any submission code exists.
 */
public final class MachineProbe {

    /** What the child JVM prints once it is up. */
    static final String UP = "up";

    private static final int TIMER_SAMPLES = 20;
    private static final long TIMER_PARK_NANOS = TimeUnit.MILLISECONDS.toNanos(1);
    private static final long CHILD_LIMIT_SECONDS = 30;

    private MachineProbe() {
    }

    /** A measurement begun before it was asked for; the next {@link #calibrate} takes it. */
    private static final Ahead<Calibration> AHEAD = new Ahead<>();

    /**
     * Begins measuring on a thread of its own, for the next {@link #calibrate} to take: the
     * {@code grade} command begins before it reads its command line, whose parsing costs a cold
     * JVM about a tenth of a second, so that the scale is known by the time the suite is
     * unpacked instead of after it.
     */
    public static void beginAhead() {
        AHEAD.begin("conclab-calibration", MachineProbe::measure);
    }

    /**
     * Measures (or takes what {@link #beginAhead} measured), and derives the scale on top of
     * {@code manualScale}.
     */
    public static Calibration calibrate(double manualScale) throws IOException {
        Calibration measured = AHEAD.take(MachineProbe::measure);
        return Calibration.of(measured.childJvmStartMs(), measured.timerOvershootMs(), manualScale,
                measured.tookMs());
    }

    /** Measures, with no manual scale (1). */
    private static Calibration measure() throws IOException {
        long start = System.nanoTime();
        double overshoot = timerOvershootMs();
        long jvm = childJvmStartMs();
        return Calibration.of(jvm, overshoot, 1, (System.nanoTime() - start) / 1_000_000);
    }

    /** From starting a trivial child JVM to reading the line it prints first. */
    static long childJvmStartMs() throws IOException {
        ProcessBuilder builder = ChildJvm.processBuilder(Up.class).redirectErrorStream(true);
        long start = System.nanoTime();
        Process child = builder.start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line = out.readLine();
            long took = (System.nanoTime() - start) / 1_000_000;
            if (!UP.equals(line)) {
                throw new IOException("the calibration's child JVM printed '" + line + "', not '" + UP + "'");
            }
            if (!child.waitFor(CHILD_LIMIT_SECONDS, TimeUnit.SECONDS)) {
                throw new IOException("the calibration's child JVM did not exit");
            }
            return took;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while calibrating", e);
        } finally {
            child.destroyForcibly();
        }
    }

    /** How late a 1 ms park wakes, the 90th percentile of a few samples. */
    static double timerOvershootMs() {
        long[] late = new long[TIMER_SAMPLES];
        for (int i = 0; i < late.length; i++) {
            long before = System.nanoTime();
            LockSupport.parkNanos(TIMER_PARK_NANOS);
            late[i] = System.nanoTime() - before - TIMER_PARK_NANOS;
        }
        Arrays.sort(late);
        return Math.max(0, late[(late.length * 9) / 10 - 1]) / 1e6;
    }

    /** The child JVM of the calibration: says it is up. */
    public static final class Up {
        private Up() {
        }

        public static void main(String[] args) {
            System.out.println(UP);
        }
    }
}
