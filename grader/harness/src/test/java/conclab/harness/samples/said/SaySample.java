package conclab.harness.samples.said;

import static org.junit.jupiter.api.Assertions.assertEquals;

import conclab.harness.Hint;
import conclab.harness.Say;
import org.junit.jupiter.api.Test;

/**
 * Tests that speak through {@link Say}, run by the harness's own tests through the Launcher (not
 * a test class of the build: they fail on purpose).
 */
public class SaySample {

    private static final Say SAY = Say.of(SaySample.class);

    @Test
    @Hint("general")
    public void failsAtAStepWithAHintOfItsOwn() {
        assertEquals(1, 1, SAY.text("sum", 1, 0));
        SAY.hinting("carry", () -> assertEquals(10, 9 + 0, SAY.text("sum", 9, 0)));
    }

    @Test
    @Hint("general")
    public void failsOutsideAnyStep() {
        assertEquals(2, 3, SAY.text("sum", 1, 1));
    }

    @Test
    @Hint("general")
    public void aStubInsideAStepCarriesNoHint() {
        SAY.hinting("carry", () -> {
            throw new UnsupportedOperationException("TODO: add");
        });
    }

    @Test
    @Hint("general")
    public void theInnerStepWins() {
        SAY.hinting("general", () -> SAY.hinting("carry", () -> assertEquals(1, 2, "inner")));
    }

    @Test
    public void aMissingKeyIsShownAsTheSuitesDefect() {
        assertEquals(1, 2, SAY.text("no.such.key"));
    }
}
