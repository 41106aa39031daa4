package conclab.boundary;

import java.lang.reflect.Field;
import java.lang.reflect.Method;

/**
 * What an exception holds, read from {@link Throwable}'s own fields rather than through methods
 * that a subclass may override to throw, loop or lie ({@code getMessage()}, {@code getCause()},
 * {@code getStackTrace()}). Only the JDK's own exceptions are asked for their message, for the
 * text they compute (a helpful {@code NullPointerException}'s). Needs {@code java.lang} opened to
 * this code ({@code --add-opens=java.base/java.lang=ALL-UNNAMED}); without it, falls back on the
 * methods.
 */
public final class ThrowableFields {

    private static final Field DETAIL_MESSAGE = field("detailMessage");
    private static final Field CAUSE = field("cause");
    private static final Method STACK_TRACE = stackTraceMethod();

    private ThrowableFields() {
    }

    /** The message it was made with (the JDK's own computes theirs). */
    public static String message(Throwable t) {
        if (jdk(t.getClass()) || DETAIL_MESSAGE == null) {
            try {
                return t.getMessage();
            } catch (RuntimeException | StackOverflowError e) {
                // fall back on the stored message
            }
        }
        try {
            Object value = DETAIL_MESSAGE == null ? null : DETAIL_MESSAGE.get(t);
            return value instanceof String s ? s : null;
        } catch (IllegalAccessException e) {
            return null;
        }
    }

    /** Its cause, or null (the JDK's own may keep it elsewhere, as ExceptionInInitializerError does). */
    public static Throwable cause(Throwable t) {
        try {
            Object value = CAUSE == null || jdk(t.getClass()) ? t.getCause() : CAUSE.get(t);
            return value == t || !(value instanceof Throwable c) ? null : c;
        } catch (IllegalAccessException | RuntimeException e) {
            return null;
        }
    }

    /** Where it was thrown, top first. */
    public static StackTraceElement[] stack(Throwable t) {
        try {
            return STACK_TRACE == null ? t.getStackTrace() : (StackTraceElement[]) STACK_TRACE.invoke(t);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return new StackTraceElement[0];
        }
    }

    /** Whether a class is the JDK's own, whose code can be trusted to describe itself. */
    public static boolean jdk(Class<?> type) {
        ClassLoader loader = type.getClassLoader();
        return loader == null || loader == ClassLoader.getPlatformClassLoader();
    }

    private static Field field(String name) {
        try {
            Field field = Throwable.class.getDeclaredField(name);
            field.setAccessible(true);
            return field;
        } catch (NoSuchFieldException | RuntimeException e) {
            return null;
        }
    }

    private static Method stackTraceMethod() {
        try {
            // private, so no subclass can override it, unlike getStackTrace()
            Method method = Throwable.class.getDeclaredMethod("getOurStackTrace");
            method.setAccessible(true);
            return method;
        } catch (NoSuchMethodException | RuntimeException e) {
            return null;
        }
    }
}
