package conclab.states;

/**
 * Where a process is in its life. Given: you do not write this.
 *
 * <p>The lecture's three states, {@link #READY}, {@link #RUNNING} and {@link #BLOCKED}, are where a
 * process spends its life; {@link #NEW} and {@link #TERMINATED} are its birth and its end. See
 * {@link ProcessStateMachine} for the moves between them.
 */
public enum State {

    /** Created, but not yet admitted by the operating system: it cannot compete for a CPU yet. */
    NEW,

    /** Has everything it needs except a CPU, and waits in the ready queue for one (就绪态). */
    READY,

    /** Holds a CPU and executes its instructions (运行态). On one CPU, at most one process runs. */
    RUNNING,

    /** Waits for something other than the CPU, e.g. input or output to finish (阻塞态). */
    BLOCKED,

    /** Has exited. It never runs again. */
    TERMINATED
}
