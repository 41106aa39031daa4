package conclab.harness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class TimingScaleTest {

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

    @Test
    void attemptsAreAWholeNumberOfAtLeastOne() {
        assertEquals(3, Timing.parseAttempts("3"));
        assertEquals(1, Timing.parseAttempts("1"));
        assertThrows(IllegalStateException.class, () -> Timing.parseAttempts("0"));
        assertThrows(IllegalStateException.class, () -> Timing.parseAttempts("two"));
    }

    @Test
    void aDurationPastItsBoundFailsWithTheOneRetriedFailure() {
        Timing.assertWithin(Duration.ofMillis(700), Duration.ofMillis(700), "x", "");
        TimingBoundExceeded failure = assertThrows(TimingBoundExceeded.class, () ->
                Timing.assertWithin(Duration.ofMillis(701), Duration.ofMillis(700), "join(200 ms)",
                        "Give up after the timeout."));
        assertEquals(701, failure.measuredMs());
        assertEquals(700, failure.boundMs());
        assertEquals("join(200 ms) took 701 ms; expected at most 700 ms. Give up after the timeout.",
                failure.getMessage());
    }
}
