package conclab.lab;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a class of an exercise that is given to you complete, like the exercises' records, enums,
 * interfaces and exceptions: you need not change it. The grader judges with its own copy of every
 * given type, so a change you make to one changes nothing in what the tests expect (your own code
 * still uses yours).
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface Given {
}
