package conclab.harness;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The points a test is worth. On a class, the default for every test method in it that has no
 * {@code @Points} of its own. A test with neither is worth {@value #DEFAULT}.
 *
 * <pre>{@code
 * @Points(2)
 * class UdpEchoServerTest {
 *     @Test void echoesOneDatagram() { ... }              // 2 points
 *     @Test @Points(5) void servesConcurrentClients() { ... } // 5 points
 * }
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface Points {

    /** Points of a test that says nothing. */
    int DEFAULT = 1;

    /** Points earned when the test passes; zero or more. */
    int value();
}
