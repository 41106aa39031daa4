package conclab.process;

/**
 * The process this code runs in: its pid, its parent's pid and its name, the Java counterpart of
 * Python's {@code os.getpid()}, {@code os.getppid()} and {@code current_process().name}.
 * (Reference solution.)
 */
public final class CurrentProcess {

    /** The name of a JVM that was not started as a {@link JvmProcess}. */
    public static final String MAIN_NAME = "MainProcess";

    private static volatile String name = MAIN_NAME;

    private CurrentProcess() {
    }

    /** This process's id. */
    public static long pid() {
        return ProcessHandle.current().pid();
    }

    /** The id of the process that started this one, or -1 where the platform cannot tell. */
    public static long parentPid() {
        return ProcessHandle.current().parent().map(ProcessHandle::pid).orElse(-1L);
    }

    /** This process's name. */
    public static String name() {
        return name;
    }

    /** Called by {@link SpawnMain} in a child, before the child's code runs. */
    static void name(String childName) {
        name = childName;
    }
}
