package conclab.grader.timing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import org.junit.jupiter.api.Test;

/** Measures this machine for real: a child JVM and the timer. */
class MachineProbeTest {

    @Test
    void aMeasurementBegunAheadServesTheNextCalibrationWithItsManualScale() throws IOException {
        MachineProbe.beginAhead();
        Calibration ahead = MachineProbe.calibrate(2);
        Calibration fresh = MachineProbe.calibrate(1);

        assertEquals(2, ahead.manualScale());
        assertEquals(Math.round(200 * ahead.derivedScale()) / 100.0, ahead.scale(), 0.011);
        assertTrue(ahead.childJvmStartMs() > 0 && ahead.tookMs() >= ahead.childJvmStartMs(), ahead.toString());
        // taken once: the next calibration measures again
        assertEquals(1, fresh.manualScale());
        assertTrue(fresh.childJvmStartMs() > 0, fresh.toString());
    }
}
