package conclab.process;

import java.lang.reflect.InvocationTargetException;
import java.util.Arrays;

/**
 * The main class of every child JVM that {@link JvmProcess#start()} starts. (Reference solution.)
 */
public final class SpawnMain {

    /** The second argument of a child that runs a {@link Task}. */
    static final String TASK = "task";
    /** The second argument of a child that runs a {@link JvmProcess} subclass. */
    static final String SUBCLASS = "subclass";

    private SpawnMain() {
    }

    /**
     * Runs in the child: {@code NAME task TASK_CLASS ARGS...} or
     * {@code NAME subclass PROCESS_CLASS ARGS...}.
     *
     * @param args as written by {@link JvmProcess#start()}
     * @throws Exception what the child's code threw: the child then exits with code 1
     */
    public static void main(String[] args) throws Exception {
        if (args.length < 3 || !(args[1].equals(TASK) || args[1].equals(SUBCLASS))) {
            throw new IllegalArgumentException("usage: SpawnMain NAME task|subclass CLASS [ARGS...],"
                    + " as JvmProcess.start() writes it; got " + Arrays.toString(args));
        }
        String name = args[0];
        String[] rest = Arrays.copyOfRange(args, 3, args.length);
        CurrentProcess.name(name);
        JvmProcess process = args[1].equals(TASK)
                ? JvmProcess.target(args[2], rest)
                : rebuild(args[2], rest);
        process.name(name);
        try {
            process.run();
        } finally {
            System.out.flush();
            System.err.flush();
        }
    }

    private static JvmProcess rebuild(String className, String[] args) throws Exception {
        Class<? extends JvmProcess> type = Class.forName(className).asSubclass(JvmProcess.class);
        try {
            return type.getConstructor(String[].class).newInstance((Object) args);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof Exception cause) {
                throw cause;
            }
            throw e;
        }
    }
}
