package conclab.boundary;

import java.util.Arrays;

/**
 * Stack traces that read as if the call had not crossed: an exception thrown on the other side
 * shows that side's frames down to the method called, then the caller's own frames on this side,
 * without the boundary's machinery in between.
 */
final class Traces {

    private Traces() {
    }

    /** Cuts the frames of the dispatch that ran the call from {@code thrown} and its causes. */
    static void cutDispatch(Throwable thrown) {
        int depth = 0;
        for (Throwable t = thrown; t != null && depth < 32; t = t.getCause(), depth++) {
            StackTraceElement[] stack = t.getStackTrace();
            int cut = -1;
            for (int i = 0; i < stack.length; i++) {
                if (stack[i].getClassName().equals(Link.class.getName()) && stack[i].getMethodName().equals("serveCall")) {
                    cut = i;
                    break;
                }
            }
            if (cut < 0) {
                continue;
            }
            while (cut > 0 && dispatch(stack[cut - 1])) {
                cut--;
            }
            t.setStackTrace(Arrays.copyOf(stack, cut));
            if (t.getCause() == t) {
                break;
            }
        }
    }

    private static boolean dispatch(StackTraceElement frame) {
        String c = frame.getClassName();
        return c.startsWith("jdk.internal.reflect.") || c.startsWith("java.lang.reflect.")
                || c.startsWith("conclab.boundary.") || c.startsWith("conclab.executor.");
    }

    /** Adds to {@code thrown}'s frames, from the other side, those of this thread's caller. */
    static void continueHere(Throwable thrown) {
        StackTraceElement[] here = new Throwable().getStackTrace();
        int from = 0;
        while (from < here.length && here[from].getClassName().startsWith("conclab.boundary.")) {
            from++;
        }
        StackTraceElement[] remote = thrown.getStackTrace();
        StackTraceElement[] joined = Arrays.copyOf(remote, remote.length + here.length - from);
        System.arraycopy(here, from, joined, remote.length, here.length - from);
        thrown.setStackTrace(joined);
    }
}
