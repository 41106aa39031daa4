package conclab.grader.timing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class CalibrationTest {

    private static final long REFERENCE = Math.round(Calibration.REFERENCE_CHILD_JVM_START_MS);

    @Test
    void aMachineLikeTheReferenceGetsNoExtraSlack() {
        assertEquals(1.0, Calibration.derive(REFERENCE, 0.1));
        assertEquals(1.0, Calibration.derive(REFERENCE / 2, 0));
    }

    @Test
    void aSlowerChildJvmStartLoosensTheBoundsInProportion() {
        assertEquals(2.0, Calibration.derive(REFERENCE * 2, 0));
        assertEquals(2.5, Calibration.derive(REFERENCE * 5 / 2, 0));
    }

    @Test
    void aLateTimerLoosensTheBoundsByOneFor25Milliseconds() {
        assertEquals(2.0, Calibration.derive(REFERENCE, 25));
        assertEquals(1.5, Calibration.derive(REFERENCE, 12.5));
    }

    @Test
    void theLargerOfTheTwoCountsAndNeverMoreThanFour() {
        assertEquals(3.0, Calibration.derive(REFERENCE * 3, 25));
        assertEquals(Calibration.MAX_DERIVED, Calibration.derive(REFERENCE * 50, 0));
        assertEquals(Calibration.MAX_DERIVED, Calibration.derive(REFERENCE, 1000));
    }

    @Test
    void theManualScaleMultipliesTheDerivedOne() {
        Calibration calibration = Calibration.of(REFERENCE * 2, 0, 1.5, 200);
        assertEquals(2.0, calibration.derivedScale());
        assertEquals(3.0, calibration.scale());
        assertEquals(1.5, calibration.manualScale());
    }

    @Test
    void theProbeMeasuresARealChildJvmAndTheTimer() throws Exception {
        Calibration calibration = MachineProbe.calibrate(1);
        // a JVM cannot start and print in under 20 ms; a 1 ms park is never early by design
        assertTrue(calibration.childJvmStartMs() >= 20, calibration.toString());
        assertTrue(calibration.timerOvershootMs() >= 0, calibration.toString());
        assertTrue(calibration.scale() >= 1 && calibration.scale() <= Calibration.MAX_DERIVED, calibration.toString());
        assertTrue(calibration.tookMs() >= calibration.childJvmStartMs(), calibration.toString());
    }
}
