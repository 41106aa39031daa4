package conclab.harness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TimingTest {

    @AfterEach
    void clearScale() {
        System.clearProperty(Timing.SCALE_PROPERTY);
    }

    @Test
    void shortWaitsGetAFixedSlackLongOnesTripleTime() {
        assertEquals(Duration.ofMillis(350), Timing.upperBound(Duration.ofMillis(100)));
        assertEquals(Duration.ofMillis(3000), Timing.upperBound(Duration.ofMillis(1000)));
    }

    @Test
    void theScaleStretchesTheBound() {
        System.setProperty(Timing.SCALE_PROPERTY, "2");
        assertEquals(2.0, Timing.scale());
        assertEquals(Duration.ofMillis(700), Timing.upperBound(Duration.ofMillis(100)));
    }

    @Test
    void aScaleBelowOneOrNotANumberIsRefused() {
        System.setProperty(Timing.SCALE_PROPERTY, "0.5");
        assertThrows(IllegalStateException.class, Timing::scale);
        System.setProperty(Timing.SCALE_PROPERTY, "fast");
        assertThrows(IllegalStateException.class, Timing::scale);
    }
}
