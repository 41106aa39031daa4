package conclab.states;

/**
 * The moves (transitions) of the process state model. Given: you do not write this; which state
 * each move leaves and which it leads to is the table in {@link ProcessStateMachine}, and that
 * table is yours to write.
 */
public enum Move {

    /** The operating system admits a new process: it joins the ready queue. */
    ADMIT,

    /** The scheduler gives a ready process a CPU. */
    DISPATCH,

    /**
     * The running process loses the CPU without having asked for it: its time slice ran out, or a
     * more important process needs the CPU (a time-out, or preemption).
     */
    PREEMPT,

    /** The running process asks for input or output (a file, a socket, the keyboard) and waits for it. */
    WAIT_FOR_IO,

    /** The input or output that a blocked process waited for has finished. */
    IO_DONE,

    /** The running process ends. */
    EXIT
}
