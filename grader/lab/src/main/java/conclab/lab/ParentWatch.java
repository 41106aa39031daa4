package conclab.lab;

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
 */
public final class ParentWatch {

    /** Exit status of a JVM that ended because its parent had ended. */
    public static final int ORPHANED_EXIT_STATUS = 3;

    private ParentWatch() {
    }

    /** Starts watching; returns at once. Does nothing if this JVM has no parent to watch. */
    public static void start() {
        ProcessHandle.current().parent().ifPresent(parent -> parent.onExit()
                // halt, not exit: shutdown hooks of an orphan could block or wait forever.
                .thenRun(() -> Runtime.getRuntime().halt(ORPHANED_EXIT_STATUS)));
    }
}
