package conclab.harness;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.TestTemplate;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A test that judges a measured duration against an upper bound, used instead of {@code @Test}.
 * It runs again, up to {@link Timing#attempts()} times in all, only when it failed with
 * {@link TimingBoundExceeded}: a busy machine can make a correct solution slow once, while a
 * wrong one fails every attempt. Each attempt is a fresh invocation (a new instance, its own
 * set-up, tear-down and timeout); the test passes if its last attempt does. Tagged
 * {@value #TAG}, so {@code mvn test -DexcludedGroups=timing} leaves such tests out.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@TestTemplate
@Tag(TimingTest.TAG)
@ExtendWith(TimingAttempts.class)
public @interface TimingTest {

    /** The tag of every timing test. */
    String TAG = "timing";
}
