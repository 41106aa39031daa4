package conclab.harness;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Who may see a test's result, in Gradescope's terms. Without it, public tests are
 * {@link Level#VISIBLE} and the hidden tests shipped with the grader are {@link Level#HIDDEN}.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface Visibility {

    Level value();

    /** Gradescope's visibility values; {@link #jsonName()} is the spelling in reports. */
    enum Level {
        VISIBLE, HIDDEN, AFTER_DUE_DATE, AFTER_PUBLISHED;

        public String jsonName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }
}
