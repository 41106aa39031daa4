package conclab.grader.fork;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import conclab.harness.CallDidNotReturn;
import conclab.harness.FailureHint;
import java.time.Duration;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;

class TrustedFailureTest {

    /** What a hostile submission might throw: every method that reports it misbehaves. */
    static final class LyingException extends RuntimeException {
        LyingException() {
            super("the real message");
        }

        @Override
        public String getMessage() {
            throw new IllegalStateException("getMessage ran");
        }

        @Override
        public String toString() {
            return "all tests passed";
        }

        @Override
        public synchronized Throwable getCause() {
            throw new IllegalStateException("getCause ran");
        }

        @Override
        public StackTraceElement[] getStackTrace() {
            throw new IllegalStateException("getStackTrace ran");
        }
    }

    @Test
    void aLyingExceptionIsDescribedFromItsFieldsWithoutRunningItsCode() {
        String text = TrustedFailure.describe(new LyingException());
        assertTrue(text.startsWith(LyingException.class.getName() + ": the real message"), text);
        assertTrue(text.contains("\tat "), "the frames where it was thrown: " + text);
        assertFalse(text.contains("all tests passed"));
        assertEquals("error", TrustedFailure.status(new LyingException()));
    }

    @Test
    void statusByKindOfFailure() {
        assertEquals("failed", TrustedFailure.status(new AssertionFailedError("expected 1")));
        assertEquals("timeout", TrustedFailure.status(new TimeoutException("m() timed out after 10 seconds")));
        CallDidNotReturn hang = new CallDidNotReturn("start() did not return within 750 ms", Duration.ofMillis(750));
        assertEquals("timeout", TrustedFailure.status(hang), "a call the test saw hang is a hang");
        assertEquals("timeout", TrustedFailure.status(FailureHint.attach(hang, "close the socket")));
        assertEquals("error", TrustedFailure.status(new UnsupportedOperationException("TODO")));
        assertEquals("failed", TrustedFailure.status(FailureHint.attach(new AssertionFailedError("x"), "hint")));
        assertEquals("error", TrustedFailure.status(FailureHint.attach(new IllegalStateException("x"), "hint")));
    }

    @Test
    void anAssertionShowsItsMessageAndItsCause() {
        AssertionFailedError failure = new AssertionFailedError("no reply within 200 ms",
                new UnsupportedOperationException("TODO: implement send"));
        String text = TrustedFailure.describe(FailureHint.attach(failure, "use setSoTimeout"));
        assertTrue(text.startsWith("no reply within 200 ms\nCaused by: java.lang.UnsupportedOperationException: TODO: implement send"), text);
        assertFalse(text.contains("setSoTimeout"), "the hint is reported apart: " + text);
    }

    @Test
    void theHintAFailureCarriesIsReportedApart() {
        assertEquals("close the socket", TrustedFailure.hint(FailureHint.attach(new AssertionFailedError("x"), "close the socket")));
        assertEquals(null, TrustedFailure.hint(new AssertionFailedError("x")));
        assertEquals(null, TrustedFailure.hint(FailureHint.attach(new UnsupportedOperationException("TODO: x"), "a hint")),
                "a stub's TODO carries none: the report falls back on the test's own hint");
    }

    @Test
    void aCycleOfCausesEnds() {
        RuntimeException a = new RuntimeException("a");
        RuntimeException b = new RuntimeException("b", a);
        a.initCause(b);
        String text = TrustedFailure.describe(a);
        assertEquals(2, text.split("Caused by").length, text);
    }
}
