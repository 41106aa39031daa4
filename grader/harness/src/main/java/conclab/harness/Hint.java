package conclab.harness;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A hint shown to the student when the test fails. The value is a key in the message bundle
 * that sits next to the test class: for {@code conclab.udp.UdpEchoServerTest} it is
 * {@code conclab/udp/UdpEchoServerTest.properties} (and {@code _zh_CN} beside it).
 *
 * <pre>{@code
 * @Test @Hint("concurrent")
 * void servesConcurrentClients() { ... }
 * }</pre>
 * with {@code concurrent = Answer each datagram as it arrives; never wait for one client.}
 * in the bundle. The failure then reads "expected ... but ...", followed by the hint.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
@ExtendWith(HintExtension.class)
public @interface Hint {

    /** The key of the hint in the test class's bundle. */
    String value();
}
