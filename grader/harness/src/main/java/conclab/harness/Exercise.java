package conclab.harness;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Assigns a test class to an exercise other than the one its package names. Without it, the
 * exercise is the last segment of the package: {@code conclab.udp.UdpEchoServerTest} belongs to
 * exercise {@code udp}. Tag the class with the same id ({@code @Tag("udp")}) so that
 * {@code mvn test -Dgroups=udp} runs it.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface Exercise {

    /** The exercise id, e.g. {@code "udp"}. */
    String value();
}
