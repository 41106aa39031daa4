package conclab.lab;

import java.util.Optional;

/**
 * Ends this JVM when its parent process ends. Killing a process does not kill its children (they
 * are re-parented and live on), so every child JVM of conclab watches its parent instead.
 *
 * <pre>{@code
 * public static void main(String[] args) {
 *     ParentWatch.start();   // first line of a child's main
 *     ...
 * }
 * }</pre>
 *
 * {@link ChildJvm} passes the parent's pid to the child in the system property
 * {@value #PARENT_PID_PROPERTY}: a parent killed while the child JVM was still starting has
 * already handed its child over to another process, and only the pid tells.
 */
public final class ParentWatch {

    /**
     * Exit status of a JVM that ended because its parent had ended (not 3, which the JVM uses
     * for {@code -XX:+ExitOnOutOfMemoryError}).
     */
    public static final int ORPHANED_EXIT_STATUS = 66;

    /** System property holding the pid of the process that started this JVM. */
    public static final String PARENT_PID_PROPERTY = "conclab.lab.parentPid";

    private ParentWatch() {
    }

    /** Starts watching; returns at once. Does nothing if this JVM has no parent to watch. */
    public static void start() {
        Optional<ProcessHandle> parent = ProcessHandle.current().parent();
        String expected = System.getProperty(PARENT_PID_PROPERTY);
        if (expected != null && parent.map(p -> !String.valueOf(p.pid()).equals(expected.trim())).orElse(true)) {
            orphaned();
        }
        // halt, not exit: shutdown hooks of an orphan could block or wait forever
        parent.ifPresent(p -> p.onExit().thenRun(ParentWatch::orphaned));
    }

    private static void orphaned() {
        Runtime.getRuntime().halt(ORPHANED_EXIT_STATUS);
    }
}
