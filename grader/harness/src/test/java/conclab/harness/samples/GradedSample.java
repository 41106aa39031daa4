package conclab.harness.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import conclab.harness.Hint;
import conclab.harness.Points;
import conclab.harness.Visibility;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Tests run by the harness's own tests through the Launcher. Not a test class of the build (its
 * name does not end in Test): two of its tests fail on purpose.
 */
@Points(2)
public class GradedSample {

    @Test
    public void passes() {
        assertEquals(1, 1);
    }

    @Test
    @Points(5)
    @Hint("sum")
    public void failsWithAHint() {
        assertEquals(4, 2 + 1, "2 + 1");
    }

    @Test
    @Hint("stub")
    public void throwsLikeAStub() {
        throw new UnsupportedOperationException("TODO: implement the sample");
    }

    @Test
    @Points(0)
    @Visibility(Visibility.Level.AFTER_DUE_DATE)
    public void worthNothing() {
    }

    @ParameterizedTest
    @Points(3)
    @ValueSource(ints = {1, 2, 3})
    public void oneInvocationFails(int n) {
        assertEquals(true, n < 3, "n < 3");
    }

    @Nested
    public class Inner {
        @Test
        public void inheritsTheClassPoints() {
        }
    }
}
