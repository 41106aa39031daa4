package conclab.harness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import conclab.harness.samples.GradedSample;
import conclab.harness.samples.OtherExerciseSample;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class GradedTestTest {

    private static GradedTest of(Class<?> type, String method, Class<?>... parameters) throws Exception {
        return GradedTest.of(type.getMethod(method, parameters));
    }

    @Test
    void methodPointsWinOverTheClassDefault() throws Exception {
        assertEquals(2, of(GradedSample.class, "passes").points());
        assertEquals(5, of(GradedSample.class, "failsWithAHint").points());
        assertEquals(0, of(GradedSample.class, "worthNothing").points());
        assertEquals(1, of(OtherExerciseSample.class, "countsForOther").points(), "the default is 1");
    }

    @Test
    void nestedClassesLookOutwards() throws Exception {
        GradedTest inner = of(GradedSample.Inner.class, "inheritsTheClassPoints");
        assertEquals(2, inner.points());
        assertEquals("samples", inner.exercise());
    }

    @Test
    void exerciseIsThePackageUnlessAnnotated() throws Exception {
        assertEquals("samples", of(GradedSample.class, "passes").exercise());
        assertEquals("other", of(OtherExerciseSample.class, "countsForOther").exercise());
    }

    @Test
    void hintsAndVisibility() throws Exception {
        GradedTest hinted = of(GradedSample.class, "failsWithAHint");
        assertEquals(Optional.of("sum"), hinted.hintKey());
        assertEquals(Optional.of("Add the numbers again."), hinted.hint(GradedSample.class));
        assertEquals(Optional.empty(), of(GradedSample.class, "passes").hintKey());
        assertEquals(Optional.of(Visibility.Level.AFTER_DUE_DATE), of(GradedSample.class, "worthNothing").visibility());
        assertEquals("after_due_date", Visibility.Level.AFTER_DUE_DATE.jsonName());
    }

    @Test
    void aMissingHintSaysSoInsteadOfFailing() throws Exception {
        String text = of(GradedSample.class, "throwsLikeAStub").hint(GradedSample.class).orElseThrow();
        assertTrue(text.contains("'stub'") && text.contains("GradedSample"), text);
    }

    @Test
    void negativePointsAreRefused() {
        assertThrows(IllegalArgumentException.class,
                () -> new GradedTest("x", -1, Optional.empty(), Optional.empty()));
    }
}
