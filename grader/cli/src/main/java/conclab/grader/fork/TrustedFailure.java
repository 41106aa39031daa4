package conclab.grader.fork;

import conclab.boundary.Codec;
import conclab.boundary.ThrowableFields;
import conclab.harness.CallDidNotReturn;
import conclab.harness.FailureHint;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * Describes a test's failure from {@link Throwable}'s own fields ({@link ThrowableFields}): the
 * exceptions here were rebuilt from the submission's by the boundary, and even those are never
 * asked to describe themselves. A rebuilt exception is named by the class it had where it was
 * thrown.
 */
final class TrustedFailure {

    private static final int FRAMES_SHOWN = 4;

    private TrustedFailure() {
    }

    /** The failure as the test threw it (the harness no longer wraps it to attach a hint). */
    static Throwable unwrap(Throwable failure) {
        return failure;
    }

    /**
     * The hint the failure carries ({@link FailureHint}, a suppressed exception the harness adds
     * in this JVM: trusted, unlike the failure's own code), or null.
     */
    static String hint(Throwable failure) {
        try {
            for (Throwable suppressed : failure.getSuppressed()) { // final in Throwable
                if (suppressed.getClass() == FailureHint.class) {
                    return ((FailureHint) suppressed).hint();
                }
            }
        } catch (RuntimeException e) {
            // nothing readable: no hint of its own
        }
        return null;
    }

    /** The status a failure gives its test. */
    static String status(Throwable failure) {
        Throwable f = unwrap(failure);
        if (f == null) {
            return "error";
        }
        // JUnit's timeout, or a call the test itself saw hang
        if (f.getClass() == java.util.concurrent.TimeoutException.class || f instanceof CallDidNotReturn) {
            return "timeout";
        }
        return f instanceof AssertionError ? "failed" : "error";
    }

    /**
     * The text shown for a failure: an assertion's own message; for any other exception its type,
     * message, the frames where it was thrown, and its causes.
     */
    static String describe(Throwable failure) {
        StringBuilder text = new StringBuilder();
        Map<Throwable, Boolean> seen = new IdentityHashMap<>();
        Throwable f = unwrap(failure);
        boolean first = true;
        while (f != null && seen.put(f, true) == null) {
            String message = message(f);
            if (!first) {
                text.append("\nCaused by: ");
            }
            if (first && f instanceof AssertionError && message != null) {
                text.append(message);
            } else {
                // the class it was where it was thrown, when this side rebuilt it as an ancestor
                text.append(Codec.originalClassName(f)).append(message == null ? "" : ": " + message);
                StackTraceElement[] frames = frames(f);
                for (int i = 0; i < Math.min(FRAMES_SHOWN, frames.length); i++) {
                    text.append("\n\tat ").append(frames[i]);
                }
            }
            first = false;
            f = cause(f);
        }
        return text.toString();
    }

    private static String message(Throwable t) {
        String name = t.getClass().getName();
        if (name.startsWith("org.junit.") || name.startsWith("org.opentest4j.") || name.startsWith("conclab.harness.")) {
            try {
                return t.getMessage(); // the tests' own assertions (assertAll's computes its text)
            } catch (RuntimeException e) {
                // fall back on the stored message
            }
        }
        return ThrowableFields.message(t);
    }

    private static Throwable cause(Throwable t) {
        return ThrowableFields.cause(t);
    }

    private static StackTraceElement[] frames(Throwable t) {
        return ThrowableFields.stack(t);
    }
}
