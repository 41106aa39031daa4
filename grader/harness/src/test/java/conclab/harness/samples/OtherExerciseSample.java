package conclab.harness.samples;

import conclab.harness.Exercise;
import org.junit.jupiter.api.Test;

/** A sample test class that counts for an exercise other than its package's. */
@Exercise("other")
public class OtherExerciseSample {

    @Test
    public void countsForOther() {
    }
}
