package conclab.grader.fork;

import conclab.harness.CallDidNotReturn;
import conclab.harness.FailureHint;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * Describes a test's failure without running any code of the submission: a submission's exception
 * may override {@code getMessage()}, {@code toString()} or {@code getCause()} to throw, loop or
 * lie. The fields of {@link Throwable} are read directly instead (the fork opens
 * {@code java.lang} to itself for this).
 */
final class TrustedFailure {

    private static final Field DETAIL_MESSAGE = field("detailMessage");
    private static final Field CAUSE = field("cause");
    private static final Method STACK_TRACE = stackTraceMethod();
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
                text.append(f.getClass().getName()).append(message == null ? "" : ": " + message);
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
        if (trusted(t.getClass())) {
            try {
                return t.getMessage(); // e.g. the JDK's helpful NullPointerException text
            } catch (RuntimeException e) {
                // fall back on the stored message
            }
        }
        try {
            Object value = DETAIL_MESSAGE.get(t);
            return value instanceof String s ? s : null;
        } catch (IllegalAccessException e) {
            return null;
        }
    }

    /**
     * Whether a class's code can be trusted to describe itself: the JDK's, JUnit's and
     * opentest4j's. A submission can never supply classes in those packages.
     */
    private static boolean trusted(Class<?> type) {
        ClassLoader loader = type.getClassLoader();
        String name = type.getName();
        return loader == null || loader == ClassLoader.getPlatformClassLoader()
                || name.startsWith("org.junit.") || name.startsWith("org.opentest4j.");
    }

    private static Throwable cause(Throwable t) {
        try {
            Object value = CAUSE.get(t);
            return value == t || !(value instanceof Throwable c) ? null : c;
        } catch (IllegalAccessException e) {
            return null;
        }
    }

    private static StackTraceElement[] frames(Throwable t) {
        try {
            return STACK_TRACE == null ? new StackTraceElement[0]
                    : (StackTraceElement[]) STACK_TRACE.invoke(t);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return new StackTraceElement[0];
        }
    }

    private static Field field(String name) {
        try {
            Field field = Throwable.class.getDeclaredField(name);
            field.setAccessible(true);
            return field;
        } catch (NoSuchFieldException e) {
            throw new IllegalStateException("this JDK's Throwable has no field " + name, e);
        }
    }

    private static Method stackTraceMethod() {
        try {
            // private, so no subclass can override it, unlike getStackTrace()
            Method method = Throwable.class.getDeclaredMethod("getOurStackTrace");
            method.setAccessible(true);
            return method;
        } catch (NoSuchMethodException e) {
            return null;
        }
    }
}
