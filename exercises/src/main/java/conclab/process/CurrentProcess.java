package conclab.process;

/**
 * The process this code runs in: its pid, its parent's pid and its name. The Java counterpart
 * of Python's {@code os.getpid()}, {@code os.getppid()} and {@code current_process().name}.
 *
 * <p>Code running in a child JVM asks here who it is:
 * <pre>{@code
 * public final class WhoAmI implements Task {
 *     @Override
 *     public void run(List<String> args) {
 *         System.out.println("I am " + CurrentProcess.name()         // Process-1
 *                 + ", pid " + CurrentProcess.pid()                   // e.g. 5678
 *                 + ", started by " + CurrentProcess.parentPid());    // the parent JVM's pid
 *     }
 * }
 * }</pre>
 * In the parent, {@code CurrentProcess.pid()} is the parent's own pid and the child's is
 * {@link JvmProcess#pid()}: two processes, two pids. (The lecture prints {@code os.getpid()} in
 * the parent right after {@code start()} and calls it the child's pid: it is the parent's.)
 *
 * <p>The name of a JVM that was not started as a {@link JvmProcess} is {@value #MAIN_NAME}, as
 * in Python. In a child it is the name of the handle that started it: {@link SpawnMain} tells
 * this class before the child's code runs.
 */
public final class CurrentProcess {

    /** The name of a JVM that was not started as a {@link JvmProcess}. */
    public static final String MAIN_NAME = "MainProcess";

    // TODO: this JVM's process name, MAIN_NAME until SpawnMain sets the child's.

    private CurrentProcess() {
    }

    /**
     * This process's id.
     *
     * @return the pid of the JVM this code runs in
     */
    public static long pid() {
        throw new UnsupportedOperationException("TODO: the pid of this JVM (ProcessHandle.current())");
    }

    /**
     * The id of the process that started this one: for a child, the parent JVM's pid.
     *
     * @return the parent's pid, or -1 where the platform cannot tell
     */
    public static long parentPid() {
        throw new UnsupportedOperationException("TODO: the pid of this JVM's parent"
                + " (ProcessHandle.current().parent()), -1 if unknown");
    }

    /**
     * This process's name: the handle's name in a child, {@value #MAIN_NAME} otherwise.
     *
     * @return the name
     */
    public static String name() {
        throw new UnsupportedOperationException("TODO: MainProcess, or the name SpawnMain was"
                + " given in a child");
    }
}
