package conclab.process;

/**
 * The main class of every child JVM that {@link JvmProcess#start()} starts: the child's side of
 * starting a process. Python has the same piece, {@code multiprocessing.spawn.spawn_main}: a
 * spawned child runs it first, and it rebuilds the process object and calls its {@code run()}.
 *
 * <p>In a child it:
 * <ol>
 *   <li>tells {@link CurrentProcess} the child's name, before any of the child's code runs;</li>
 *   <li>rebuilds what to run, from nothing but its own arguments: for a task, a fresh instance
 *       of the task class (public no-argument constructor); for a {@link JvmProcess} subclass, a
 *       fresh instance made with the subclass's public {@code (String... args)} constructor and
 *       the handle's arguments, named with the handle's name (so that {@code name()} inside
 *       {@code run()} answers it);</li>
 *   <li>runs it, and lets whatever it throws out of {@code main}: the given
 *       {@code conclab.lab.ChildMain} that calls this {@code main} then prints the stack trace
 *       and exits with 1. A {@code main} that returns normally ends the child with 0.</li>
 * </ol>
 * <p>What the arguments look like is for you to decide together with
 * {@link JvmProcess#start()}, which writes them; for instance
 * {@code NAME task CLASS ARGS...} and {@code NAME subclass CLASS ARGS...}. Every argument is a
 * string and arrives unchanged (spaces, empty strings and all): no shell is involved.
 */
public final class SpawnMain {

    private SpawnMain() {
    }

    /**
     * Runs in the child JVM, with the arguments {@link JvmProcess#start()} wrote.
     *
     * @param args as written by {@link JvmProcess#start()}
     * @throws Exception what the child's code threw: the child then exits with code 1
     */
    public static void main(String[] args) throws Exception {
        throw new UnsupportedOperationException("TODO: read the name, the style and the class"
                + " from args; tell CurrentProcess the name; rebuild the task or the JvmProcess"
                + " subclass from the remaining args; run it");
    }
}
