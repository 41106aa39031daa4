package conclab.harness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class TimingTest {

    @Test
    void shortWaitsGetAFixedSlackLongOnesTripleTime() {
        assertEquals(Duration.ofMillis(350), Timing.upperBound(Duration.ofMillis(100), 1));
        assertEquals(Duration.ofMillis(3000), Timing.upperBound(Duration.ofMillis(1000), 1));
    }

    @Test
    void theScaleStretchesTheBound() {
        assertEquals(Duration.ofMillis(700), Timing.upperBound(Duration.ofMillis(100), 2));
    }

    @Test
    void theScaleIsReadOnceSoCodeUnderTestCannotLoosenIt() {
        double scale = Timing.scale();
        System.setProperty(Timing.SCALE_PROPERTY, "100");
        try {
            assertEquals(scale, Timing.scale());
            assertEquals(Timing.upperBound(Duration.ofMillis(100), scale), Timing.upperBound(Duration.ofMillis(100)));
        } finally {
            System.clearProperty(Timing.SCALE_PROPERTY);
        }
    }

    @Test
    void aScaleBelowOneOrNotANumberIsRefused() {
        assertEquals(2.5, Timing.parseScale("2.5"));
        assertThrows(IllegalStateException.class, () -> Timing.parseScale("0.5"));
        assertThrows(IllegalStateException.class, () -> Timing.parseScale("fast"));
        assertThrows(IllegalStateException.class, () -> Timing.parseScale("NaN"));
    }
}
